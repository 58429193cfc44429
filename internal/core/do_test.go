package core

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// TestWire checks what reaches the server in every mode: one request, the
// method, path, headers and body the SDK built, and HTTP/2 where asked.
func TestWire(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t, m.h2, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 201, createdBody) })
			c := newClient(t, s, m, WithUserAgent("shop/1.0"))
			res, err := create(context.Background(), c, WithIdempotencyKey("idem-1"))
			if err != nil {
				t.Fatal(err)
			}
			if res.Data == nil || *res.Data.ID != "ord_1" {
				t.Fatalf("result = %+v", res)
			}
			got := s.received()
			if len(got) != 1 {
				t.Fatalf("server got %d requests, want 1", len(got))
			}
			r := got[0]
			wantProto := "HTTP/1.1"
			if m.h2 {
				wantProto = "HTTP/2.0"
			}
			checks := []struct{ what, got, want string }{
				{"proto", r.proto, wantProto},
				{"method", r.method, "POST"},
				{"path", r.path, "/orders"},
				{"body", string(r.body), `{"name":"mug"}`},
				{"x-api-key", r.header.Get("X-Api-Key"), testKey},
				{"content-type", r.header.Get("Content-Type"), "application/json"},
				{"user-agent", r.header.Get("User-Agent"), "shop/1.0"},
				{"idempotency-key", r.header.Get("Idempotency-Key"), "idem-1"},
			}
			for _, ch := range checks {
				if ch.got != ch.want {
					t.Errorf("%s = %q, want %q", ch.what, ch.got, ch.want)
				}
			}
		})
	}
}

// baseRecorder records the requests the base transport is handed.
type baseRecorder struct {
	next http.RoundTripper
	seen chan *http.Request
}

func (b *baseRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	b.seen <- r
	return b.next.RoundTrip(r)
}

// TestBaseTransportNeverReplays checks that the transport under the SDK's
// never gets a request it could resend on its own: no GetBody, in every mode,
// redirects included.
func TestBaseTransportNeverReplays(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t, m.h2, func(n int, w http.ResponseWriter, _ *http.Request) {
				if n == 1 {
					reply(w, http.StatusTemporaryRedirect, "", "Location", "/orders/again")
					return
				}
				reply(w, 201, createdBody)
			})
			c := newClient(t, s, m)
			wt := c.retrier.HTTPClient.Transport.(*wireTransport)
			rec := &baseRecorder{next: wt.base, seen: make(chan *http.Request, 10)}
			wt.base = rec
			if _, err := create(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			close(rec.seen)
			n := 0
			for r := range rec.seen {
				n++
				if r.GetBody != nil {
					t.Errorf("hop %d reached the base transport with GetBody set", n)
				}
			}
			got := s.received()
			if n != 2 || len(got) != 2 || !bytes.Equal(got[0].body, got[1].body) || got[1].path != "/orders/again" {
				t.Errorf("hops %d, server requests %d; want the 307 followed once with the same body", n, len(got))
			}
		})
	}
}

