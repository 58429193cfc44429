package bench

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

// The team and app the orders go to.
const slugTeam, slugApp = "acme", "webshop"

// slugordersCase is a CreateOrder call with slugorderstest.FullOrder.
func slugordersCase() *vendorCase {
	order := slugorderstest.FullOrder()
	return &vendorCase{
		name:       "slugorders",
		authHeader: "Authorization",
		authValue:  "Bearer " + slugorderstest.Token,
		path:       "/api/v1/" + slugTeam + "/" + slugApp + "/orders",
		body:       order,
		startFake: func() (string, func(), error) {
			s, err := slugorderstest.Start()
			if err != nil {
				return "", nil, err
			}
			return s.URL(), s.Close, nil
		},
		sdk: func(baseURL string, validate bool, hc *http.Client) (createFunc, error) {
			opts := []slugorders.Option{slugorders.WithBaseURL(baseURL)}
			if !validate {
				opts = append(opts, slugorders.WithoutValidation())
			}
			if hc != nil {
				opts = append(opts, slugorders.WithHTTPClient(hc))
			}
			c, err := slugorders.New(slugorderstest.Token, opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) (any, error) { return c.CreateOrder(ctx, slugTeam, slugApp, order) }, nil
		},
		baseline: func(c *baselineClient) createFunc {
			return func(ctx context.Context) (any, error) {
				var out slugorders.CreateOrderResponse
				if err := c.post(ctx, order, &out); err != nil {
					return nil, err
				}
				if out.Success != nil && !*out.Success {
					return nil, errors.New("slugorders: success: false")
				}
				if out.Data == nil {
					return nil, errors.New("slugorders: no data")
				}
				// As the SDK, never nil and without blank notes.
				details := make([]string, 0, len(out.Details))
				for _, d := range out.Details {
					if strings.TrimSpace(d) != "" {
						details = append(details, d)
					}
				}
				return &slugorders.CreateOrderResult{Order: out.Data, Details: details}, nil
			}
		},
	}
}

// BenchmarkSlugorders creates one order.
func BenchmarkSlugorders(b *testing.B) { benchCreate(b, slugordersCase()) }

func TestSlugordersBaselineSendsWhatSDKSends(t *testing.T) {
	t.Parallel()
	checkSameCall(t, slugordersCase())
}
