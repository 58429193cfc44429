package joiorders

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// TestOrdersPathMatchesSpec holds the request URL that CreateOrder builds to
// the one the spec's path gives for the same base URL (fake.SpecURL).
func TestOrdersPathMatchesSpec(t *testing.T) {
	t.Parallel()
	fake.CheckURLs(t, func(base string, hc *http.Client) []string {
		c, err := New("key", WithBaseURL(base), WithoutValidation(), WithHTTPClient(hc), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.CreateOrder(context.Background(), CreateOrderRequest{}); !errors.Is(err, fake.ErrRecorded) {
			t.Fatalf("%s: err = %v, want the recorder's", base, err)
		}
		u, err := fake.SpecURL(c.core.BaseURL(), "/orders", nil)
		if err != nil {
			t.Fatal(err)
		}
		return []string{u}
	})
}
