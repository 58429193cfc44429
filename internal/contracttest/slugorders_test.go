//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

// slugordersErrors are slugorders's error types, for the checks.
var slugordersErrors = errorsOf[*slugorders.APIError, *slugorders.DecodeError, *slugorders.ValidationError, *slugorders.RequestError](
	func(e *slugorders.APIError) int { return e.StatusCode },
	func(e *slugorders.ValidationError) []string { return rulesOf(e.Violations) },
)

const (
	slugTeam = "acme"
	slugApp  = "webshop"
)

func newSlugorders(t *testing.T, base string, rec *recorder, opts ...slugorders.Option) *slugorders.Client {
	t.Helper()
	c, err := slugorders.New(credential, append([]slugorders.Option{slugorders.WithBaseURL(base), slugorders.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSlugordersCreateOrder(t *testing.T) {
	base, m := prism(t, "slugorders")
	for _, tc := range []struct {
		name, golden string
		order        slugorders.CreateOrderRequest
	}{
		{"full", "full_order.json", slugorderstest.FullOrder()},
		{"minimal", "minimal_order.json", slugorderstest.MinimalOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newSlugorders(t, base, rec)
			var res *slugorders.CreateOrderResult
			err := call(t, func(ctx context.Context) (err error) {
				res, err = c.CreateOrder(ctx, slugTeam, slugApp, tc.order)
				return err
			})
			checkWire(t, rec, "slugorders", tc.golden)
			checkCreate(t, m, rec, slugordersErrors, err, func(m mode) error {
				if err := notNil(res); err != nil {
					return err
				}
				if err := notNil(res.Order); err != nil || m == dynamic {
					return err
				}
				return nonEmpty("data.id", res.Order.ID)
			})
		})
	}
}

// TestSlugordersInvalidOrder sends the minimal order with no lines, which
// breaks lines' minItems: 1.
func TestSlugordersInvalidOrder(t *testing.T) {
	base, _ := prism(t, "slugorders")
	const rule = "minItems"
	bad := slugorderstest.MinimalOrder()
	bad.Lines = []slugorders.OrderLineInput{}
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newSlugorders(t, base, rec, slugorders.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, slugTeam, slugApp, bad)
			return err
		})
		checkRejectedByPrism(t, rec, slugordersErrors, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newSlugorders(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, slugTeam, slugApp, bad)
			return err
		})
		checkStoppedLocally(t, rec, slugordersErrors, err, rule)
	})
}
