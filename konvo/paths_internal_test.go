package konvo

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// TestOrdersPathMatchesSpec holds the request URL that CreateOrders builds,
// for a batch marshalled at once and one encoded order by order, to the one
// the spec's path gives for the same base URL (fake.SpecURL).
func TestOrdersPathMatchesSpec(t *testing.T) {
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
			u, err := fake.SpecURL(c.core.BaseURL(), "/orders", nil)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, u)
		}
		return want
	})
}
