// Command komerza creates a realistic Komerza order and shows how to handle
// each kind of failure.
//
// With no environment variables it runs against the in-process fake from
// package komerzatest and says so. With KOMERZA_API_KEY set it calls the real
// API (https://api.komerza.com, or KOMERZA_BASE_URL) and needs
// KOMERZA_STORE_ID; it orders KOMERZA_PRODUCT_ID / KOMERZA_VARIANT_ID when
// both are set, else a custom total with no line items, and pays with
// KOMERZA_GATEWAY (a payment method code of the store; default "stripe").
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	apiKey := os.Getenv("KOMERZA_API_KEY")
	storeID := os.Getenv("KOMERZA_STORE_ID")
	opts := []komerza.Option{komerza.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))}
	if apiKey == "" {
		srv, err := komerzatest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		fmt.Println("KOMERZA_API_KEY is not set: using the in-process fake Komerza at", srv.URL())
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
		explain(err)
		return err
	}
	fmt.Printf("created order %s: %s, %.2f %s for %s, %d line(s)\n", deref(order.ID), deref(order.Status),
		deref(order.Amount), deref(order.CurrencyCode), deref(deref(order.Customer).EmailAddress), len(order.Items))

	// An order that breaks the spec is stopped before anything is sent.
	bad := sampleOrder()
	bad.EmailAddress = "not an email"
	bad.CountryCode = ptr("USA")
	_, err = client.CreateOrder(ctx, storeID, bad)
	explain(err)
	return nil
}

// explain shows how to sort an error by type, category and Komerza code.
func explain(err error) {
	var (
		apiErr *komerza.APIError
		valErr *komerza.ValidationError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent, the order is invalid:")
		for _, v := range valErr.Violations {
			fmt.Println("  ", v)
		}
	case errors.Is(err, komerza.ErrOutcomeUnknown):
		fmt.Println("the order may or may not exist; look it up before creating it again:", err)
	case errors.As(err, &apiErr):
		fmt.Printf("Komerza answered %d (code %s): %s\n", apiErr.StatusCode, apiErr.Code, apiErr.Message)
		for _, f := range apiErr.FieldErrors {
			fmt.Printf("   invalid field %s: %s\n", f.Field, f.Message)
		}
		switch {
		case errors.Is(err, komerza.ErrUnauthorized):
			fmt.Println("check the API key and its stores.orders.create permission")
		case errors.Is(err, komerza.ErrRateLimited):
			fmt.Println("rate limited; retry after", apiErr.RetryAfter)
		case apiErr.Code == komerza.CodeNotFound:
			fmt.Println("check the store, product and variant ids")
		}
	case err != nil:
		fmt.Println("request failed:", err)
	}
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
