package bitbybit

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ordersdk/ordersdk-go/bitbybit/internal/api"
	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// TestOrdersPathMatchesGeneratedBuilder holds the request URL that
// CreateOrder builds to the one the generated request builder, which follows the spec,
// builds for the same base URL and path parameters.
func TestOrdersPathMatchesGeneratedBuilder(t *testing.T) {
	t.Parallel()
	fake.CheckURLs(t, func(base string, hc *http.Client) []string {
		c, err := New("key", WithBaseURL(base), WithoutValidation(), WithHTTPClient(hc), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		if _, err := c.CreateOrder(context.Background(), CreateOrderRequest{}); !errors.Is(err, fake.ErrRecorded) {
			t.Fatalf("%s: err = %v, want the recorder's", base, err)
		}
		req, err := api.NewCreateOrderRequest(c.core.BaseURL(), CreateOrderRequest{})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, req.URL.String())
		return want
	})
}
