package core_test

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/core"
)

// TestHeadersDoNotCarryOver makes a first call that adds a header of its own
// (an idempotency key, a header the caller's Transport or CheckRedirect
// writes into the request, a cookie from the caller's jar) and checks that
// the calls after it send none: requests may share a header map only when
// nothing writes to it.
func TestHeadersDoNotCarryOver(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// opts make the client; first is the option of the first call.
		opts  func(t *testing.T) []core.Option
		first []core.CallOption
		// added is the header the first call writes, and sentFirst says
		// whether its request carries it: CheckRedirect writes to the
		// request after it was sent, and the server redirects the first
		// request once.
		added     string
		sentFirst bool
	}{
		{"idempotency key on the SDK's Transport", func(*testing.T) []core.Option { return nil },
			[]core.CallOption{core.WithIdempotencyKey("key-1")}, "Idempotency-Key", true},
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
		}, nil, "X-First", true},
		{"header written by the caller's CheckRedirect", func(*testing.T) []core.Option {
			return []core.Option{core.WithHTTPClient(&http.Client{CheckRedirect: func(_ *http.Request, via []*http.Request) error {
				via[0].Header.Set("X-First", "1")
				return nil
			}})}
		}, nil, "X-First", false},
		{"cookie from the caller's jar", func(*testing.T) []core.Option {
			return []core.Option{core.WithHTTPClient(&http.Client{Jar: &onceJar{}})}
		}, nil, "Cookie", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					http.Redirect(w, r, "/orders/again", http.StatusTemporaryRedirect)
					return
				}
				created(w)
			})
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
			if len(hits) != 4 {
				t.Fatalf("the server got %d requests, want 4 (a redirect and three calls)", len(hits))
			}
			if tt.sentFirst && hits[0].Header.Get(tt.added) == "" {
				t.Fatalf("the first request has no %s", tt.added)
			}
			// The redirected request copies the first one's headers.
			hits = hits[1:]
			for i, h := range hits {
				if h.Header.Get("Authorization") != "Bearer "+apiKey {
					t.Errorf("call %d: wrong Authorization", i+1)
				}
				if got := h.Header.Get("Content-Type"); got != "application/json" {
					t.Errorf("call %d: Content-Type %q", i+1, got)
				}
				if got := h.Header.Get("User-Agent"); got != "ordersdk-go/"+core.Version+" (acme)" {
					t.Errorf("call %d: User-Agent %q", i+1, got)
				}
				if got := h.Header.Get(tt.added); i > 0 && got != "" {
					t.Errorf("call %d carries %s %q from the first", i+1, tt.added, got)
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
