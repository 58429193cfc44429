//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
)

// komerzaErrors are komerza's error types, for the checks.
var komerzaErrors = errorsOf[*komerza.APIError, *komerza.DecodeError, *komerza.ValidationError, *komerza.RequestError](
	func(e *komerza.APIError) int { return e.StatusCode },
	func(e *komerza.ValidationError) []string { return rulesOf(e.Violations) },
)

const komerzaStoreID = "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"

func newKomerza(t *testing.T, base string, rec *recorder, opts ...komerza.Option) *komerza.Client {
	t.Helper()
	c, err := komerza.New(credential, append([]komerza.Option{komerza.WithBaseURL(base), komerza.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestKomerzaCreateOrder(t *testing.T) {
	base, m := prism(t, "komerza")
	for _, tc := range []struct {
		name, golden string
		order        komerza.CreateOrderRequest
	}{
		{"full", "full_order.json", komerzatest.FullOrder()},
		{"minimal", "minimal_order.json", komerzatest.MinimalOrder()},
		{"minimal with cost", "minimal_cost_order.json", komerzatest.MinimalCostOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newKomerza(t, base, rec)
			var order *komerza.Order
			err := call(t, func(ctx context.Context) (err error) {
				order, err = c.CreateOrder(ctx, komerzaStoreID, tc.order)
				return err
			})
			checkWire(t, rec, "komerza", tc.golden)
			checkCreate(t, m, rec, komerzaErrors, err, func(m mode) error {
				if err := notNil(order); err != nil || m == dynamic {
					return err
				}
				return nonEmpty("data.id", order.ID)
			})
		})
	}
}

// TestKomerzaInvalidOrder sends the minimal order with an empty gateway, a
// required member with minLength: 1.
func TestKomerzaInvalidOrder(t *testing.T) {
	base, _ := prism(t, "komerza")
	const rule = "minLength"
	bad := komerzatest.MinimalOrder()
	bad.Gateway = ""
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newKomerza(t, base, rec, komerza.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, komerzaStoreID, bad)
			return err
		})
		checkRejectedByPrism(t, rec, komerzaErrors, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newKomerza(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, komerzaStoreID, bad)
			return err
		})
		checkStoppedLocally(t, rec, komerzaErrors, err, rule)
	})
}
