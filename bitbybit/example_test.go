package bitbybit_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
)

// Create an order for a new customer against the in-process fake, and sort a
// failure by type.
func Example() {
	srv, err := bitbybittest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	client, err := bitbybit.New(bitbybittest.APIKey, bitbybit.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	phone := "+6281234567890"
	order, err := client.CreateOrder(context.Background(), bitbybit.CreateOrderRequest{
		Customer: &bitbybit.CustomerInput{FirstName: "Ada", LastName: "Lovelace", Phone: &phone},
		LineItems: []bitbybit.LineItemInput{
			{ProductVariantID: "pv_mug", Quantity: 2},
		},
		ShippingAddress: bitbybit.ShippingAddressInput{
			FirstName: "Ada", LastName: "Lovelace", Phone: phone,
			Address1: "Jl. Sudirman No. 45", City: "Jakarta", Province: "DKI Jakarta", Zip: "12190",
		},
	})
	var (
		valErr *bitbybit.ValidationError
		apiErr *bitbybit.APIError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent; fix the order:", valErr.Violations)
	case errors.Is(err, bitbybit.ErrOutcomeUnknown):
		fmt.Println("the order may exist; look it up before sending it again")
	case errors.As(err, &apiErr) && apiErr.Code == bitbybit.CodeRateLimitExceeded:
		fmt.Println("rate limited; nothing was created; send it again in", apiErr.RetryAfter)
	case errors.As(err, &apiErr):
		fmt.Println("bitbybit created nothing:", apiErr.StatusCode, apiErr.Code, apiErr.Message)
	case err != nil:
		fmt.Println("not sent:", err)
	default:
		fmt.Printf("created order %s for %s: %s, %s, %d line(s)\n", *order.OrderNumber, *order.Customer.FirstName,
			*order.Status, *order.FinancialStatus, len(order.LineItems))
	}
	// Output: created order #1001 for Ada: active, pending, 1 line(s)
}

// A 502 can come after the order was created. The fake is told to do exactly
// that here; a real vendor may, when it fails after committing the order or
// when a gateway in front of it gives up waiting. The error is both an
// *APIError and ErrOutcomeUnknown, so it must be tested for ErrOutcomeUnknown
// first: sending the order again would create it twice.
func Example_outcomeUnknown() {
	srv, err := bitbybittest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		panic(err)
	}
	srv.Inject(bitbybittest.Fault{Status: 502, RecordOrder: true}) // injected: created, then a 502

	customer := "cus_8f2k1"
	_, err = client.CreateOrder(context.Background(), bitbybit.CreateOrderRequest{
		CustomerID: &customer,
		LineItems:  []bitbybit.LineItemInput{{ProductVariantID: "pv_mug", Quantity: 1}},
		ShippingAddress: bitbybit.ShippingAddressInput{FirstName: "Ada", LastName: "Lovelace", Phone: "+6281234567",
			Address1: "Jl. Sudirman 1", City: "Jakarta", Province: "DKI Jakarta", Zip: "10220"},
	})
	var (
		valErr *bitbybit.ValidationError
		apiErr *bitbybit.APIError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent; fix the order:", valErr.Violations)
	case errors.Is(err, bitbybit.ErrOutcomeUnknown):
		fmt.Println("the order may exist; look it up before sending it again")
	case errors.As(err, &apiErr):
		fmt.Println("bitbybit created nothing:", apiErr.StatusCode)
	case err != nil:
		fmt.Println("not sent:", err)
	}
	fmt.Println("orders the fake holds:", len(srv.Ledger()))
	// Output:
	// the order may exist; look it up before sending it again
	// orders the fake holds: 1
}
