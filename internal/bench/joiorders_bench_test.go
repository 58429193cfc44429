package bench

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
)

// joiordersCase is a CreateOrder call with joiorderstest.FullOrder.
func joiordersCase() *vendorCase {
	order := joiorderstest.FullOrder()
	return &vendorCase{
		name:       "joiorders",
		authHeader: "accessToken",
		authValue:  joiorderstest.AccessToken,
		path:       "/orders",
		body:       order,
		startFake: func() (string, func(), error) {
			s, err := joiorderstest.Start()
			if err != nil {
				return "", nil, err
			}
			return s.URL(), s.Close, nil
		},
		sdk: func(baseURL string, validate bool, hc *http.Client) (createFunc, error) {
			opts := []joiorders.Option{joiorders.WithBaseURL(baseURL)}
			if !validate {
				opts = append(opts, joiorders.WithoutValidation())
			}
			if hc != nil {
				opts = append(opts, joiorders.WithHTTPClient(hc))
			}
			c, err := joiorders.New(joiorderstest.AccessToken, opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) (any, error) { return c.CreateOrder(ctx, order) }, nil
		},
		baseline: func(c *baselineClient) createFunc {
			return func(ctx context.Context) (any, error) {
				var out joiorders.CreateOrderResult
				if err := c.post(ctx, order, &out); err != nil {
					return nil, err
				}
				if out.Success != nil && !*out.Success {
					return nil, errors.New("joiorders: success: false")
				}
				if out.Data == nil {
					return nil, errors.New("joiorders: no data")
				}
				return out.Data, nil
			}
		},
	}
}

// BenchmarkJoiorders creates one order.
func BenchmarkJoiorders(b *testing.B) { benchCreate(b, joiordersCase()) }

func TestJoiordersBaselineSendsWhatSDKSends(t *testing.T) {
	t.Parallel()
	checkSameCall(t, joiordersCase())
}
