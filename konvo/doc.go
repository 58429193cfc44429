// Package konvo is a client for Konvo's create-orders API (POST /orders), which
// takes a batch of orders in one request. This program creates one, with the
// API key in KONVO_API_KEY:
//
//	package main
//
//	import (
//		"context"
//		"errors"
//		"fmt"
//		"log"
//		"os"
//
//		"github.com/ordersdk/ordersdk-go/konvo"
//	)
//
//	func main() {
//		var opts []konvo.Option
//		if u := os.Getenv("KONVO_BASE_URL"); u != "" { // unset: Konvo's production server
//			opts = append(opts, konvo.WithBaseURL(u))
//		}
//		client, err := konvo.New(os.Getenv("KONVO_API_KEY"), opts...)
//		if err != nil {
//			log.Fatal(err)
//		}
//		res, err := client.CreateOrders(context.Background(), []konvo.OrderInput{{
//			ID: "08c0e60e-26bd-4e41-bb05-97bfbe1ba7cd", FriendlyName: "#1059",
//			Customer:   konvo.OrderCustomer{ID: "customer_67890", FirstName: "John", LastName: "Doe"},
//			OrderTotal: 3995, Currency: "USD", // minor units: $39.95
//			Items: []konvo.OrderedItem{{ID: "variant_123", Sku: "SHIRT-BLU-M", Name: "Blue T-Shirt",
//				Description: "Cotton", Price: 3995, Msrp: 3995, ImageURL: "https://example.com/shirt.jpg", Currency: "USD"}},
//		}})
//		var valErr *konvo.ValidationError
//		var apiErr *konvo.APIError
//		switch {
//		case errors.As(err, &valErr): // valErr.Violations lists every problem
//			log.Fatal(err)
//		case errors.Is(err, konvo.ErrOutcomeUnknown):
//			log.Fatal("the orders may exist; look them up before sending them again: ", err)
//		case errors.As(err, &apiErr): // apiErr.StatusCode, .Message, .RequestID, .RetryAfter
//			log.Fatal("not created: ", err)
//		case err != nil:
//			log.Fatal(err) // not sent: the network or the context
//		}
//		for _, o := range res.Result {
//			if o.ID != nil {
//				fmt.Println("created order", *o.ID)
//			}
//		}
//	}
//
// Konvo (https://docs.konvo.dev) authenticates with an API key sent raw in the
// x-api-key header. The production server is https://api.konvoai.com. Money is
// integer minor units: OrderInput.OrderTotal 3995 is $39.95.
//
// A Client validates each batch against the constraints of the spec before it
// sends anything, retries only failures that prove the orders were not created,
// and returns errors that sort with errors.Is and errors.As; see [APIError],
// [ValidationError] and the Err sentinels. Package konvotest runs a fake Konvo
// for tests.
package konvo
