// Command joiorders creates a realistic B2B order through the joiorders
// vendor's API, then shows that an invalid order is refused before anything
// is sent and, against the fake, how a refusal the fake injects reads.
//
// With no environment variables it runs against the in-process fake from
// package joiorderstest and says so. To call the real API set both
// JOIORDERS_ACCESS_TOKEN and JOIORDERS_BASE_URL: the vendor has no public
// server, so there is no default base URL. Set JOIORDERS_BEARER=1 if your
// server expects "Bearer <token>" in the accessToken header.
//
// It prints its results only; -v adds the client's debug log of every
// attempt on stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run is the program: results on stdout, and with -v the client's log on
// stderr.
func run(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("joiorders", flag.ContinueOnError)
	flags.SetOutput(stderr)
	verbose := flags.Bool("v", false, "log every attempt on stderr")
	if err := flags.Parse(args); err != nil {
		return err
	}
	var opts []joiorders.Option
	if *verbose {
		opts = append(opts, joiorders.WithLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	token, baseURL := os.Getenv("JOIORDERS_ACCESS_TOKEN"), os.Getenv("JOIORDERS_BASE_URL")
	var srv *joiorderstest.Server
	switch {
	case token == "" && baseURL == "":
		var err error
		if srv, err = joiorderstest.Start(); err != nil {
			return err
		}
		defer srv.Close()
		fmt.Fprintln(stdout, "JOIORDERS_ACCESS_TOKEN and JOIORDERS_BASE_URL are not set: using the in-process fake.")
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
		return explain(err)
	}
	// The vendor's Order Object is unpublished: only id is typed, and the rest
	// is in AdditionalProperties as the vendor sent it.
	fmt.Fprintf(stdout, "created order %s: order status %v, payment status %v\n", deref(order.ID),
		order.AdditionalProperties["orderStatus"], order.AdditionalProperties["paymentStatus"])

	bad := sampleOrder()
	bad.CustomerID = "customer-42"
	bad.LineItems[0].Quantity = -1
	bad.ShippingAddressID, bad.NewShippingAddress = nil, nil
	_, err = client.CreateOrder(ctx, bad)
	var valErr *joiorders.ValidationError
	if !errors.As(err, &valErr) {
		return fmt.Errorf("an invalid order was not refused: %v", err)
	}
	fmt.Fprintln(stdout, "refused before sending, an order with a customer id that is no ObjectId, a quantity of -1 and no shipping address:")
	for _, v := range valErr.Violations {
		fmt.Fprintln(stdout, "  ", v)
	}

	if srv != nil {
		fmt.Fprintln(stdout, `injected into the fake: the next order gets 400 {"success":false,"message":"Customer not found"},`)
		fmt.Fprintln(stdout, "as a real server might answer for an unknown customer (the vendor documents no error body):")
		srv.Inject(joiorderstest.Fault{Status: 400, Body: []byte(`{"success":false,"message":"Customer not found"}`)})
		_, err = client.CreateOrder(ctx, sampleOrder())
		fmt.Fprintln(stdout, "  ", explain(err))
	}
	return nil
}

// explain wraps err, an error of CreateOrder, with what to do about it. It
// tests the error's kinds in the one safe order: a 502 is both an *APIError
// and of unknown outcome.
func explain(err error) error {
	var (
		valErr *joiorders.ValidationError
		apiErr *joiorders.APIError
	)
	switch {
	case errors.As(err, &valErr):
		return fmt.Errorf("fix the order: %w", err)
	case errors.Is(err, joiorders.ErrOutcomeUnknown):
		return fmt.Errorf("the order may exist; look it up before sending it again: %w", err)
	case errors.As(err, &apiErr):
		advice := "the vendor created nothing"
		switch {
		case errors.Is(err, joiorders.ErrInvalidRequest):
			advice += "; fix the order before sending it again"
		case errors.Is(err, joiorders.ErrUnauthorized):
			advice += "; check the access token, or try JOIORDERS_BEARER=1"
		case errors.Is(err, joiorders.ErrRateLimited):
			advice += fmt.Sprintf("; send the order again in %v", apiErr.RetryAfter)
		case apiErr.Message == "":
			advice += fmt.Sprintf("; its answer: %.200q", apiErr.Body)
		}
		return fmt.Errorf("%s: %w", advice, err)
	}
	return err // not sent: the network or the context
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
