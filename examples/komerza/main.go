// Command komerza creates a realistic Komerza order, then shows that an
// invalid order is refused before anything is sent.
//
// With no environment variables it runs against the in-process fake from
// package komerzatest and says so. With KOMERZA_API_KEY set it calls the real
// API (https://api.komerza.com, or KOMERZA_BASE_URL) and needs
// KOMERZA_STORE_ID; it orders KOMERZA_PRODUCT_ID / KOMERZA_VARIANT_ID when
// both are set, else a custom total with no line items, and pays with
// KOMERZA_GATEWAY (a payment method code of the store; default "stripe").
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

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
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
	flags := flag.NewFlagSet("komerza", flag.ContinueOnError)
	flags.SetOutput(stderr)
	verbose := flags.Bool("v", false, "log every attempt on stderr")
	if err := flags.Parse(args); err != nil {
		return err
	}
	var opts []komerza.Option
	if *verbose {
		opts = append(opts, komerza.WithLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	apiKey := os.Getenv("KOMERZA_API_KEY")
	storeID := os.Getenv("KOMERZA_STORE_ID")
	if apiKey == "" {
		srv, err := komerzatest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		fmt.Fprintln(stdout, "KOMERZA_API_KEY is not set: using the in-process fake Komerza.")
		apiKey = srv.Credential()
		storeID = "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"
		opts = append(opts, komerza.WithBaseURL(srv.URL()))
	} else {
		if storeID == "" {
			return errors.New("KOMERZA_STORE_ID is required with KOMERZA_API_KEY")
		}
		if u := os.Getenv("KOMERZA_BASE_URL"); u != "" {
			opts = append(opts, komerza.WithBaseURL(u))
		}
	}

	client, err := komerza.New(apiKey, opts...)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	order, err := client.CreateOrder(ctx, storeID, sampleOrder())
	if err != nil {
		return explain(err)
	}
	fmt.Fprintf(stdout, "created order %s: %s, %.2f %s for %s, %d line(s)\n", deref(order.ID), deref(order.Status),
		deref(order.Amount), deref(order.CurrencyCode), deref(deref(order.Customer).EmailAddress), len(order.Items))

	bad := sampleOrder()
	bad.EmailAddress = "not an email"
	bad.CountryCode = ptr("USA")
	_, err = client.CreateOrder(ctx, storeID, bad)
	var valErr *komerza.ValidationError
	if !errors.As(err, &valErr) {
		return fmt.Errorf("an invalid order was not refused: %v", err)
	}
	fmt.Fprintln(stdout, "refused before sending, an order with the email \"not an email\" and the country \"USA\":")
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
		valErr *komerza.ValidationError
		apiErr *komerza.APIError
	)
	switch {
	case errors.As(err, &valErr):
		return fmt.Errorf("fix the order: %w", err)
	case errors.Is(err, komerza.ErrOutcomeUnknown):
		return fmt.Errorf("the order may exist; look it up before sending it again: %w", err)
	case errors.As(err, &apiErr):
		advice := "Komerza created nothing"
		switch {
		case errors.Is(err, komerza.ErrUnauthorized):
			advice += "; check the API key and its stores.orders.create permission"
		case errors.Is(err, komerza.ErrRateLimited):
			advice += fmt.Sprintf("; send the order again in %v", apiErr.RetryAfter)
		case apiErr.Code == komerza.CodeNotFound:
			advice += "; check the store, product and variant ids"
		}
		return fmt.Errorf("%s: %w", advice, err)
	}
	return err // not sent: the network or the context
}

func sampleOrder() komerza.CreateOrderRequest {
	o := komerza.CreateOrderRequest{
		Gateway:      envOr("KOMERZA_GATEWAY", "stripe"),
		EmailAddress: "jane.doe@example.com",
		SendReceipt:  ptr(false), // a test order: do not email the customer
		CountryCode:  ptr("US"),
		Metadata:     komerza.Metadata{"source": "ordersdk-go example"},
		ReturnURL:    ptr("https://shop.example.com/thanks"),
	}
	product, variant := os.Getenv("KOMERZA_PRODUCT_ID"), os.Getenv("KOMERZA_VARIANT_ID")
	switch {
	case product != "" && variant != "":
		o.Items = []komerza.LineItemInput{{ProductID: product, VariantID: variant, Quantity: 1}}
	case os.Getenv("KOMERZA_API_KEY") == "":
		// The fake has no catalogue: any uuids do.
		o.Items = []komerza.LineItemInput{{
			ProductID: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
			VariantID: "3c90c3cc-0d44-4b50-8888-8dd25736052b",
			Quantity:  2,
		}}
	default:
		o.Cost = ptr(19.99) // a custom total, in major units
	}
	return o
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
