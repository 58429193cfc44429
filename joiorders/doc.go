// Package joiorders is a client for the create-order API (POST /orders) of an
// unidentified vendor: a MongoDB-backed B2B commerce backend that validates
// requests with Joi, known here only by its "joiId" ids. This program creates
// an order, with the access token in JOIORDERS_ACCESS_TOKEN and the server in
// JOIORDERS_BASE_URL:
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
//		"github.com/ordersdk/ordersdk-go/joiorders"
//	)
//
//	func main() {
//		// The vendor has no public server: the base URL is always yours.
//		// joiorders.WithBearerPrefix() sends "accessToken: Bearer <token>" if your server wants it.
//		client, err := joiorders.New(os.Getenv("JOIORDERS_ACCESS_TOKEN"), joiorders.WithBaseURL(os.Getenv("JOIORDERS_BASE_URL")))
//		if err != nil {
//			log.Fatal(err)
//		}
//		order, err := client.CreateOrder(context.Background(), joiorders.CreateOrderRequest{
//			CustomerID:    "6328113ba105cf37af7f623b", // ids are MongoDB ObjectIds
//			PaymentStatus: joiorders.PaymentStatusPaid, OrderStatus: joiorders.OrderStatusPending,
//			ShippingAddressID: new("63356b3b3a6353a69043680c"), BillingAddressID: new("63356b3b3a6353a69043680b"),
//			LineItems: []joiorders.LineItem{{ProductID: new("636d07be0438c42bc4d455e3"),
//				VariantID: new("636d07be0438c42bc4d455f2"), Quantity: 10, Price: 31.84}}, // major units: $31.84
//		})
//		var valErr *joiorders.ValidationError
//		var apiErr *joiorders.APIError
//		switch {
//		case errors.As(err, &valErr): // valErr.Violations lists every problem
//			log.Fatal(err)
//		case errors.Is(err, joiorders.ErrOutcomeUnknown):
//			log.Fatal("the order may exist; look it up before sending it again: ", err)
//		case errors.As(err, &apiErr): // apiErr.Message is the vendor's; apiErr.Body holds the rest
//			log.Fatal("not created: ", err)
//		case err != nil:
//			log.Fatal(err) // not sent: the network or the context
//		}
//		if order.ID != nil {
//			fmt.Println("created order", *order.ID)
//		}
//	}
//
// The vendor could not be identified, and neither a public documentation URL
// nor a public server was found; the SDK follows the vendor's "Create Order"
// page as the project keeps it. So there is no DefaultBaseURL: [New] fails
// unless [WithBaseURL] names the server.
//
// The access token is sent raw in a header named accessToken, not in
// Authorization, spelled so on HTTP/1.1 as the vendor documents it (HTTP/2
// lower-cases every header name). The vendor calls it a "Bearer Token", which
// most likely names the kind of credential; if your server expects
// "Bearer <token>" in that header, use [WithBearerPrefix].
//
// Every id ("joiId") is a 24-hex-digit MongoDB ObjectId. Money is decimal major
// units: LineItem.Price 31.84 is $31.84. The order and payment statuses are
// open sets; see [PaymentStatus] and [OrderStatus].
//
// A Client validates each order against the constraints of the spec before it
// sends anything, retries only failures that prove the order was not created,
// and returns errors that sort with errors.Is and errors.As; see [APIError],
// [ValidationError] and the Err sentinels. A 2xx whose members drifted from
// their documented types still returns the order, with the drift in
// [Response]. Package joiorderstest runs a fake of the vendor for tests.
package joiorders
