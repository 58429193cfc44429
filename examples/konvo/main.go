// Command konvo creates a realistic Konvo order, then shows that an invalid
// batch is refused before anything is sent.
//
// With no environment variables it runs against the in-process fake from
// package konvotest and says so. With KONVO_API_KEY set it calls the real API
// (https://api.konvoai.com, or KONVO_BASE_URL).
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

	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
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
	flags := flag.NewFlagSet("konvo", flag.ContinueOnError)
	flags.SetOutput(stderr)
	verbose := flags.Bool("v", false, "log every attempt on stderr")
	if err := flags.Parse(args); err != nil {
		return err
	}
	var opts []konvo.Option
	if *verbose {
		opts = append(opts, konvo.WithLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	apiKey := os.Getenv("KONVO_API_KEY")
	if apiKey == "" {
		srv, err := konvotest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		fmt.Fprintln(stdout, "KONVO_API_KEY is not set: using the in-process fake Konvo.")
		apiKey = srv.Credential()
		opts = append(opts, konvo.WithBaseURL(srv.URL()))
	} else if u := os.Getenv("KONVO_BASE_URL"); u != "" {
		opts = append(opts, konvo.WithBaseURL(u))
	}

	client, err := konvo.New(apiKey, opts...)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// A unique order id of yours, as Konvo requires (it does not say what it
	// does with a second order of the same id).
	orderID := fmt.Sprintf("ordersdk-example-%d", time.Now().UnixNano())
	res, err := client.CreateOrders(ctx, []konvo.OrderInput{sampleOrder(orderID)})
	if err != nil {
		return explain(err)
	}
	for _, o := range res.Result {
		fmt.Fprintf(stdout, "created order %s (%s): total %.0f %s in minor units\n",
			deref(o.ID), deref(o.ExternalName), deref(o.OrderTotal), deref(o.Currency))
	}

	bad := sampleOrder("")
	bad.Items[0].Quantity = ptr(0)
	_, err = client.CreateOrders(ctx, []konvo.OrderInput{bad})
	var valErr *konvo.ValidationError
	if !errors.As(err, &valErr) {
		return fmt.Errorf("an invalid batch was not refused: %v", err)
	}
	fmt.Fprintln(stdout, "refused before sending, an order without an id and with a quantity of 0:")
	for _, v := range valErr.Violations {
		fmt.Fprintln(stdout, "  ", v)
	}
	return nil
}

// explain wraps err, an error of CreateOrders, with what to do about it. It
// tests the error's kinds in the one safe order: a 502 is both an *APIError
// and of unknown outcome.
func explain(err error) error {
	var (
		valErr *konvo.ValidationError
		apiErr *konvo.APIError
	)
	switch {
	case errors.As(err, &valErr):
		return fmt.Errorf("fix the batch: %w", err)
	case errors.Is(err, konvo.ErrOutcomeUnknown):
		return fmt.Errorf("the orders may exist; look them up before sending them again: %w", err)
	case errors.As(err, &apiErr) && errors.Is(err, konvo.ErrRateLimited):
		return fmt.Errorf("Konvo created nothing; send the batch again in %v: %w", apiErr.RetryAfter, err)
	case errors.As(err, &apiErr):
		return fmt.Errorf("Konvo created nothing: %w", err)
	}
	return err // not sent: the network or the context
}

func sampleOrder(id string) konvo.OrderInput {
	return konvo.OrderInput{
		ID:           id,
		ExternalID:   ptr("store-1059"),
		FriendlyName: "#1059",
		Customer: konvo.OrderCustomer{
			ID: "customer_67890", FirstName: "John", LastName: "Doe",
			UserIds: []konvo.OrderUserID{{Type: konvo.OrderUserIDTypeEmail, ID: "john.doe@example.com"}},
		},
		OrderTotal: 5998, // minor units: $59.98
		Currency:   "USD",
		Status:     ptr(konvo.OrderInputStatusPaid),
		Source:     ptr(konvo.OrderInputSourceOnline),
		Items: []konvo.OrderedItem{{
			ID: "variant_123", Sku: "SHIRT-BLU-M", Name: "Blue T-Shirt - Medium",
			Description: "Comfortable cotton t-shirt in blue", Price: 2999, Msrp: 3999,
			ImageURL: "https://example.com/images/blue-tshirt.jpg", Currency: "USD", Quantity: ptr(2),
		}},
		Address: &konvo.OrderAddress{
			FirstName: "John", LastName: "Doe", AddressLineOne: "123 Main St", AddressLineTwo: "",
			ZipCode: "10001", City: "New York", CountryCode: "US",
		},
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
