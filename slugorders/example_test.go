package slugorders_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

// Create an order in the app "webshop" of the team "acme" against the
// in-process fake, print Enad's notes, and sort a failure by type.
func Example() {
	srv, err := slugorderstest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	// Enad has no public server: the base URL is always given.
	client, err := slugorders.New(slugorderstest.Token, slugorders.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	res, err := client.CreateOrder(context.Background(), "acme", "webshop", slugorders.CreateOrderRequest{
		Reference:    "ORDER-1001",
		Source:       "webshop",
		Status:       slugorders.OrderStatusPlaced,
		CountryCode:  "SE",
		CurrencyCode: "SEK",
		LanguageCode: "sv",
		GrandTotal:   499, // the unit is not documented; major units assumed
		Lines:        []slugorders.OrderLineInput{{ProductID: "prod_123", VariantID: "var_456", Quantity: 1}},
	})
	var (
		apiErr *slugorders.APIError
		valErr *slugorders.ValidationError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent:", valErr.Violations)
	case errors.Is(err, slugorders.ErrOutcomeUnknown):
		fmt.Println("the order may exist; ask Enad before creating it again")
	case errors.As(err, &apiErr):
		fmt.Println("Enad refused the order:", apiErr.StatusCode, apiErr.Message)
	case err != nil:
		fmt.Println("request failed:", err)
	default:
		fmt.Println("created", *res.Order.Reference, "as", *res.Order.ID, "total", *res.Order.GrandTotal, *res.Order.CurrencyCode)
		for _, d := range res.Details {
			fmt.Println("note:", d)
		}
	}
	// Output: created ORDER-1001 as 00000000-0000-4000-8000-000000000001 total 499 SEK
}

// Enad can create an order and still attach notes, such as a product that
// breaks a publishing rule. The fake adds one for the source
// slugorderstest.WarningSource.
func ExampleCreateOrderResult_details() {
	srv, err := slugorderstest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		panic(err)
	}
	res, err := client.CreateOrder(context.Background(), "acme", "webshop", slugorders.CreateOrderRequest{
		Reference: "ORDER-1002", Source: slugorderstest.WarningSource, Status: slugorders.OrderStatusPlaced,
		CountryCode: "SE", CurrencyCode: "SEK", LanguageCode: "sv", GrandTotal: 499,
		Lines: []slugorders.OrderLineInput{{ProductID: "prod_123", VariantID: "var_456", Quantity: 1}},
	})
	if err != nil {
		panic(err)
	}
	for _, d := range res.Details {
		fmt.Println("note:", d)
	}
	// Output: note: publishing rule: product prod_123 has no published variant; its status is set to Incomplete
}
