package joiorders_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
)

// Create an order against the in-process fake, and sort a failure by type.
func Example() {
	srv, err := joiorderstest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	// The vendor has no public server, so WithBaseURL is required.
	client, err := joiorders.New(joiorderstest.AccessToken, joiorders.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	// Ids are MongoDB ObjectIds; optional fields are pointers.
	shipTo, billTo := "63356b3b3a6353a69043680c", "63356b3b3a6353a69043680b"
	product, variant := "636d07be0438c42bc4d455e3", "636d07be0438c42bc4d455f2"
	order, err := client.CreateOrder(context.Background(), joiorders.CreateOrderRequest{
		CustomerID:        "6328113ba105cf37af7f623b",
		PaymentStatus:     joiorders.PaymentStatusPaid,
		OrderStatus:       joiorders.OrderStatusPending,
		ShippingAddressID: &shipTo,
		BillingAddressID:  &billTo,
		LineItems: []joiorders.LineItem{{
			ProductID: &product,
			VariantID: &variant,
			Quantity:  10,
			Price:     31.84, // decimal major units: $31.84
		}},
	})
	var (
		apiErr *joiorders.APIError
		valErr *joiorders.ValidationError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent:", valErr.Violations)
	case errors.Is(err, joiorders.ErrOutcomeUnknown):
		fmt.Println("the order may exist; look it up before creating it again")
	case errors.As(err, &apiErr):
		fmt.Println("refused:", apiErr.StatusCode, apiErr.Message)
	case err != nil:
		fmt.Println("failed:", err)
	default:
		fmt.Printf("created order with a %d-digit ObjectId, status %v\n", len(*order.ID), order.AdditionalProperties["orderStatus"])
	}
	// Output: created order with a 24-digit ObjectId, status pending
}
