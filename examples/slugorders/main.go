// Command slugorders creates a realistic Enad order, then shows that an
// invalid order is refused before anything is sent and, against the fake, how
// a refusal the fake injects reads.
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
	"strings"
	"time"

	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
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
	flags := flag.NewFlagSet("slugorders", flag.ContinueOnError)
	flags.SetOutput(stderr)
	verbose := flags.Bool("v", false, "log every attempt on stderr")
	if err := flags.Parse(args); err != nil {
		return err
	}
	var opts []slugorders.Option
	if *verbose {
		opts = append(opts, slugorders.WithLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	env := map[string]string{}
	var missing []string
	for _, k := range []string{"ENAD_TOKEN", "ENAD_BASE_URL", "ENAD_TEAM_SLUG", "ENAD_APP_SLUG"} {
		env[k] = os.Getenv(k)
		if env[k] == "" {
			missing = append(missing, k)
		}
	}
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
		fmt.Fprintln(stdout, "ENAD_TOKEN, ENAD_BASE_URL, ENAD_TEAM_SLUG and ENAD_APP_SLUG are not set: using the in-process fake Enad.")
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

	// A unique reference, by which to ask Enad about the order.
	reference := fmt.Sprintf("ordersdk-example-%d", time.Now().UnixNano())
	res, err := client.CreateOrder(ctx, team, app, sampleOrder(reference))
	if err != nil {
		return explain(err)
	}
	o := res.Order
	fmt.Fprintf(stdout, "created order %s with %d line(s): total %.2f %s\n",
		deref(o.ID), len(o.OrderLines), deref(o.GrandTotal), deref(o.CurrencyCode))
	// Enad creates the order even when it has notes, such as a product set to
	// Incomplete by a publishing rule: show them rather than drop them.
	for _, d := range res.Details {
		fmt.Fprintln(stdout, "  note from Enad:", d)
	}

	bad := sampleOrder("")
	bad.Status = "shipped"
	bad.Lines[0].VariantID = ""
	_, err = client.CreateOrder(ctx, team, app, bad)
	var valErr *slugorders.ValidationError
	if !errors.As(err, &valErr) {
		return fmt.Errorf("an invalid order was not refused: %v", err)
	}
	fmt.Fprintln(stdout, `refused before sending, an order without a reference or variant id, in the status "shipped":`)
	for _, v := range valErr.Violations {
		fmt.Fprintln(stdout, "  ", v)
	}

	if srv != nil {
		fmt.Fprintln(stdout, "injected into the fake: the next order gets a 422 with a message and details, as a real Enad")
		fmt.Fprintln(stdout, "might answer for an unknown variant (Enad documents no error body):")
		srv.Inject(slugorderstest.Fault{Status: 422, Body: []byte(`{"success":false,"message":"Order could not be created","details":["variant var_456 does not exist"]}`)})
		_, err = client.CreateOrder(ctx, team, app, sampleOrder(reference+"-2"))
		fmt.Fprintln(stdout, "  ", explain(err))
	}
	return nil
}

// explain wraps err, an error of CreateOrder, with what to do about it. It
// tests the error's kinds in the one safe order: a 502 is both an *APIError
// and of unknown outcome.
func explain(err error) error {
	var (
		valErr *slugorders.ValidationError
		apiErr *slugorders.APIError
	)
	switch {
	case errors.As(err, &valErr):
		return fmt.Errorf("fix the order: %w", err)
	case errors.Is(err, slugorders.ErrOutcomeUnknown):
		return fmt.Errorf("the order may exist; ask Enad about its reference before sending it again: %w", err)
	case errors.As(err, &apiErr):
		advice := "Enad created nothing"
		switch {
		case errors.Is(err, slugorders.ErrUnauthorized):
			advice += "; check the token, and the auth header: Enad's scheme is unverified (ENAD_AUTH_HEADER)"
		case errors.Is(err, slugorders.ErrRateLimited):
			advice += fmt.Sprintf("; send the order again in %v", apiErr.RetryAfter)
		case errors.Is(err, slugorders.ErrInvalidRequest):
			advice += "; fix the order before sending it again"
		}
		return fmt.Errorf("%s: %w", advice, err)
	}
	return err // not sent: the network or the context
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
