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
	client, err := bitbybit.New(os.Getenv("BITBYBIT_API_KEY"), opts...) // bbb_live_… or bbb_test_…
	if err != nil {
		log.Fatal(err)
	}
	order, err := client.CreateOrder(context.Background(), bitbybit.CreateOrderRequest{
		// Customer, or CustomerID of an existing one: exactly one of the two.
		Customer:  &bitbybit.CustomerInput{FirstName: "Ada", LastName: "Lovelace"},
		LineItems: []bitbybit.LineItemInput{{ProductVariantID: "pv_mug", Quantity: 1}},
		ShippingAddress: bitbybit.ShippingAddressInput{FirstName: "Ada", LastName: "Lovelace",
			Phone: "+6281234567", Address1: "Jl. Sudirman 1", City: "Jakarta", Province: "DKI Jakarta", Zip: "10220"},
	})
	var valErr *bitbybit.ValidationError
	var apiErr *bitbybit.APIError
	switch {
	case errors.As(err, &valErr): // valErr.Violations lists every problem
		log.Fatal(err)
	case errors.Is(err, bitbybit.ErrOutcomeUnknown):
		log.Fatal("the order may exist; look it up before sending it again: ", err)
	case errors.As(err, &apiErr): // apiErr.Code is one of the bitbybit.Code constants
		log.Fatal("not created: ", err)
	case err != nil:
		log.Fatal(err) // not sent: the network or the context
	}
	if order.OrderNumber != nil {
		fmt.Println("created order", *order.OrderNumber)
	}
}
