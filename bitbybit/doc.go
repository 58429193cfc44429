// Package bitbybit is a client for bitbybit's create-order API (POST /orders),
// which creates one order for a new or existing customer. This program
// creates one, with the API key in BITBYBIT_API_KEY:
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
//		"github.com/ordersdk/ordersdk-go/bitbybit"
//	)
//
//	func main() {
//		var opts []bitbybit.Option
//		if u := os.Getenv("BITBYBIT_BASE_URL"); u != "" { // unset: bitbybit's production server
//			opts = append(opts, bitbybit.WithBaseURL(u))
//		}
//		client, err := bitbybit.New(os.Getenv("BITBYBIT_API_KEY"), opts...) // bbb_live_… or bbb_test_…
//		if err != nil {
//			log.Fatal(err)
//		}
//		order, err := client.CreateOrder(context.Background(), bitbybit.CreateOrderRequest{
//			// Customer, or CustomerID of an existing one: exactly one of the two.
//			Customer:  &bitbybit.CustomerInput{FirstName: "Ada", LastName: "Lovelace"},
//			LineItems: []bitbybit.LineItemInput{{ProductVariantID: "pv_mug", Quantity: 1}},
//			ShippingAddress: bitbybit.ShippingAddressInput{FirstName: "Ada", LastName: "Lovelace",
//				Phone: "+6281234567", Address1: "Jl. Sudirman 1", City: "Jakarta", Province: "DKI Jakarta", Zip: "10220"},
//		})
//		var valErr *bitbybit.ValidationError
//		var apiErr *bitbybit.APIError
//		switch {
//		case errors.As(err, &valErr): // valErr.Violations lists every problem
//			log.Fatal(err)
//		case errors.Is(err, bitbybit.ErrOutcomeUnknown):
//			log.Fatal("the order may exist; look it up before sending it again: ", err)
//		case errors.As(err, &apiErr): // apiErr.Code is one of the bitbybit.Code constants
//			log.Fatal("not created: ", err)
//		case err != nil:
//			log.Fatal(err) // not sent: the network or the context
//		}
//		if order.OrderNumber != nil {
//			fmt.Println("created order", *order.OrderNumber)
//		}
//	}
//
// bitbybit (https://bitbybit.studio, API documentation at
// https://knowledge.bitbybit.studio) is a WhatsApp commerce platform. It
// authenticates with an API key sent raw in the x-api-key header; keys look
// like bbb_live_… in production and bbb_test_… for testing, are created under
// Settings > Developer, and need the orders WRITE scope to create orders.
//
// The base URL is [DefaultBaseURL],
// https://api.bitbybit.studio/customer/api/open/v1, taken from the servers
// entry of bitbybit's OpenAPI document. bitbybit's authentication page shows
// https://api.bitbybit.studio/customer/open/v1 instead, without the /api
// segment; the two have not been checked against the live API, so if the
// default answers 404 ([CodeNotFound]), pass the other with [WithBaseURL].
//
// bitbybit allows 100 requests per minute per API key and reports the window
// in the RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers. The
// client paces itself from those headers, so that a bulk import waits for the
// window to reset instead of spending requests on 429s. A 429 that comes
// anyway is retried when the window resets, without spending [WithMaxRetries]:
// each wait is capped by [WithMaxRetryWait], and all of them together by
// [WithMaxRateLimitWait]. After that, or at once when the context's deadline
// would come first, the [*APIError] comes back with its RetryAfter set.
// Clients in several processes that share a key can share one limit through
// [WithLimiter], with module github.com/ordersdk/ordersdk-go/redislimit.
//
// Money (Order.Total, LineItem.Price, ProductVariant.Price and CompareAtPrice)
// is a float64: bitbybit declares a JSON number and does not state its units.
// Timestamps (Order.CreatedAt, UpdatedAt) are the text bitbybit sent, so that
// one without an offset, or a date alone, never fails the decoding of a
// created order; parse them with time.Parse.
//
// A Client validates each order against the constraints of the spec, and
// checks that exactly one of customerId and customer is set, before it sends
// anything; it retries only failures that prove the order was not created,
// because bitbybit documents no idempotency key; and it returns errors that
// sort with errors.Is and errors.As: see [APIError], [ValidationError], the Err
// sentinels and the Code constants. Package bitbybittest runs a fake bitbybit
// for tests.
package bitbybit
