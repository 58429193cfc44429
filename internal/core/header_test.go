package core_test

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/core"
)

// TestHeadersDoNotCarryOver makes calls that each add a header of their own
// (an idempotency key, a header the caller's Transport writes into the
// request, a cookie from the caller's jar) and checks that the next call
// sends none of them: requests without one may share a header map only when
// nothing writes to it.
func TestHeadersDoNotCarryOver(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// opts make the client; first is the option of the first call.
		opts  func(t *testing.T) []core.Option
		first []core.CallOption
		// added is the header the first request carries and the second
		// must not.
		added string
	}{
		{"idempotency key on the SDK's Transport", func(*testing.T) []core.Option { return nil },
			[]core.CallOption{core.WithIdempotencyKey("key-1")}, "Idempotency-Key"},
		{"header written by the caller's Transport", func(*testing.T) []core.Option {
			var n atomic.Int32
			rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				if n.Add(1) == 1 {
					// Against the RoundTripper contract, as some
					// middleware does.
					r.Header.Set("X-First", "1")
				}
				return http.DefaultTransport.RoundTrip(r)
			})
			return []core.Option{core.WithHTTPClient(&http.Client{Transport: rt})}
		}, nil, "X-First"},
		{"cookie from the caller's jar", func(*testing.T) []core.Option {
			return []core.Option{core.WithHTTPClient(&http.Client{Jar: &onceJar{}})}
		}, nil, "Cookie"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { created(w) })
			c := newClient(t, srv.URL, tt.opts(t)...)
			if _, err := createOrder(context.Background(), c, tt.first...); err != nil {
				t.Fatal(err)
			}
			for range 2 {
				if _, err := createOrder(context.Background(), c); err != nil {
					t.Fatal(err)
				}
			}
			hits := srv.Hits()
			if len(hits) != 3 {
				t.Fatalf("the server got %d requests, want 3", len(hits))
			}
			if hits[0].Header.Get(tt.added) == "" {
				t.Fatalf("the first request has no %s", tt.added)
			}
			for i, h := range hits {
				if h.Header.Get("Authorization") != "Bearer "+apiKey {
					t.Errorf("request %d: wrong Authorization", i+1)
				}
				if got := h.Header.Get("Content-Type"); got != "application/json" {
					t.Errorf("request %d: Content-Type %q", i+1, got)
				}
				if got := h.Header.Get("User-Agent"); got != "ordersdk-go/"+core.Version+" (acme)" {
					t.Errorf("request %d: User-Agent %q", i+1, got)
				}
				if got := h.Header.Get(tt.added); i > 0 && got != "" {
					t.Errorf("request %d carries %s %q from the first", i+1, tt.added, got)
				}
			}
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// onceJar is a cookie jar that has a cookie for the first request only.
type onceJar struct{ asked atomic.Int32 }

func (j *onceJar) SetCookies(*url.URL, []*http.Cookie) {}

func (j *onceJar) Cookies(*url.URL) []*http.Cookie {
	if j.asked.Add(1) == 1 {
		return []*http.Cookie{{Name: "session", Value: "1"}}
	}
	return nil
}
