package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/ordersdk/ordersdk-go/bitbybit"
)

func main() {
	var opts []bitbybit.Option
	if u := os.Getenv("BITBYBIT_BASE_URL"); u != "" { // unset: bitbybit's production server
		opts = append(opts, bitbybit.WithBaseURL(u))
	}
	client, err := bitbybit.New(os.Getenv("BITBYBIT_API_KEY"), opts...)
	if err != nil {
		log.Fatal(err)
	}
	order, err := client.CreateOrder(context.Background(), bitbybit.CreateOrderRequest{
		CustomerID: new("cus_8f2k1"), // an existing customer
		LineItems:  []bitbybit.LineItemInput{{ProductVariantID: "pv_mug", Quantity: 1}},
		ShippingAddress: bitbybit.ShippingAddressInput{FirstName: "Ada", LastName: "Lovelace",
			Phone: "+6281234567", Address1: "Jl. Sudirman 1", City: "Jakarta", Province: "DKI Jakarta", Zip: "10220"},
	})
	if err != nil {
		explain(err)
		os.Exit(1)
	}
	if order.ID != nil {
		fmt.Println("created order", *order.ID)
	}
}

// explain says what an error of CreateOrder means, testing the kinds in the
// one safe order: a 502 is both an *APIError and of unknown outcome.
func explain(err error) {
	var valErr *bitbybit.ValidationError
	var apiErr *bitbybit.APIError
	switch {
	case errors.As(err, &valErr):
		// Nothing was sent. Fix the request: every broken constraint is listed.
		for _, v := range valErr.Violations {
			fmt.Println("invalid:", v.Path, v.Rule, v.Message)
		}
	case errors.Is(err, bitbybit.ErrOutcomeUnknown):
		// A 5xx but 503, a lost answer, an unreadable 2xx: the order may
		// exist. Look it up before sending it again.
		fmt.Println("outcome unknown, the order may exist:", err)
	case errors.As(err, &apiErr):
		// bitbybit refused the order and created nothing.
		switch {
		case errors.Is(err, bitbybit.ErrRateLimited):
			fmt.Println("rate limited; send it again after", apiErr.RetryAfter)
		case apiErr.Code == bitbybit.CodeInsufficientScope:
			fmt.Println("give the API key the orders WRITE scope")
		default:
			fmt.Println("refused:", apiErr.StatusCode, apiErr.Code, apiErr.Message, "request id:", apiErr.RequestID)
		}
	default:
		// Nothing was sent: the network, or the context ended. Safe to retry.
		fmt.Println("not sent:", err)
	}
}