// TestRetryByStatus runs status sequences through the policy and counts the
// requests the server received.
func TestRetryByStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		statuses []int // answered in turn; 201 after the last
		hint     string
		opts     []Option
		requests int
		want     error // nil: success
		unknown  bool
	}{
		{"created", nil, "", nil, 1, nil, false},
		{"503 retried", []int{503}, "", nil, 2, nil, false},
		{"408 retried", []int{408}, "", nil, 2, nil, false},
		{"503 budget spent", []int{503, 503, 503}, "", nil, 3, apierror.ErrServer, false},
		{"429s do not spend the budget", []int{429, 429, 429, 429}, "", []Option{WithMaxRetries(1)}, 5, nil, false},
		{"503 with hint is not budgeted", []int{503, 503, 503}, "0.001", []Option{WithMaxRetries(0)}, 4, nil, false},
		{"429 wait cap", []int{429, 429, 429, 429}, "", []Option{WithMaxRateLimitWait(0)}, 1, apierror.ErrRateLimited, false},
		{"500 unknown", []int{500}, "", nil, 1, apierror.ErrOutcomeUnknown, true},
		{"502 unknown", []int{502}, "", nil, 1, apierror.ErrOutcomeUnknown, true},
		{"520 unknown", []int{520}, "", nil, 1, apierror.ErrOutcomeUnknown, true},
		{"524 unknown", []int{524}, "", nil, 1, apierror.ErrOutcomeUnknown, true},
		{"599 unknown", []int{599}, "", nil, 1, apierror.ErrOutcomeUnknown, true},
		{"500 retried when ambiguous", []int{500}, "", []Option{WithRetryAmbiguous()}, 2, nil, false},
		{"ambiguous, then 400: still unknown", []int{500, 400}, "", []Option{WithRetryAmbiguous()}, 2, apierror.ErrOutcomeUnknown, true},
		{"400 final", []int{400}, "", nil, 1, apierror.ErrInvalidRequest, false},
		{"401 final", []int{401}, "", nil, 1, apierror.ErrUnauthorized, false},
		{"409 final", []int{409}, "", nil, 1, nil, false},
	}
	for _, m := range modes[:2] {
		for _, tt := range tests {
			t.Run(m.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				s := newServer(t, m.h2, func(n int, w http.ResponseWriter, _ *http.Request) {
					if n <= len(tt.statuses) {
						var h []string
						if tt.hint != "" {
							h = []string{"Retry-After-Ms", tt.hint}
						}
						reply(w, tt.statuses[n-1], `{"message":"no"}`, h...)
						return
					}
					reply(w, 201, createdBody)
				})
				c := newClient(t, s, m, tt.opts...)
				_, err := create(context.Background(), c)
				if got := s.count(); got != tt.requests {
					t.Errorf("server got %d requests, want %d", got, tt.requests)
				}
				switch {
				case tt.name == "409 final":
					var ae *apierror.APIError
					if !errors.As(err, &ae) || ae.StatusCode != 409 {
						t.Errorf("err = %v, want the 409", err)
					}
				case tt.want == nil && err != nil:
					t.Errorf("err = %v, want success", err)
				case tt.want != nil && !errors.Is(err, tt.want):
					t.Errorf("err = %v, want %v", err, tt.want)
				}
				if err != nil && errors.Is(err, apierror.ErrOutcomeUnknown) != tt.unknown {
					t.Errorf("ErrOutcomeUnknown = %v, want %v (%v)", !tt.unknown, tt.unknown, err)
				}
			})
		}
	}
}

// TestSentThenLost checks, in every mode and with an http.Client Timeout,
// that a request the server read and then never answered is not retried and
// is reported as outcome unknown. The server holds the answer until the
// client gives up, so no timing decides the verdict: whenever the Timeout
// fires, the request was read.
func TestSentThenLost(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		for _, how := range []string{"timeout", "cancel", "reset"} {
			t.Run(m.name+"/"+how, func(t *testing.T) {
				t.Parallel()
				read := make(chan struct{}, 1)
				s := newServer(t, m.h2, func(_ int, w http.ResponseWriter, r *http.Request) {
					select {
					case read <- struct{}{}:
					default: // a request sent twice, which the count below reports
					}
					if how == "reset" {
						panic(http.ErrAbortHandler)
					}
					<-r.Context().Done()
				})
				var opts []Option
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				if how == "timeout" {
					// A caller's client with a Timeout, on the mode's
					// transport: net/http replaces the error of an
					// attempt that times out with its own.
					hc := &http.Client{Timeout: time.Second}
					if !m.own {
						hc.Transport = s.Client().Transport.(*http.Transport).Clone()
					}
					opts = append(opts, WithHTTPClient(hc))
				}
				c := newClient(t, s, m, opts...)
				if how == "cancel" {
					go func() { <-read; cancel() }()
				}
				_, err := create(ctx, c)
				var re *apierror.RequestError
				if !errors.As(err, &re) {
					t.Fatalf("err = %v, want a *RequestError", err)
				}
				// A Timeout that fires before anything was written (a very
				// busy machine) is a call not sent, retried, with nothing
				// at the server; whenever the server read the request, it
				// is the one request, and the call's outcome is unknown.
				switch got := s.count(); {
				case !re.Sent && got != 0:
					t.Fatalf("err = %v says not sent, but the server read %d requests", err, got)
				case re.Sent && got != 1:
					t.Errorf("server got %d requests, want 1", got)
				}
				if re.Sent != errors.Is(err, apierror.ErrOutcomeUnknown) || (re.Sent && strings.Contains(err.Error(), "not sent")) {
					t.Errorf("err = %v: Sent %v disagrees with its text or ErrOutcomeUnknown", err, re.Sent)
				}
				if how != "timeout" && !re.Sent {
					t.Errorf("err = %v: the server read the request, yet it reads as not sent", err)
				}
			})
		}
	}
}

