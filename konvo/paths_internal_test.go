package konvo

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/konvo/internal/api"
)

// TestOrdersPathMatchesGeneratedBuilder holds the request URL that
// CreateOrders builds, for a batch marshalled at once and one encoded order
// by order, to the one the generated request builder, which follows the spec,
// builds for the same base URL and path parameters.
func TestOrdersPathMatchesGeneratedBuilder(t *testing.T) {
	t.Parallel()
	fake.CheckURLs(t, func(base string, hc *http.Client) []string {
		c, err := New("key", WithBaseURL(base), WithoutValidation(), WithHTTPClient(hc), WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, orders := range [][]OrderInput{{}, make([]OrderInput, partsMinOrders)} {
			if _, err := c.CreateOrders(context.Background(), orders); !errors.Is(err, fake.ErrRecorded) {
				t.Fatalf("%s: err = %v, want the recorder's", base, err)
			}
			req, err := api.NewCreateOrdersRequest(c.core.BaseURL(), orders)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, req.URL.String())
		}
		return want
	})
}
