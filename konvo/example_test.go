package konvo_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

// Create a batch of one order against the in-process fake, and sort a failure
// by type.
func Example() {
	srv, err := konvotest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	client, err := konvo.New(konvotest.APIKey, konvo.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	res, err := client.CreateOrders(context.Background(), []konvo.OrderInput{{
		ID:           "order-1001",
		FriendlyName: "#1001",
		Customer:     konvo.OrderCustomer{ID: "cust-1", FirstName: "Ada", LastName: "Lovelace"},
		OrderTotal:   3995, // minor units: $39.95
		Currency:     "USD",
		Items: []konvo.OrderedItem{{
			ID: "variant-1", Sku: "MUG-01", Name: "Mug", Description: "Stoneware mug",
			Price: 3995, Msrp: 3995, ImageURL: "https://example.com/mug.jpg", Currency: "USD",
		}},
	}})
	var (
		valErr *konvo.ValidationError
		apiErr *konvo.APIError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent; fix the batch:", valErr.Violations)
	case errors.Is(err, konvo.ErrOutcomeUnknown):
		fmt.Println("the orders may exist; look them up before sending them again")
	case errors.As(err, &apiErr):
		fmt.Println("Konvo created nothing:", apiErr.StatusCode, apiErr.Message)
	case err != nil:
		fmt.Println("not sent:", err)
	default:
		fmt.Println("created", *res.Count, "order(s), total", *res.Result[0].OrderTotal)
	}
	// Output: created 1 order(s), total 3995
}

// WithResponseInto hands over what a support ticket needs, on success and on
// failure: the request id and every attempt. The fake is told to answer the
// first attempt with a 503, as a briefly unavailable Konvo would; the client
// retries it, since a 503 proves that nothing was created.
func ExampleWithResponseInto() {
	srv, err := konvotest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		panic(err)
	}
	srv.Inject(konvotest.Fault{Status: 503}) // injected

	var resp konvo.Response
	_, err = client.CreateOrders(context.Background(), []konvo.OrderInput{konvotest.MinimalOrder()},
		konvo.WithResponseInto(&resp))
	var (
		valErr *konvo.ValidationError
		apiErr *konvo.APIError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent; fix the batch:", valErr.Violations)
	case errors.Is(err, konvo.ErrOutcomeUnknown):
		fmt.Println("the orders may exist; ask Konvo about request", resp.RequestID)
	case errors.As(err, &apiErr):
		fmt.Println("Konvo created nothing:", apiErr)
	case err != nil:
		fmt.Println("not sent:", err)
	}
	for i, a := range resp.Attempts {
		fmt.Printf("attempt %d: %d, %s\n", i+1, a.StatusCode, a.Verdict)
	}
	// Output:
	// attempt 1: 503, retried: not created
	// attempt 2: 201, created
}
