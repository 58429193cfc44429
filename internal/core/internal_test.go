package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func testClient(t *testing.T, opts ...Option) *Client {
	t.Helper()
	c, err := New(Vendor{Name: "t", AuthHeader: "Authorization", AuthScheme: "Bearer"}, "secret-credential",
		append([]Option{WithBaseURL("http://127.0.0.1:1")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestBackoffFullJitter samples the backoff of each attempt: every delay lies
// in [0, min(cap, base*2^(attempt-1))], and the samples spread over that range
// rather than sitting at one end.
func TestBackoffFullJitter(t *testing.T) {
	t.Parallel()
	const base, maxWait = 10 * time.Millisecond, 200 * time.Millisecond
	c := testClient(t, WithBackoff(base, maxWait))
	for _, attempt := range []int{1, 2, 3, 4, 5, 6, 7, 10, 31, 40, 1000} {
		ceiling := maxWait
		if attempt < 10 {
			ceiling = min(maxWait, base<<(attempt-1))
		}
		cl := &call{c: c, attempt: attempt}
		const n = 2000
		lo, hi, sum := ceiling, time.Duration(0), time.Duration(0)
		for i := 0; i < n; i++ {
			d := cl.backoffDelay(nil)
			if d < 0 || d > ceiling {
				t.Fatalf("attempt %d: delay %v outside [0, %v]", attempt, d, ceiling)
			}
			lo, hi, sum = min(lo, d), max(hi, d), sum+d
		}
		mean := sum / n
		if lo > ceiling/10 || hi < ceiling*9/10 || mean < ceiling*4/10 || mean > ceiling*6/10 {
			t.Errorf("attempt %d: delays from %v to %v, mean %v; want them spread over [0, %v]", attempt, lo, hi, mean, ceiling)
		}
	}
}

// TestBackoffHintCapped checks that a server's hint replaces the jitter and
// is capped by WithMaxRetryWait.
func TestBackoffHintCapped(t *testing.T) {
	t.Parallel()
	c := testClient(t, WithBackoff(time.Hour, time.Hour), WithMaxRetryWait(5*time.Second))
	tests := []struct {
		header, value string
		want          time.Duration
	}{
		{"Retry-After", "3", 3 * time.Second},
		{"Retry-After", "5", 5 * time.Second},
		{"Retry-After", "6", 5 * time.Second},
		{"Retry-After-Ms", "4999", 4999 * time.Millisecond},
		{"RateLimit-Reset", "86400", 5 * time.Second},
	}
	for _, tt := range tests {
		resp := &http.Response{Header: http.Header{}}
		resp.Header.Set(tt.header, tt.value)
		if got := (&call{c: c, attempt: 3}).backoffDelay(resp); got != tt.want {
			t.Errorf("%s: %s gives %v, want %v", tt.header, tt.value, got, tt.want)
		}
	}
}

func TestRetryHint(t *testing.T) {
	t.Parallel()
	in := func(d time.Duration) string { return time.Now().Add(d).UTC().Format(http.TimeFormat) }
	tests := []struct {
		name     string
		header   http.Header
		min, max time.Duration
	}{
		{"none", http.Header{}, 0, 0},
		{"retry-after-ms", http.Header{"Retry-After-Ms": {"30"}}, 30 * time.Millisecond, 30 * time.Millisecond},
		{"retry-after-ms fraction", http.Header{"Retry-After-Ms": {"0.5"}}, 500 * time.Microsecond, 500 * time.Microsecond},
		{"retry-after-ms zero", http.Header{"Retry-After-Ms": {"0"}}, 0, 0},
		{"retry-after-ms negative", http.Header{"Retry-After-Ms": {"-3"}}, 0, 0},
		{"retry-after-ms huge", http.Header{"Retry-After-Ms": {"1e15"}}, 0, 0},
		{"retry-after-ms NaN", http.Header{"Retry-After-Ms": {"NaN"}}, 0, 0},
		{"retry-after-ms bad, Retry-After good", http.Header{"Retry-After-Ms": {"x"}, "Retry-After": {"2"}}, 2 * time.Second, 2 * time.Second},
		{"Retry-After seconds", http.Header{"Retry-After": {"1"}}, time.Second, time.Second},
		{"Retry-After zero", http.Header{"Retry-After": {"0"}}, 0, 0},
		{"Retry-After negative", http.Header{"Retry-After": {"-1"}}, 0, 0},
		{"Retry-After huge", http.Header{"Retry-After": {"99999999999"}}, 0, 0},
		{"Retry-After date", http.Header{"Retry-After": {in(30 * time.Second)}}, 28 * time.Second, 30 * time.Second},
		{"Retry-After past date", http.Header{"Retry-After": {in(-time.Minute)}}, 0, 0},
		{"Retry-After garbage", http.Header{"Retry-After": {"tomorrow"}}, 0, 0},
		{"Retry-After garbage hides RateLimit-Reset", http.Header{"Retry-After": {"tomorrow"}, "Ratelimit-Reset": {"4"}}, 0, 0},
		{"RateLimit-Reset", http.Header{"Ratelimit-Reset": {"1"}}, time.Second, time.Second},
		{"RateLimit-Reset zero", http.Header{"Ratelimit-Reset": {"0"}}, 0, 0},
		{"RateLimit-Reset garbage", http.Header{"Ratelimit-Reset": {"1.5"}}, 0, 0},
	}
	for _, tt := range tests {
		if got := retryHint(tt.header); got < tt.min || got > tt.max {
			t.Errorf("%s: retryHint = %v, want %v..%v", tt.name, got, tt.min, tt.max)
		}
	}
}

// TestAuthTransportOnlyToOrigin calls the client's transport directly for
// another host, as a redirect policy that let it through would: the
// credential is removed even when the request already carries it.
func TestAuthTransportOnlyToOrigin(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Clone())
		mu.Unlock()
	}))
	defer other.Close()
	c := testClient(t, WithHTTPClient(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}))
	req, err := http.NewRequest(http.MethodPost, other.URL+"/orders", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer secret-credential")
	resp, err := c.http.Transport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0].Get("Authorization") != "" {
		t.Errorf("the other host received %v", got)
	}
	if req.Header.Get("Authorization") == "" {
		t.Error("RoundTrip changed the caller's request")
	}
	// The redirect policy refuses the same request outright.
	if err := c.http.CheckRedirect(req, []*http.Request{{Method: http.MethodPost, URL: c.base.JoinPath("orders")}}); err == nil {
		t.Error("the redirect policy allowed another host")
	}
}

