package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/ordersdk/ordersdk-go/komerza"
)

func main() {
	var opts []komerza.Option
	if u := os.Getenv("KOMERZA_BASE_URL"); u != "" { // unset: Komerza's production server
		opts = append(opts, komerza.WithBaseURL(u))
	}
	client, err := komerza.New(os.Getenv("KOMERZA_API_KEY"), opts...)
	if err != nil {
		log.Fatal(err)
	}
	order, err := client.CreateOrder(context.Background(), os.Getenv("KOMERZA_STORE_ID"), komerza.CreateOrderRequest{
		Items: []komerza.LineItemInput{{ProductID: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
			VariantID: "3c90c3cc-0d44-4b50-8888-8dd25736052b", Quantity: 2}},
		// or Cost: &total, for an order with no line items (items or cost is required)
		Gateway:      "stripe", // the store's payment method code
		EmailAddress: "customer@example.com",
	})
	var valErr *komerza.ValidationError
	var apiErr *komerza.APIError
	switch {
	case errors.As(err, &valErr): // valErr.Violations lists every problem
		log.Fatal(err)
	case errors.Is(err, komerza.ErrOutcomeUnknown):
		log.Fatal("the order may exist; look it up before sending it again: ", err)
	case errors.As(err, &apiErr): // apiErr.Code is one of the komerza.Code constants
		log.Fatal("not created: ", err)
	case err != nil:
		log.Fatal(err) // not sent: the network or the context
	}
	if order.ID != nil {
		fmt.Println("created order", *order.ID)
	}
}
