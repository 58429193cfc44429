// Package slugorders is a client for the create-order endpoint of Enad's
// management API (POST /api/v1/{team_slug}/{app_slug}/orders). This program
// creates an order, with the token in ENAD_TOKEN, the server in ENAD_BASE_URL
// and the team and app in ENAD_TEAM_SLUG and ENAD_APP_SLUG:
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
//		"github.com/ordersdk/ordersdk-go/slugorders"
//	)
//
//	func main() {
//		// Enad documents no public server: the base URL is always given.
//		client, err := slugorders.New(os.Getenv("ENAD_TOKEN"), slugorders.WithBaseURL(os.Getenv("ENAD_BASE_URL")))
//		if err != nil {
//			log.Fatal(err)
//		}
//		team, app := os.Getenv("ENAD_TEAM_SLUG"), os.Getenv("ENAD_APP_SLUG")
//		res, err := client.CreateOrder(context.Background(), team, app, slugorders.CreateOrderRequest{
//			Reference: "ORDER-1001", Source: "webshop", Status: slugorders.OrderStatusPlaced,
//			CountryCode: "SE", CurrencyCode: "SEK", LanguageCode: "sv", GrandTotal: 499,
//			Lines: []slugorders.OrderLineInput{{ProductID: "prod_123", VariantID: "var_456", Quantity: 1}},
//		})
//		var valErr *slugorders.ValidationError
//		var apiErr *slugorders.APIError
//		switch {
//		case errors.As(err, &valErr): // valErr.Violations lists every problem
//			log.Fatal(err)
//		case errors.Is(err, slugorders.ErrOutcomeUnknown):
//			log.Fatal("the order may exist; ask Enad before sending it again: ", err)
//		case errors.As(err, &apiErr): // apiErr.Message holds Enad's message and details
//			log.Fatal("not created: ", err)
//		case err != nil:
//			log.Fatal(err) // not sent: the network or the context
//		}
//		if res.Order.ID != nil {
//			fmt.Println("created order", *res.Order.ID)
//		}
//		for _, note := range res.Details { // Enad's non-fatal notes, such as a publishing rule's
//			fmt.Println("note from Enad:", note)
//		}
//	}
//
// Enad (https://enad.io) is a headless commerce platform; the endpoint is
// documented at https://docs.enad.io/api-reference/orders/create-order. Enad
// documents no public server for this API, so [New] fails unless
// [WithBaseURL] names one. The team and app slugs are given per call and are
// path-escaped, so a slug can never change which endpoint is called.
//
// The authentication scheme is UNVERIFIED: Enad's page declares none. The
// client sends "Authorization: Bearer <token>" by default, an assumption;
// [WithAuthHeader] sends the token in another header or with another scheme
// once Enad confirms what it expects.
//
// Money is a float64 whose unit Enad does not state (major units, such as
// 499.00 SEK, are assumed). The shapes of order lines and addresses are
// inferred from the response, and unknown members can be sent through their
// AdditionalProperties.
//
// A Client validates each order against the constraints of the spec before it
// sends anything, retries only failures that prove the order was not created,
// surfaces Enad's non-fatal warnings ("details") on success in
// [CreateOrderResult], and returns errors that sort with errors.Is and
// errors.As; see [APIError], [ValidationError] and the Err sentinels. A 2xx
// whose members drifted from their documented types still returns the order;
// [WithResponseInto] lists what did not fit. Package slugorderstest runs a
// fake Enad for tests.
package slugorders
