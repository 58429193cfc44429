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
	var apiErr *konvo.APIError
	switch {
	case errors.As(err, &apiErr):
		fmt.Println("Konvo refused the batch:", apiErr.StatusCode, apiErr.Message)
	case errors.Is(err, konvo.ErrOutcomeUnknown):
		fmt.Println("the orders may exist; look them up before retrying")
	case err != nil:
		fmt.Println("not sent:", err)
	default:
		fmt.Println("created", *res.Count, "order(s), total", *res.Result[0].OrderTotal)
	}
	// Output: created 1 order(s), total 3995
}
