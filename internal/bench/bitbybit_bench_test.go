package bench

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
)

// bitbybitCase is a CreateOrder call with bitbybittest.FullOrder.
func bitbybitCase() *vendorCase {
	order := bitbybittest.FullOrder()
	return &vendorCase{
		name:       "bitbybit",
		authHeader: "x-api-key",
		authValue:  bitbybittest.APIKey,
		path:       "/orders",
		body:       order,
		startFake: func() (string, func(), error) {
			s, err := bitbybittest.Start()
			if err != nil {
				return "", nil, err
			}
			return s.URL(), s.Close, nil
		},
		sdk: func(baseURL string, validate bool, hc *http.Client) (createFunc, error) {
			opts := []bitbybit.Option{bitbybit.WithBaseURL(baseURL)}
			if !validate {
				opts = append(opts, bitbybit.WithoutValidation())
			}
			if hc != nil {
				opts = append(opts, bitbybit.WithHTTPClient(hc))
			}
			c, err := bitbybit.New(bitbybittest.APIKey, opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) (any, error) { return c.CreateOrder(ctx, order) }, nil
		},
		baseline: func(c *baselineClient) createFunc {
			return func(ctx context.Context) (any, error) {
				var out bitbybit.CreateOrderResult
				if err := c.post(ctx, order, &out); err != nil {
					return nil, err
				}
				if out.Data == nil {
					return nil, errors.New("bitbybit: no data")
				}
				return out.Data, nil
			}
		},
	}
}

// BenchmarkBitbybit creates one order.
func BenchmarkBitbybit(b *testing.B) { benchCreate(b, bitbybitCase()) }

func TestBitbybitBaselineSendsWhatSDKSends(t *testing.T) {
	t.Parallel()
	checkSameCall(t, bitbybitCase())
}
