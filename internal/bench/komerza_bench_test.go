package bench

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
)

// komerzaStore is the store the orders go to.
const komerzaStore = "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"

// komerzaCase is a CreateOrder call with komerzatest.FullOrder.
func komerzaCase() *vendorCase {
	order := komerzatest.FullOrder()
	return &vendorCase{
		name:       "komerza",
		authHeader: "Authorization",
		authValue:  "Bearer " + komerzatest.APIKey,
		path:       "/stores/" + url.PathEscape(komerzaStore) + "/orders",
		body:       order,
		startFake: func() (string, func(), error) {
			s, err := komerzatest.Start()
			if err != nil {
				return "", nil, err
			}
			return s.URL(), s.Close, nil
		},
		sdk: func(baseURL string, validate bool, hc *http.Client) (createFunc, error) {
			opts := []komerza.Option{komerza.WithBaseURL(baseURL)}
			if !validate {
				opts = append(opts, komerza.WithoutValidation())
			}
			if hc != nil {
				opts = append(opts, komerza.WithHTTPClient(hc))
			}
			c, err := komerza.New(komerzatest.APIKey, opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) (any, error) { return c.CreateOrder(ctx, komerzaStore, order) }, nil
		},
		baseline: func(c *baselineClient) createFunc {
			return func(ctx context.Context) (any, error) {
				var out komerza.CreateOrderResult
				if err := c.post(ctx, order, &out); err != nil {
					return nil, err
				}
				if out.Success != nil && !*out.Success {
					return nil, errors.New("komerza: success: false")
				}
				if out.Data == nil {
					return nil, errors.New("komerza: no data")
				}
				return out.Data, nil
			}
		},
	}
}

// BenchmarkKomerza creates one order.
func BenchmarkKomerza(b *testing.B) { benchCreate(b, komerzaCase()) }

func TestKomerzaBaselineSendsWhatSDKSends(t *testing.T) {
	t.Parallel()
	checkSameCall(t, komerzaCase())
}
