// Package komerza is a client for Komerza's create-order API (POST
// /stores/{storeId}/orders), which creates a dashboard order in one store.
// This program creates one, with the API key in KOMERZA_API_KEY and the store
// in KOMERZA_STORE_ID:
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
//		"github.com/ordersdk/ordersdk-go/komerza"
//	)
//
//	func main() {
//		var opts []komerza.Option
//		if u := os.Getenv("KOMERZA_BASE_URL"); u != "" { // unset: Komerza's production server
//			opts = append(opts, komerza.WithBaseURL(u))
//		}
//		client, err := komerza.New(os.Getenv("KOMERZA_API_KEY"), opts...)
//		if err != nil {
//			log.Fatal(err)
//		}
//		order, err := client.CreateOrder(context.Background(), os.Getenv("KOMERZA_STORE_ID"), komerza.CreateOrderRequest{
//			Items: []komerza.LineItemInput{{ProductID: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
//				VariantID: "3c90c3cc-0d44-4b50-8888-8dd25736052b", Quantity: 2}},
//			// or Cost: &total, for an order with no line items (items or cost is required)
//			Gateway:      "stripe", // the store's payment method code
//			EmailAddress: "customer@example.com",
//		})
//		var valErr *komerza.ValidationError
//		var apiErr *komerza.APIError
//		switch {
//		case errors.As(err, &valErr): // valErr.Violations lists every problem
//			log.Fatal(err)
//		case errors.Is(err, komerza.ErrOutcomeUnknown):
//			log.Fatal("the order may exist; look it up before sending it again: ", err)
//		case errors.As(err, &apiErr): // apiErr.Code is one of the komerza.Code constants
//			log.Fatal("not created: ", err)
//		case err != nil:
//			log.Fatal(err) // not sent: the network or the context
//		}
//		if order.ID != nil {
//			fmt.Println("created order", *order.ID)
//		}
//	}
//
// Komerza (https://docs.komerza.com) authenticates with an API key sent as
// "Authorization: Bearer <key>"; the key needs the stores.orders.create
// permission. The production server is https://api.komerza.com. Money is a
// decimal number in major units: CreateOrderRequest.Cost 19.99 is $19.99.
//
// Komerza wraps every answer in a {success, message, code, data} envelope and
// may report success:false on a 2xx status; a Client treats that as an
// [*APIError] too, so a nil error always means the order exists. A 2xx whose
// members drifted from their documented types still returns the order, with
// the drift reported through [WithResponseInto]. A Client validates each order
// against the constraints of the spec before it sends anything, retries only
// failures that prove the order was not created, and returns errors that sort
// with errors.Is and errors.As; see [APIError], [ValidationError], the Err
// sentinels and the Code constants. Package komerzatest runs a fake Komerza
// for tests.
package komerza
