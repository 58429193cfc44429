// Command joiorders creates a realistic B2B order through the joiorders
// vendor's API and shows how to handle each kind of failure.
//
// With no environment variables it runs against the in-process fake from
// package joiorderstest and says so. To call the real API set both
// JOIORDERS_ACCESS_TOKEN and JOIORDERS_BASE_URL: the vendor has no public
// server, so there is no default base URL. Set JOIORDERS_BEARER=1 if your
// server expects "Bearer <token>" in the accessToken header.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	token, baseURL := os.Getenv("JOIORDERS_ACCESS_TOKEN"), os.Getenv("JOIORDERS_BASE_URL")
	var srv *joiorderstest.Server
	opts := []joiorders.Option{joiorders.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))}
	switch {
	case token == "" && baseURL == "":
		var err error
		if srv, err = joiorderstest.Start(); err != nil {
			return err
		}
		defer srv.Close()
		fmt.Println("JOIORDERS_ACCESS_TOKEN and JOIORDERS_BASE_URL are not set: using the in-process fake at", srv.URL())
		token, baseURL = srv.Credential(), srv.URL()
	case token == "" || baseURL == "":
		return errors.New("set both JOIORDERS_ACCESS_TOKEN and JOIORDERS_BASE_URL to call the real API (the vendor has no public server), or neither to use the fake")
	}
	opts = append(opts, joiorders.WithBaseURL(baseURL))
	if os.Getenv("JOIORDERS_BEARER") != "" {
		opts = append(opts, joiorders.WithBearerPrefix())
	}

	client, err := joiorders.New(token, opts...)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	order, err := client.CreateOrder(ctx, sampleOrder())
	if err != nil {
		explain(err)
		return err
	}
	fmt.Printf("created order %s (%d member(s) beyond id in the vendor's Order Object)\n", deref(order.ID), len(order.AdditionalProperties))

	// An order that breaks the spec is stopped before anything is sent.
	bad := sampleOrder()
	bad.CustomerID = "customer-42"
	bad.LineItems[0].Quantity = -1
	bad.ShippingAddressID, bad.NewShippingAddress = nil, nil
	_, err = client.CreateOrder(ctx, bad)
	explain(err)

	if srv != nil {
		// The fake can also refuse an order the way the vendor might.
		srv.Inject(joiorderstest.Fault{Status: 400, Body: []byte(`{"success":false,"message":"Customer not found"}`)})
		_, err = client.CreateOrder(ctx, sampleOrder())
		explain(err)
	}
	return nil
}

// explain shows how to sort an error by type and category.
func explain(err error) {
	var (
		apiErr *joiorders.APIError
		valErr *joiorders.ValidationError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent, the order is invalid:")
		for _, v := range valErr.Violations {
			fmt.Println("  ", v)
		}
	case errors.Is(err, joiorders.ErrOutcomeUnknown):
		fmt.Println("the order may or may not exist; look it up before creating it again:", err)
	case errors.As(err, &apiErr):
		fmt.Printf("the vendor answered %d: %s\n", apiErr.StatusCode, apiErr.Message)
		switch {
		case errors.Is(err, joiorders.ErrInvalidRequest):
			fmt.Println("the order must change before it can succeed")
		case errors.Is(err, joiorders.ErrUnauthorized):
			fmt.Println("check the access token, or try JOIORDERS_BEARER=1")
		case errors.Is(err, joiorders.ErrRateLimited):
			fmt.Println("rate limited; retry after", apiErr.RetryAfter)
		case apiErr.Message == "":
			fmt.Printf("raw body: %.200s\n", apiErr.Body)
		}
	case err != nil:
		fmt.Println("request failed:", err)
	}
}

// sampleOrder is a paid, partly shipped order for an existing customer, with
// a new shipping address and an existing billing address.
func sampleOrder() joiorders.CreateOrderRequest {
	return joiorders.CreateOrderRequest{
		CustomerID:       "6328113ba105cf37af7f623b",
		PaymentStatus:    joiorders.PaymentStatusPaid,
		OrderStatus:      joiorders.OrderStatusPending,
		OrderedAt:        ptr(time.Now().UTC().Format(time.DateOnly)),
		BillingAddressID: ptr("63356b3b3a6353a69043680b"),
		NewShippingAddress: &joiorders.NewShippingAddress{
			CompanyName: ptr("Acme Corp"),
			FirstName:   ptr("John"), LastName: ptr("Doe"),
			Address1: ptr("12/4, test st"), PhoneNumber: ptr("65161861"),
			City: ptr("Elizabeth"), State: ptr("NJ"), Country: ptr("US"), Zipcode: ptr("07202"),
		},
		Currency:      &joiorders.Currency{Currency: ptr("USD"), Symbol: ptr("$")},
		TaxAmount:     ptr(21.49),
		ShippingCost:  ptr(12.5),
		ShippingLabel: ptr("UPS"),
		LineItems: []joiorders.LineItem{
			{ProductID: ptr("636d07be0438c42bc4d455e3"), VariantID: ptr("636d07be0438c42bc4d455f2"), Quantity: 10, Price: 31.84, FulfilledQuantity: ptr(4)},
			{ProductID: ptr("636d07be0438c42bc4d455e4"), Quantity: 2, Price: 5, Discounts: []joiorders.ProductDiscount{{Name: ptr("Samples"), DiscountedAmount: 10}}, DiscountAmount: ptr(10.0)},
		},
		FulfilledItems: []joiorders.Fulfillment{{
			Items:          []joiorders.FulfilledItem{{Quantity: 4, Sku: ptr("MUG-BLK-12")}},
			Carrier:        ptr("UPS"),
			TrackingNumber: ptr("1Z999AA10123456784"),
			FulfilledAt:    ptr(time.Now().UTC().Format(time.DateOnly)),
		}},
		MetaFields: []joiorders.OrderMetaField{{Label: ptr("poNumber"), Value: ptr("PO-2024-0117"), DisplayStorefront: ptr(true)}},
	}
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
