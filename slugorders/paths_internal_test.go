package slugorders

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// TestOrdersPathMatchesSpec holds the request URL that CreateOrder builds to
// the one the spec's path gives for the same base URL and path parameters
// (fake.SpecURL).
func TestOrdersPathMatchesSpec(t *testing.T) {
	t.Parallel()
	fake.CheckURLs(t, func(base string, hc *http.Client) []string {
		c, err := New("key", WithBaseURL(base), WithoutValidation(), WithHTTPClient(hc), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, slug := range fake.PathSegments {
			if _, err := c.CreateOrder(context.Background(), slug, slug+"-app", CreateOrderRequest{}); !errors.Is(err, fake.ErrRecorded) {
				t.Fatalf("%s: err = %v, want the recorder's", base, err)
			}
			u, err := fake.SpecURL(c.core.BaseURL(), "/api/v1/{team_slug}/{app_slug}/orders",
				map[string]string{"team_slug": slug, "app_slug": slug + "-app"})
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, u)
		}
		return want
	})
}
