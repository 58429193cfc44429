// Command slugorders creates a realistic Enad order and shows how to handle
// each kind of failure.
//
// With no environment variables it runs against the in-process fake from
// package slugorderstest and says so. To call the real API, set all of:
//
//	ENAD_TOKEN      the API token
//	ENAD_BASE_URL   Enad's server; Enad documents none, so there is no default
//	ENAD_TEAM_SLUG  the team the order belongs to
//	ENAD_APP_SLUG   the app (store) the order is created in
//
// Enad documents no authentication; the token goes in "Authorization: Bearer
// <token>" unless ENAD_AUTH_HEADER names another header, in which case it is
// sent raw, or with the scheme word in ENAD_AUTH_SCHEME.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	env := map[string]string{}
	var missing []string
	for _, k := range []string{"ENAD_TOKEN", "ENAD_BASE_URL", "ENAD_TEAM_SLUG", "ENAD_APP_SLUG"} {
		env[k] = os.Getenv(k)
		if env[k] == "" {
			missing = append(missing, k)
		}
	}
	opts := []slugorders.Option{slugorders.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))}
	var srv *slugorderstest.Server
	switch len(missing) {
	case 0:
		opts = append(opts, slugorders.WithBaseURL(env["ENAD_BASE_URL"]))
		if h := os.Getenv("ENAD_AUTH_HEADER"); h != "" {
			opts = append(opts, slugorders.WithAuthHeader(h, os.Getenv("ENAD_AUTH_SCHEME")))
		}
	case 4:
		var err error
		if srv, err = slugorderstest.Start(); err != nil {
			return err
		}
		defer srv.Close()
		fmt.Println("ENAD_TOKEN, ENAD_BASE_URL, ENAD_TEAM_SLUG and ENAD_APP_SLUG are not set: using the in-process fake Enad at", srv.URL())
		env["ENAD_TOKEN"], env["ENAD_TEAM_SLUG"], env["ENAD_APP_SLUG"] = srv.Credential(), "acme", "webshop"
		opts = append(opts, slugorders.WithBaseURL(srv.URL()))
	default:
		return fmt.Errorf("to call Enad, also set %s (or unset them all to use the fake)", strings.Join(missing, ", "))
	}

	client, err := slugorders.New(env["ENAD_TOKEN"], opts...)
	if err != nil {
		return err
	}
	team, app := env["ENAD_TEAM_SLUG"], env["ENAD_APP_SLUG"]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	reference := fmt.Sprintf("ordersdk-example-%d", time.Now().UnixNano())
	res, err := client.CreateOrder(ctx, team, app, sampleOrder(reference))
	if err != nil {
		explain(err)
		return err
	}
	o := res.Order
	fmt.Printf("created order %s (%s) with %d line(s), total %.2f %s\n",
		deref(o.ID), deref(o.Reference), len(o.OrderLines), deref(o.GrandTotal), deref(o.CurrencyCode))
	// Enad creates the order even when it has notes, such as a product set to
	// Incomplete by a publishing rule: show them rather than drop them.
	for _, d := range res.Details {
		fmt.Println("  note from Enad:", d)
	}

	// An order that breaks the spec is stopped before anything is sent.
	bad := sampleOrder("")
	bad.Status = "shipped"
	bad.Lines[0].VariantID = ""
	_, err = client.CreateOrder(ctx, team, app, bad)
	explain(err)

	// Enad documents no error body; the fake shows how one is reported.
	if srv != nil {
		srv.Inject(slugorderstest.Fault{Status: 422, Body: []byte(`{"success":false,"message":"Order could not be created","details":["variant var_456 does not exist"]}`)})
		_, err = client.CreateOrder(ctx, team, app, sampleOrder(reference+"-2"))
		explain(err)
	}
	return nil
}

// explain shows how to sort an error by type and category.
func explain(err error) {
	var (
		apiErr *slugorders.APIError
		valErr *slugorders.ValidationError
	)
	switch {
	case errors.As(err, &valErr):
		fmt.Println("not sent, the order is invalid:")
		for _, v := range valErr.Violations {
			fmt.Println("  ", v)
		}
	case errors.Is(err, slugorders.ErrOutcomeUnknown):
		fmt.Println("the order may or may not exist; look it up by its reference before retrying:", err)
	case errors.As(err, &apiErr):
		fmt.Printf("Enad answered %d: %s\n", apiErr.StatusCode, apiErr.Message)
		switch {
		case errors.Is(err, slugorders.ErrUnauthorized):
			fmt.Println("check the token, and the auth header: Enad's scheme is unverified (ENAD_AUTH_HEADER)")
		case errors.Is(err, slugorders.ErrRateLimited):
			fmt.Println("rate limited; retry after", apiErr.RetryAfter)
		case errors.Is(err, slugorders.ErrInvalidRequest):
			fmt.Println("fix the order before sending it again")
		}
	case err != nil:
		fmt.Println("request failed:", err)
	}
}

func sampleOrder(reference string) slugorders.CreateOrderRequest {
	return slugorders.CreateOrderRequest{
		Reference:     reference,
		Source:        "webshop",
		Status:        slugorders.OrderStatusPlaced,
		CountryCode:   "SE",
		CurrencyCode:  "SEK",
		LanguageCode:  "sv",
		SubTotal:      ptr(998.0),
		ShippingTotal: ptr(49.0),
		TaxTotal:      ptr(209.4),
		GrandTotal:    1047, // major units assumed: Enad does not state the unit
		Lines: []slugorders.OrderLineInput{{
			ProductID: "prod_123", VariantID: "var_456", Quantity: 2,
			ProductName: ptr("Linen shirt"), VariantName: ptr("Linen shirt, blue, M"),
			BasePriceAmount: ptr(499.0), TotalPriceAmount: ptr(998.0), CurrencyCode: ptr("SEK"),
		}},
		ShippingAddress: &slugorders.AddressInput{
			GivenName: ptr("Astrid"), FamilyName: ptr("Lindqvist"), StreetAddress: ptr("Sveavägen 44"),
			PostalCode: ptr("113 59"), City: ptr("Stockholm"), CountryCode: ptr("SE"),
			Email: ptr("astrid@example.se"),
		},
		ShippingMethods: []string{"postnord_home"},
		PaymentMethod:   ptr("card"),
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
