package slugorders

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/slugorders/internal/api"
)

// TestOrdersPathMatchesGeneratedBuilder holds the request URL that
// CreateOrder builds to the one the generated request builder, which
// follows the spec, builds for the same base URL and path parameters.
func TestOrdersPathMatchesGeneratedBuilder(t *testing.T) {
	t.Parallel()
	for _, base := range fake.PathBaseURLs {
		rec := &fake.URLRecorder{}
		c, err := New("key", WithBaseURL(base), WithoutValidation(), WithHTTPClient(&http.Client{Transport: rec}), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, slug := range fake.PathSegments {
			if _, err := c.CreateOrder(context.Background(), slug, slug+"-app", CreateOrderRequest{}); !errors.Is(err, fake.ErrRecorded) {
				t.Fatalf("%s: err = %v, want the recorder's", base, err)
			}
			req, err := api.NewCreateOrderRequest(c.core.BaseURL(), slug, slug+"-app", CreateOrderRequest{})
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, req.URL.String())
		}
		got = rec.URLs()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("base URL %s: URLs sent (-generated builder +client):\n%s", base, diff)
		}
	}
}
