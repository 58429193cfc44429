//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
)

// joiordersErrors are joiorders's error types, for the checks.
var joiordersErrors = errorsOf[*joiorders.APIError, *joiorders.DecodeError, *joiorders.ValidationError, *joiorders.RequestError](
	func(e *joiorders.APIError) int { return e.StatusCode },
	func(e *joiorders.ValidationError) []string { return rulesOf(e.Violations) },
)

func newJoiorders(t *testing.T, base string, rec *recorder, opts ...joiorders.Option) *joiorders.Client {
	t.Helper()
	c, err := joiorders.New(credential, append([]joiorders.Option{joiorders.WithBaseURL(base), joiorders.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestJoiordersCreateOrder(t *testing.T) {
	base, m := prism(t, "joiorders")
	for _, tc := range []struct {
		name, golden string
		order        joiorders.CreateOrderRequest
	}{
		{"full", "full_order.json", joiorderstest.FullOrder()},
		{"minimal", "minimal_order.json", joiorderstest.MinimalOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newJoiorders(t, base, rec)
			var order *joiorders.Order
			err := call(t, func(ctx context.Context) (err error) {
				order, err = c.CreateOrder(ctx, tc.order)
				return err
			})
			checkWire(t, rec, "joiorders", tc.golden)
			checkCreate(t, m, rec, joiordersErrors, err, func(m mode) error {
				if err := notNil(order); err != nil || m == dynamic {
					return err
				}
				return nonEmpty("data.id", order.ID)
			})
		})
	}
}

// TestJoiordersInvalidOrder sends the minimal order with an empty customer, a
// required member with minLength: 1.
func TestJoiordersInvalidOrder(t *testing.T) {
	base, _ := prism(t, "joiorders")
	const rule = "minLength"
	bad := joiorderstest.MinimalOrder()
	bad.CustomerID = ""
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newJoiorders(t, base, rec, joiorders.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, bad)
			return err
		})
		checkRejectedByPrism(t, rec, joiordersErrors, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newJoiorders(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, bad)
			return err
		})
		checkStoppedLocally(t, rec, joiordersErrors, err, rule)
	})
}