// TestPacerStartsPacingWhenHeadersAppear follows a vendor that sends no
// RateLimit headers at first: after the first response the pacer lets
// attempts go without counting them, and a later response with the headers
// starts the pacing, so that the next attempt waits for the window.
func TestPacerStartsPacingWhenHeadersAppear(t *testing.T) {
	t.Parallel()
	p := &pacer{}
	ctx := context.Background()
	probe, err := p.wait(ctx, time.Minute)
	if err != nil || probe.IsZero() {
		t.Fatalf("first wait = %v, %v; want a counted attempt", probe, err)
	}
	p.done(probe, http.Header{})
	free, err := p.wait(ctx, time.Minute)
	if err != nil || !free.IsZero() {
		t.Fatalf("wait after a response without headers = %v, %v; want an uncounted attempt", free, err)
	}
	p.done(free, http.Header{"Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"60"}})
	// Cancelled rather than given a deadline: an attempt whose deadline
	// falls before the reset is let go to fetch the vendor's 429 at once.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	time.AfterFunc(50*time.Millisecond, stop)
	start := time.Now()
	if _, err := p.wait(ctx, time.Minute); !errors.Is(err, context.Canceled) {
		t.Fatalf("wait in a spent window = %v, want it to wait until cancelled", err)
	}
	if waited := time.Since(start); waited < 40*time.Millisecond {
		t.Errorf("wait in a spent window returned after %v, want it to wait", waited)
	}
}
