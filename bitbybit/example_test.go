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
	var apiErr *bitbybit.APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.Code == bitbybit.CodeRateLimitExceeded:
		fmt.Println("rate limited; try again in", apiErr.RetryAfter)
	case errors.As(err, &apiErr):
		fmt.Println("bitbybit refused the order:", apiErr.StatusCode, apiErr.Code, apiErr.Message)
	case errors.Is(err, bitbybit.ErrOutcomeUnknown):
		fmt.Println("the order may exist; look it up before creating it again")
	case err != nil:
		fmt.Println("not sent:", err)
	default:
		fmt.Printf("created order %s for %s: %s, %s, %d line(s)\n", *order.OrderNumber, *order.Customer.FirstName,
			*order.Status, *order.FinancialStatus, len(order.LineItems))
	}
	// Output: created order #1001 for Ada: active, pending, 1 line(s)
}
