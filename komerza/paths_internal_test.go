package komerza

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/komerza/internal/api"
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
		for _, storeID := range fake.PathSegments {
			if _, err := c.CreateOrder(context.Background(), storeID, CreateOrderRequest{}); !errors.Is(err, fake.ErrRecorded) {
				t.Fatalf("%s: err = %v, want the recorder's", base, err)
			}
			req, err := api.NewCreateOrderRequest(c.core.BaseURL(), storeID, CreateOrderRequest{})
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, req.URL.String())
		}
		return want
	})
}

// BenchmarkRequestBuild compares the generated request builder, which the
// client does not call, with the way the client builds the same request:
// the figures behind that choice in specs/README.md.
func BenchmarkRequestBuild(b *testing.B) {
	const storeID = "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"
	c, err := New("key")
	if err != nil {
		b.Fatal(err)
	}
	body := []byte(`{"gateway":"stripe"}`)
	builds := []struct {
		name  string
		build func() (*http.Request, error)
	}{
		{"impl=generated", func() (*http.Request, error) {
			return api.NewCreateOrderRequestWithBody(DefaultBaseURL+"/", storeID, "application/json", bytes.NewReader(body))
		}},
		{"impl=sdk", func() (*http.Request, error) {
			return http.NewRequest(http.MethodPost, c.ordersURL(storeID), bytes.NewReader(body))
		}},
	}
	for _, bb := range builds {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bb.build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
