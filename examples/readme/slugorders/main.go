package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/ordersdk/ordersdk-go/slugorders"
)

func main() {
	// Enad documents no public server: the base URL is always given.
	client, err := slugorders.New(os.Getenv("ENAD_TOKEN"), slugorders.WithBaseURL(os.Getenv("ENAD_BASE_URL")))
	if err != nil {
		log.Fatal(err)
	}
	team, app := os.Getenv("ENAD_TEAM_SLUG"), os.Getenv("ENAD_APP_SLUG")
	res, err := client.CreateOrder(context.Background(), team, app, slugorders.CreateOrderRequest{
		Reference: "ORDER-1001", Source: "webshop", Status: slugorders.OrderStatusPlaced,
		CountryCode: "SE", CurrencyCode: "SEK", LanguageCode: "sv", GrandTotal: 499,
		Lines: []slugorders.OrderLineInput{{ProductID: "prod_123", VariantID: "var_456", Quantity: 1}},
	})
	var valErr *slugorders.ValidationError
	var apiErr *slugorders.APIError
	switch {
	case errors.As(err, &valErr): // valErr.Violations lists every problem
		log.Fatal(err)
	case errors.Is(err, slugorders.ErrOutcomeUnknown):
		log.Fatal("the order may exist; ask Enad before sending it again: ", err)
	case errors.As(err, &apiErr): // apiErr.Message holds Enad's message and details
		log.Fatal("not created: ", err)
	case err != nil:
		log.Fatal(err) // not sent: the network or the context
	}
	if res.Order.ID != nil {
		fmt.Println("created order", *res.Order.ID)
	}
	for _, note := range res.Details { // Enad's non-fatal notes, such as a publishing rule's
		fmt.Println("note from Enad:", note)
	}
}
