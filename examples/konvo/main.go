// Command konvo creates a realistic Konvo order and shows how to handle each
// kind of failure.
//
// With no environment variables it runs against the in-process fake from
// package konvotest and says so. With KONVO_API_KEY set it calls the real API
// (https://api.konvoai.com, or KONVO_BASE_URL).
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	apiKey := os.Getenv("KONVO_API_KEY")
	opts := []konvo.Option{konvo.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))}
	if apiKey == "" {
		srv, err := konvotest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		fmt.Println("KONVO_API_KEY is not set: using the in-process fake Konvo at", srv.URL())
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

	orderID := fmt.Sprintf("ordersdk-example-%d", time.Now().UnixNano())
	res, err := client.CreateOrders(ctx, []konvo.OrderInput{sampleOrder(orderID)}, konvo.WithIdempotencyKey(orderID))
	if err != nil {
		explain(err)
		return err
	}
	for _, o := range res.Result {
		fmt.Printf("created order %s (%s) total %d %s\n", deref(o.ID), deref(o.ExternalName), deref(o.OrderTotal), deref(o.Currency))
	}

	// A batch that breaks the spec is stopped before anything is sent.
	bad := sampleOrder("")
	bad.Items[0].Quantity = ptr(0)
	_, err = client.CreateOrders(ctx, []konvo.OrderInput{bad})
	explain(err)
	return nil
}

// explain shows how to sort an error by type and category.
func explain(err error) {
	var (
		apiErr *konvo.APIError
		valErr *konvo.ValidationError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent, the batch is invalid:")
		for _, v := range valErr.Violations {
			fmt.Println("  ", v)
		}
	case errors.Is(err, konvo.ErrOutcomeUnknown):
		fmt.Println("the orders may or may not exist; look them up by id before retrying:", err)
	case errors.As(err, &apiErr):
		fmt.Printf("Konvo answered %d (code %s): %s\n", apiErr.StatusCode, apiErr.Code, apiErr.Message)
		if errors.Is(err, konvo.ErrRateLimited) {
			fmt.Println("rate limited; retry after", apiErr.RetryAfter)
		}
	case err != nil:
		fmt.Println("request failed:", err)
	}
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
		OrderTotal: 5998,
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
