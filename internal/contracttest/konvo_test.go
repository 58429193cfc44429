//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

// konvoErrors are konvo's error types, for the checks.
var konvoErrors = errorsOf[*konvo.APIError, *konvo.DecodeError, *konvo.ValidationError, *konvo.RequestError](
	func(e *konvo.APIError) int { return e.StatusCode },
	func(e *konvo.ValidationError) []string { return rulesOf(e.Violations) },
)

func newKonvo(t *testing.T, base string, rec *recorder, opts ...konvo.Option) *konvo.Client {
	t.Helper()
	c, err := konvo.New(credential, append([]konvo.Option{konvo.WithBaseURL(base), konvo.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestKonvoCreateOrders(t *testing.T) {
	base, m := prism(t, "konvo")
	for _, tc := range []struct {
		name, golden string
		order        konvo.OrderInput
	}{
		{"full", "full_order.json", konvotest.FullOrder()},
		{"minimal", "minimal_order.json", konvotest.MinimalOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newKonvo(t, base, rec)
			var res *konvo.CreateOrdersResult
			err := call(t, func(ctx context.Context) (err error) {
				res, err = c.CreateOrders(ctx, []konvo.OrderInput{tc.order})
				return err
			})
			checkWire(t, rec, "konvo", tc.golden)
			checkCreate(t, m, rec, konvoErrors, err, func(m mode) error {
				if err := notNil(res); err != nil || m == dynamic {
					return err
				}
				if len(res.Result) == 0 {
					return errNoOrders
				}
				return nonEmpty("result[0].id", res.Result[0].ID)
			})
		})
	}
}

// TestKonvoInvalidOrder sends an empty batch, which breaks the body's
// minItems: 1.
func TestKonvoInvalidOrder(t *testing.T) {
	base, _ := prism(t, "konvo")
	const rule = "minItems"
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newKonvo(t, base, rec, konvo.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrders(ctx, []konvo.OrderInput{})
			return err
		})
		checkRejectedByPrism(t, rec, konvoErrors, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newKonvo(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrders(ctx, []konvo.OrderInput{})
			return err
		})
		checkStoppedLocally(t, rec, konvoErrors, err, rule)
	})
}
