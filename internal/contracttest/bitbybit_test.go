//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
)

// bitbybitErrors are bitbybit's error types, for the checks.
var bitbybitErrors = errorsOf[*bitbybit.APIError, *bitbybit.DecodeError, *bitbybit.ValidationError, *bitbybit.RequestError](
	func(e *bitbybit.APIError) int { return e.StatusCode },
	func(e *bitbybit.ValidationError) []string { return rulesOf(e.Violations) },
)

func newBitbybit(t *testing.T, base string, rec *recorder, opts ...bitbybit.Option) *bitbybit.Client {
	t.Helper()
	c, err := bitbybit.New(credential, append([]bitbybit.Option{bitbybit.WithBaseURL(base), bitbybit.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBitbybitCreateOrder(t *testing.T) {
	base, m := prism(t, "bitbybit")
	for _, tc := range []struct {
		name, golden string
		order        bitbybit.CreateOrderRequest
	}{
		{"full", "full_order.json", bitbybittest.FullOrder()},
		{"minimal", "minimal_order.json", bitbybittest.MinimalOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newBitbybit(t, base, rec)
			var order *bitbybit.Order
			err := call(t, func(ctx context.Context) (err error) {
				order, err = c.CreateOrder(ctx, tc.order)
				return err
			})
			checkWire(t, rec, "bitbybit", tc.golden)
			checkCreate(t, m, rec, bitbybitErrors, err, func(m mode) error {
				if err := notNil(order); err != nil || m == dynamic {
					return err
				}
				return nonEmpty("data.id", order.ID)
			})
		})
	}
}

// TestBitbybitInvalidOrder sends the minimal order with no line items, which
// breaks lineItems' minItems: 1.
func TestBitbybitInvalidOrder(t *testing.T) {
	base, _ := prism(t, "bitbybit")
	const rule = "minItems"
	bad := bitbybittest.MinimalOrder()
	bad.LineItems = []bitbybit.LineItemInput{}
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newBitbybit(t, base, rec, bitbybit.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, bad)
			return err
		})
		checkRejectedByPrism(t, rec, bitbybitErrors, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newBitbybit(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, bad)
			return err
		})
		checkStoppedLocally(t, rec, bitbybitErrors, err, rule)
	})
}
