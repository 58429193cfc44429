package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/ordersdk/ordersdk-go/konvo"
)

func main() {
	var opts []konvo.Option
	if u := os.Getenv("KONVO_BASE_URL"); u != "" { // unset: Konvo's production server
		opts = append(opts, konvo.WithBaseURL(u))
	}
	client, err := konvo.New(os.Getenv("KONVO_API_KEY"), opts...)
	if err != nil {
		log.Fatal(err)
	}
	res, err := client.CreateOrders(context.Background(), []konvo.OrderInput{{
		ID: "08c0e60e-26bd-4e41-bb05-97bfbe1ba7cd", FriendlyName: "#1059",
		Customer:   konvo.OrderCustomer{ID: "customer_67890", FirstName: "John", LastName: "Doe"},
		OrderTotal: 3995, Currency: "USD", // minor units: $39.95
		Items: []konvo.OrderedItem{{ID: "variant_123", Sku: "SHIRT-BLU-M", Name: "Blue T-Shirt",
			Description: "Cotton", Price: 3995, Msrp: 3995, ImageURL: "https://example.com/shirt.jpg", Currency: "USD"}},
	}})
	var valErr *konvo.ValidationError
	var apiErr *konvo.APIError
	switch {
	case errors.As(err, &valErr): // valErr.Violations lists every problem
		log.Fatal(err)
	case errors.Is(err, konvo.ErrOutcomeUnknown):
		log.Fatal("the orders may exist; look them up before sending them again: ", err)
	case errors.As(err, &apiErr): // apiErr.StatusCode, .Message, .RequestID, .RetryAfter
		log.Fatal("not created: ", err)
	case err != nil:
		log.Fatal(err) // not sent: the network or the context
	}
	for _, o := range res.Result {
		if o.ID != nil {
			fmt.Println("created order", *o.ID)
		}
	}
}
