// Command bitbybit creates a realistic bitbybit order, then shows that an
// invalid order is refused before anything is sent.
//
// With no environment variables it runs against the in-process fake from
// package bitbybittest and says so. With BITBYBIT_API_KEY set (a bbb_test_… key
// is best) it calls the real API at bitbybit.DefaultBaseURL, or at
// BITBYBIT_BASE_URL: bitbybit's docs disagree on the base path, so set it to
// https://api.bitbybit.studio/customer/open/v1 if the default answers 404.
// BITBYBIT_CUSTOMER_ID, if set, orders for that existing customer instead of
// creating one; BITBYBIT_VARIANT_ID names a real product variant.
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

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
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
	flags := flag.NewFlagSet("bitbybit", flag.ContinueOnError)
	flags.SetOutput(stderr)
	verbose := flags.Bool("v", false, "log every attempt on stderr")
	if err := flags.Parse(args); err != nil {
		return err
	}
	var opts []bitbybit.Option
	if *verbose {
		opts = append(opts, bitbybit.WithLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	apiKey := os.Getenv("BITBYBIT_API_KEY")
	if apiKey == "" {
		srv, err := bitbybittest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		fmt.Fprintln(stdout, "BITBYBIT_API_KEY is not set: using the in-process fake bitbybit.")
		apiKey = srv.Credential()
		opts = append(opts, bitbybit.WithBaseURL(srv.URL()))
	} else if u := os.Getenv("BITBYBIT_BASE_URL"); u != "" {
		opts = append(opts, bitbybit.WithBaseURL(u))
	}

	client, err := bitbybit.New(apiKey, opts...)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	order, err := client.CreateOrder(ctx, sampleOrder())
	if err != nil {
		return explain(err)
	}
	fmt.Fprintf(stdout, "created order %s (id %s): %s, %s, %s\n", deref(order.OrderNumber), deref(order.ID),
		deref(order.Status), deref(order.FinancialStatus), deref(order.FulfillmentStatus))
	if c := order.Customer; c != nil {
		fmt.Fprintf(stdout, "  customer %s %s (id %s)\n", deref(c.FirstName), deref(c.LastName), deref(c.ID))
	}
	for _, li := range order.LineItems {
		variant := ""
		if li.ProductVariant != nil {
			variant = deref(li.ProductVariant.ID)
		}
		fmt.Fprintf(stdout, "  line %s: %d × %s\n", deref(li.ID), deref(li.Quantity), variant)
	}
	if a := order.ShippingAddress; a != nil {
		fmt.Fprintf(stdout, "  ships to %s, %s %s\n", deref(a.Address1), deref(a.City), deref(a.Zip))
	}

	bad := sampleOrder()
	bad.CustomerID = ptr("cus_existing")
	bad.Customer = &bitbybit.CustomerInput{FirstName: "Budi", LastName: "Santoso"}
	bad.LineItems[0].Quantity = 0
	_, err = client.CreateOrder(ctx, bad)
	var valErr *bitbybit.ValidationError
	if !errors.As(err, &valErr) {
		return fmt.Errorf("an invalid order was not refused: %v", err)
	}
	fmt.Fprintln(stdout, "refused before sending, an order for both an existing and a new customer, of 0 units:")
	for _, v := range valErr.Violations {
		fmt.Fprintln(stdout, "  ", v)
	}
	return nil
}

// explain wraps err, an error of CreateOrder, with what to do about it. It
// tests the error's kinds in the one safe order: a 502 is both an *APIError
// and of unknown outcome.
func explain(err error) error {
	var (
		valErr *bitbybit.ValidationError
		apiErr *bitbybit.APIError
	)
	switch {
	case errors.As(err, &valErr):
		return fmt.Errorf("fix the order: %w", err)
	case errors.Is(err, bitbybit.ErrOutcomeUnknown):
		return fmt.Errorf("the order may exist; look it up before sending it again: %w", err)
	case errors.As(err, &apiErr):
		advice := "bitbybit created nothing"
		switch {
		case errors.Is(err, bitbybit.ErrRateLimited):
			advice += fmt.Sprintf("; the key's 100 requests a minute are spent, send the order again in %v", apiErr.RetryAfter)
		case apiErr.Code == bitbybit.CodeInsufficientScope:
			advice += "; give the key the orders WRITE scope under Settings > Developer"
		case apiErr.Code == bitbybit.CodeNotFound:
			advice += "; check the base URL: try https://api.bitbybit.studio/customer/open/v1"
		case errors.Is(err, bitbybit.ErrUnauthorized):
			advice += "; check BITBYBIT_API_KEY and the key's IP allowlist"
		}
		return fmt.Errorf("%s: %w", advice, err)
	}
	return err // not sent: the network or the context
}

func sampleOrder() bitbybit.CreateOrderRequest {
	variant := "pv_batik_shirt_m"
	if v := os.Getenv("BITBYBIT_VARIANT_ID"); v != "" {
		variant = v
	}
	o := bitbybit.CreateOrderRequest{
		LineItems: []bitbybit.LineItemInput{{ProductVariantID: variant, Quantity: 2}},
		ShippingAddress: bitbybit.ShippingAddressInput{
			FirstName: "Siti", LastName: "Rahma", Phone: "+6281234567890",
			Address1: "Jl. Sudirman No. 45", Address2: ptr("Apartemen Blok C, Lt. 12"),
			City: "Jakarta Selatan", Province: "DKI Jakarta", Country: ptr("Indonesia"), Zip: "12190",
		},
		Notes: ptr("Created by the ordersdk-go example"),
		Tags:  []string{"ordersdk-example"},
	}
	if id := os.Getenv("BITBYBIT_CUSTOMER_ID"); id != "" {
		o.CustomerID = &id
	} else {
		// Phone or email lets bitbybit match an existing customer instead of
		// creating a duplicate.
		o.Customer = &bitbybit.CustomerInput{FirstName: "Siti", LastName: "Rahma",
			Phone: ptr("+6281234567890"), Email: ptr("siti.rahma@example.com")}
	}
	return o
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
