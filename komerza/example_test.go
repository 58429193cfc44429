package komerza_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
)

// Create an order of two units against the in-process fake, and sort a
// failure by type.
func Example() {
	srv, err := komerzatest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	client, err := komerza.New(komerzatest.APIKey, komerza.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	order, err := client.CreateOrder(context.Background(), "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f", komerza.CreateOrderRequest{
		Items: []komerza.LineItemInput{{
			ProductID: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
			VariantID: "3c90c3cc-0d44-4b50-8888-8dd25736052b",
			Quantity:  2,
		}},
		Gateway:      "stripe", // the store's payment method code
		EmailAddress: "customer@example.com",
	})
	var (
		valErr *komerza.ValidationError
		apiErr *komerza.APIError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent; fix the order:", valErr.Violations)
	case errors.Is(err, komerza.ErrOutcomeUnknown):
		fmt.Println("the order may exist; look it up before sending it again")
	case errors.As(err, &apiErr) && apiErr.Code == komerza.CodeValidationError:
		fmt.Println("Komerza refused the order:", apiErr.Message, apiErr.FieldErrors)
	case errors.As(err, &apiErr):
		fmt.Println("Komerza created nothing:", apiErr.StatusCode, apiErr.Code, apiErr.Message)
	case err != nil:
		fmt.Println("not sent:", err)
	default:
		fmt.Printf("created order %s: %d line(s), %.2f %s, %s\n",
			*order.ID, len(order.Items), *order.Amount, *order.CurrencyCode, *order.Status)
	}
	// Output: created order 00000000-0000-4000-8000-000000000001: 1 line(s), 20.00 USD, Pending
}