// TestRefusedRedirects checks that a redirect the SDK will not follow, after
// the server may have created the order, is outcome unknown and still a
// *RedirectError.
func TestRefusedRedirects(t *testing.T) {
	t.Parallel()
	other := newServer(t, false, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 201, createdBody) })
	tests := []struct {
		status   int
		location string
	}{
		{302, "/orders/1"},
		{303, "/orders/1"},
		{301, other.URL + "/orders"},
		{307, other.URL + "/orders"},
		{308, other.URL + "/orders"},
	}
	for _, m := range modes {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/%d", m.name, tt.status), func(t *testing.T) {
				t.Parallel()
				s := newServer(t, m.h2, func(_ int, w http.ResponseWriter, _ *http.Request) {
					reply(w, tt.status, "", "Location", tt.location)
				})
				c := newClient(t, s, m)
				_, err := create(context.Background(), c)
				var re *apierror.RedirectError
				if !errors.Is(err, apierror.ErrOutcomeUnknown) || !errors.As(err, &re) || re.StatusCode != tt.status {
					t.Fatalf("err = %v, want an unknown outcome holding a *RedirectError of %d", err, tt.status)
				}
				if s.count() != 1 || other.count() != 0 {
					t.Errorf("requests: %d here, %d at the other host; want 1 and 0", s.count(), other.count())
				}
			})
		}
	}
}

// TestNilClient checks that a nil client returns errors instead of panicking.
func TestNilClient(t *testing.T) {
	t.Parallel()
	var c *Client
	if _, err := create(context.Background(), c); err == nil {
		t.Error("Do on a nil client returned no error")
	}
	c.CloseIdleConnections()
	if c.String() == "" || c.BaseURL() != "" || c.Validates() {
		t.Error("nil client methods")
	}
}

// TestNilContext checks that a nil context is an error of a call not sent.
func TestNilContext(t *testing.T) {
	t.Parallel()
	s := newServer(t, false, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, 201, createdBody) })
	c := newClient(t, s, modes[0])
	//lint:ignore SA1012 the nil context is the point
	_, err := create(nil, c) //nolint:staticcheck
	var re *apierror.RequestError
	if !errors.As(err, &re) || re.Sent || s.count() != 0 {
		t.Errorf("err = %v, requests %d", err, s.count())
	}
}

// TestFailedCallKeepsPool checks that a call that fails after sending
// leaves the idle connections of other calls alone: go-retryablehttp closes
// the client's idle connections whenever a call gives up.
func TestFailedCallKeepsPool(t *testing.T) {
	t.Parallel()
	// Two calls in flight at once open two connections; the third fails on
	// one of them after sending; the fourth must find the other still idle.
	both := make(chan struct{})
	var arrived sync.WaitGroup
	arrived.Add(2)
	go func() { arrived.Wait(); close(both) }()
	s := newServer(t, false, func(n int, w http.ResponseWriter, _ *http.Request) {
		switch n {
		case 1, 2:
			arrived.Done()
			<-both
		case 3:
			panic(http.ErrAbortHandler)
		}
		reply(w, 201, createdBody)
	})
	c := newClient(t, s, modes[0])
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if _, err := create(ctx, c); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, err := create(ctx, c); !errors.Is(err, apierror.ErrOutcomeUnknown) {
		t.Fatalf("third call: %v", err)
	}
	if _, err := create(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got := s.conns.Load(); got != 2 {
		t.Errorf("the server saw %d connections, want 2: the failure closed the idle one", got)
	}
}
