// Command bitbybit creates a realistic bitbybit order and shows how to handle
// each kind of failure.
//
// With no environment variables it runs against the in-process fake from
// package bitbybittest and says so. With BITBYBIT_API_KEY set (a bbb_test_… key
// is best) it calls the real API at bitbybit.DefaultBaseURL, or at
// BITBYBIT_BASE_URL: bitbybit's docs disagree on the base path, so set it to
// https://api.bitbybit.studio/customer/open/v1 if the default answers 404.
// BITBYBIT_CUSTOMER_ID, if set, orders for that existing customer instead of
// creating one; BITBYBIT_VARIANT_ID names a real product variant.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	apiKey := os.Getenv("BITBYBIT_API_KEY")
	opts := []bitbybit.Option{bitbybit.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))}
	if apiKey == "" {
		srv, err := bitbybittest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		fmt.Println("BITBYBIT_API_KEY is not set: using the in-process fake bitbybit at", srv.URL())
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
		explain(err)
		return err
	}
	fmt.Printf("created order %s (id %s): %s, %s, %s\n", deref(order.OrderNumber), deref(order.ID),
		deref(order.Status), deref(order.FinancialStatus), deref(order.FulfillmentStatus))
	if c := order.Customer; c != nil {
		fmt.Printf("  customer %s %s (id %s)\n", deref(c.FirstName), deref(c.LastName), deref(c.ID))
	}
	for _, li := range order.LineItems {
		variant := ""
		if li.ProductVariant != nil {
			variant = deref(li.ProductVariant.ID)
		}
		fmt.Printf("  line %s: %d × %s\n", deref(li.ID), deref(li.Quantity), variant)
	}
	if a := order.ShippingAddress; a != nil {
		fmt.Printf("  ships to %s, %s %s\n", deref(a.Address1), deref(a.City), deref(a.Zip))
	}

	// An order that breaks the spec is stopped before anything is sent: here
	// it names both an existing customer and a new one, and orders zero mugs.
	bad := sampleOrder()
	bad.CustomerID = ptr("cus_existing")
	bad.Customer = &bitbybit.CustomerInput{FirstName: "Budi", LastName: "Santoso"}
	bad.LineItems[0].Quantity = 0
	_, err = client.CreateOrder(ctx, bad)
	explain(err)
	return nil
}

// explain shows how to sort an error by type, category and bitbybit code.
func explain(err error) {
	var (
		apiErr *bitbybit.APIError
		valErr *bitbybit.ValidationError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent, the order is invalid:")
		for _, v := range valErr.Violations {
			fmt.Println("  ", v)
		}
	case errors.Is(err, bitbybit.ErrOutcomeUnknown):
		fmt.Println("the order may or may not exist; look it up before creating it again:", err)
	case errors.As(err, &apiErr):
		fmt.Printf("bitbybit answered %d (code %s): %s\n", apiErr.StatusCode, apiErr.Code, apiErr.Message)
		switch {
		case errors.Is(err, bitbybit.ErrRateLimited):
			fmt.Println("rate limited (100 requests a minute per key); retry after", apiErr.RetryAfter)
		case apiErr.Code == bitbybit.CodeInsufficientScope:
			fmt.Println("give the key the orders WRITE scope under Settings > Developer")
		case apiErr.Code == bitbybit.CodeNotFound:
			fmt.Println("check the base URL: try https://api.bitbybit.studio/customer/open/v1")
		case errors.Is(err, bitbybit.ErrUnauthorized):
			fmt.Println("check BITBYBIT_API_KEY and the key's IP allowlist")
		}
	case err != nil:
		fmt.Println("request failed:", err)
	}
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
