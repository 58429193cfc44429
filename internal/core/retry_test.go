package core_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

var (
	errRate    = apierror.ErrRateLimited
	errServer  = apierror.ErrServer
	errUnknown = apierror.ErrOutcomeUnknown
	errInvalid = apierror.ErrInvalidRequest
	errAuth    = apierror.ErrUnauthorized
	allKinds   = []error{errRate, errServer, errUnknown, errInvalid, errAuth}
)

// checkKinds fails unless err matches exactly the sentinels in want.
func checkKinds(t *testing.T, err error, want ...error) {
	t.Helper()
	for _, s := range allKinds {
		wanted := false
		for _, w := range want {
			wanted = wanted || w == s
		}
		if got := errors.Is(err, s); got != wanted {
			t.Errorf("errors.Is(err, %q) = %v, want %v (err: %v)", s, got, wanted, err)
		}
	}
}

// TestRetryByStatus counts the requests the fake receives for each status
// answered to every attempt.
func TestRetryByStatus(t *testing.T) {
	t.Parallel()
	ambiguous := []konvo.Option{konvo.WithRetryAmbiguous()}
	tests := []struct {
		name         string
		status       int
		opts         []konvo.Option
		wantRequests int
		wantKinds    []error
	}{
		// The vendor says it did not process the request: retried.
		{"429", 429, nil, 3, []error{errRate}},
		{"503", 503, nil, 3, []error{errServer}},
		{"408", 408, nil, 3, nil},
		// The order may exist: not retried unless the caller opts in.
		{"500", 500, nil, 1, []error{errServer, errUnknown}},
		{"502", 502, nil, 1, []error{errServer, errUnknown}},
		{"504", 504, nil, 1, []error{errServer, errUnknown}},
		{"500 ambiguous", 500, ambiguous, 3, []error{errServer, errUnknown}},
		{"502 ambiguous", 502, ambiguous, 3, []error{errServer, errUnknown}},
		{"504 ambiguous", 504, ambiguous, 3, []error{errServer, errUnknown}},
		// The retry budget.
		{"429 without retries", 429, []konvo.Option{konvo.WithMaxRetries(0)}, 1, []error{errRate}},
		{"503 without retries", 503, []konvo.Option{konvo.WithMaxRetries(0)}, 1, []error{errServer}},
		{"500 ambiguous without retries", 500, []konvo.Option{konvo.WithRetryAmbiguous(), konvo.WithMaxRetries(0)}, 1, []error{errServer, errUnknown}},
		{"503 one retry", 503, []konvo.Option{konvo.WithMaxRetries(1)}, 2, []error{errServer}},
		{"429 five retries", 429, []konvo.Option{konvo.WithMaxRetries(5)}, 6, []error{errRate}},
		// The request must change, or another answer is final: never retried.
		{"400", 400, ambiguous, 1, []error{errInvalid}},
		{"401", 401, ambiguous, 1, []error{errAuth}},
		{"403", 403, ambiguous, 1, []error{errAuth}},
		{"404", 404, ambiguous, 1, nil},
		{"409", 409, ambiguous, 1, nil},
		{"422", 422, ambiguous, 1, []error{errInvalid}},
		{"501", 501, ambiguous, 1, []error{errServer}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := konvoSetup(t, tt.opts...)
			for i := 0; i < 8; i++ {
				srv.Inject(konvotest.Fault{Status: tt.status})
			}
			res, err := c.CreateOrders(context.Background(), konvoBatch())
			if n := srv.Requests(); n != tt.wantRequests {
				t.Errorf("fake received %d requests, want %d", n, tt.wantRequests)
			}
			var ae *konvo.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("CreateOrders() = %v, %v; want an *APIError", res, err)
			}
			want := &konvo.APIError{Vendor: "konvo", StatusCode: tt.status, Code: strconv.Itoa(tt.status), Message: "injected fault",
				Body: fmt.Appendf(nil, `{"error":%d,"message":"injected fault"}`, tt.status)}
			// A retried 500, 502 or 504 may have created the order.
			want.Ambiguous = tt.wantRequests > 1 && (tt.status == 500 || tt.status == 502 || tt.status == 504)
			if diff := cmp.Diff(want, ae); diff != "" {
				t.Errorf("APIError (-want +got):\n%s", diff)
			}
			checkKinds(t, err, tt.wantKinds...)
			if n := len(srv.Orders()); n != 0 {
				t.Errorf("ledger holds %d orders", n)
			}
		})
	}
}

// TestRetryThenSuccess checks that a retried call that finally succeeds
// returns the result and creates one order.
func TestRetryThenSuccess(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		opts         []konvo.Option
		faults       []konvotest.Fault
		wantRequests int
	}{
		{"429, 503", nil, []konvotest.Fault{{Status: 429}, {Status: 503}}, 3},
		{"408", nil, []konvotest.Fault{{Status: 408}}, 2},
		{"500 ambiguous", []konvo.Option{konvo.WithRetryAmbiguous()}, []konvotest.Fault{{Status: 500}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := konvoSetup(t, tt.opts...)
			srv.Inject(tt.faults...)
			res, err := c.CreateOrders(context.Background(), konvoBatch())
			if err != nil {
				t.Fatal(err)
			}
			if res.Count == nil || *res.Count != 1 {
				t.Errorf("result = %+v", res)
			}
			if n := srv.Requests(); n != tt.wantRequests {
				t.Errorf("fake received %d requests, want %d", n, tt.wantRequests)
			}
			if n := len(srv.Orders()); n != 1 {
				t.Errorf("ledger holds %d orders, want 1", n)
			}
		})
	}
}

// TestConnectionRefused points the client at a closed loopback port: nothing
// is received, every attempt is made, and the error says the order was not sent.
func TestConnectionRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		opts         []core.Option
		wantAttempts int
	}{
		{"default", nil, 3},
		{"no retries", []core.Option{core.WithMaxRetries(0)}, 1},
		{"four retries", []core.Option{core.WithMaxRetries(4)}, 5},
		{"ambiguous", []core.Option{core.WithRetryAmbiguous()}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			addr := closedPort(t)
			rec := &logRecorder{}
			c := newClient(t, "http://"+addr, append(tt.opts, core.WithLogger(slog.New(rec)))...)
			_, err := createOrder(context.Background(), c)
			var re *apierror.RequestError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v (%T), want a *RequestError", err, err)
			}
			if re.Sent || re.Vendor != "acme" || re.Method != "POST" || re.URL != "http://"+addr+"/orders" {
				t.Errorf("RequestError = %+v, want an unsent POST to http://%s/orders", re, addr)
			}
			if !errors.Is(err, syscall.ECONNREFUSED) {
				t.Errorf("err = %v, want it to wrap ECONNREFUSED", err)
			}
			checkKinds(t, err) // not ErrOutcomeUnknown: nothing was sent
			recs := rec.records()
			if len(recs) != tt.wantAttempts {
				t.Fatalf("%d attempts logged, want %d", len(recs), tt.wantAttempts)
			}
			for i, r := range recs {
				if r.int("attempt") != int64(i+1) || r.Attrs["sent"].Bool() || r.str("error") != "transport error" {
					t.Errorf("attempt %d logged %v", i+1, r.Attrs)
				}
			}
		})
	}
}

// TestSentThenLost drops the connection after the fake recorded the order:
// the order exists, so the call is not retried unless the caller opts in.
func TestSentThenLost(t *testing.T) {
	t.Parallel()
	t.Run("default", func(t *testing.T) {
		t.Parallel()
		c, srv := konvoSetup(t)
		srv.Inject(konvotest.Fault{CloseAfterRecord: true})
		_, err := c.CreateOrders(context.Background(), konvoBatch())
		var re *konvo.RequestError
		if !errors.As(err, &re) || !re.Sent {
			t.Fatalf("err = %v, want a *RequestError with Sent", err)
		}
		checkKinds(t, err, errUnknown)
		if n := srv.Requests(); n != 1 {
			t.Errorf("fake received %d requests, want 1", n)
		}
		if n := len(srv.Orders()); n != 1 {
			t.Errorf("ledger holds %d orders, want the 1 the lost answer was about", n)
		}
	})
	t.Run("on a reused connection with an idempotency key", func(t *testing.T) {
		t.Parallel()
		c, srv := konvoSetup(t)
		if _, err := c.CreateOrders(context.Background(), konvoBatch()); err != nil {
			t.Fatal(err) // leaves a kept-alive connection to reuse
		}
		srv.Inject(konvotest.Fault{CloseAfterRecord: true})
		_, err := c.CreateOrders(context.Background(), konvoBatch(), konvo.WithIdempotencyKey("key-1"))
		checkKinds(t, err, errUnknown)
		if n := srv.Requests(); n != 2 {
			t.Errorf("fake received %d requests, want 2: the lost attempt must not be sent again", n)
		}
		if a := srv.ConnsAccepted(); a != 1 {
			t.Errorf("fake accepted %d connections, want 1", a)
		}
	})
	t.Run("ambiguous", func(t *testing.T) {
		t.Parallel()
		c, srv := konvoSetup(t, konvo.WithRetryAmbiguous())
		srv.Inject(konvotest.Fault{CloseAfterRecord: true}, konvotest.Fault{CloseAfterRecord: true})
		if _, err := c.CreateOrders(context.Background(), konvoBatch()); err != nil {
			t.Fatal(err)
		}
		if n := srv.Requests(); n != 3 {
			t.Errorf("fake received %d requests, want 3", n)
		}
		// Without deduplication at the vendor, each lost attempt made an order:
		// why retrying them is opt-in.
		if n := len(srv.Orders()); n != 3 {
			t.Errorf("ledger holds %d orders, want 3", n)
		}
	})
	t.Run("ambiguous, exhausted", func(t *testing.T) {
		t.Parallel()
		c, srv := konvoSetup(t, konvo.WithRetryAmbiguous())
		for i := 0; i < 3; i++ {
			srv.Inject(konvotest.Fault{CloseAfterRecord: true})
		}
		_, err := c.CreateOrders(context.Background(), konvoBatch())
		var re *konvo.RequestError
		if !errors.As(err, &re) || !re.Sent {
			t.Fatalf("err = %v, want a *RequestError with Sent", err)
		}
		checkKinds(t, err, errUnknown)
		if n := srv.Requests(); n != 3 {
			t.Errorf("fake received %d requests, want 3", n)
		}
	})
}

// TestSlowResponsePastDeadline holds the answer back past the caller's
// deadline: the order may exist, and nothing is retried.
func TestSlowResponsePastDeadline(t *testing.T) {
	t.Parallel()
	for _, opts := range [][]konvo.Option{nil, {konvo.WithRetryAmbiguous()}} {
		t.Run(fmt.Sprintf("%d options", len(opts)), func(t *testing.T) {
			t.Parallel()
			c, srv := konvoSetup(t, opts...)
			srv.Inject(konvotest.Fault{Delay: time.Minute})
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			began := time.Now()
			_, err := c.CreateOrders(ctx, konvoBatch())
			if took := time.Since(began); took > time.Second {
				t.Errorf("returned after %v, want soon after the 50ms deadline", took)
			}
			var re *konvo.RequestError
			if !errors.As(err, &re) || !re.Sent {
				t.Fatalf("err = %v, want a *RequestError with Sent", err)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v, want it to wrap context.DeadlineExceeded", err)
			}
			checkKinds(t, err, errUnknown)
			if n := srv.Requests(); n != 1 {
				t.Errorf("fake received %d requests, want 1", n)
			}
		})
	}
}

// TestIdempotencyKeyOnEveryAttempt checks the headers of each attempt of a
// retried call.
func TestIdempotencyKeyOnEveryAttempt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opts    []konvo.CallOption
		wantKey []string
	}{
		{"with a key", []konvo.CallOption{konvo.WithIdempotencyKey("order-1-create")}, []string{"order-1-create"}},
		{"without", nil, nil},
		{"nil call option", []konvo.CallOption{nil}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := konvoSetup(t)
			srv.Inject(konvotest.Fault{Status: 503}, konvotest.Fault{Status: 429})
			if _, err := c.CreateOrders(context.Background(), konvoBatch(), tt.opts...); err != nil {
				t.Fatal(err)
			}
			reqs := srv.Received()
			if len(reqs) != 3 {
				t.Fatalf("fake received %d requests, want 3", len(reqs))
			}
			for i, r := range reqs {
				if diff := cmp.Diff(tt.wantKey, r.Header.Values("Idempotency-Key")); diff != "" {
					t.Errorf("attempt %d Idempotency-Key (-want +got):\n%s", i+1, diff)
				}
				if got := r.Header.Get("X-Api-Key"); got != konvotest.APIKey {
					t.Errorf("attempt %d x-api-key = %q", i+1, got)
				}
				if string(r.Body) != string(reqs[0].Body) || len(r.Body) == 0 {
					t.Errorf("attempt %d body = %s, want the first attempt's %s", i+1, r.Body, reqs[0].Body)
				}
			}
			wantLedgerKey := ""
			if tt.wantKey != nil {
				wantLedgerKey = tt.wantKey[0]
			}
			if got := srv.Server.Orders(); len(got) != 1 || got[0].IdempotencyKey != wantLedgerKey {
				t.Errorf("ledger = %+v, want one order with key %q", got, wantLedgerKey)
			}
		})
	}
}

// TestRequestBodyOnWire checks that every attempt sends the builder's body
// with its Content-Length, as the builder made it, rather than chunked.
func TestRequestBodyOnWire(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n < 3 {
			reply(w, http.StatusServiceUnavailable, "")
			return
		}
		created(w)
	})
	c := newClient(t, srv.URL)
	if _, err := createOrder(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	hits := srv.Hits()
	if len(hits) != 3 {
		t.Fatalf("server received %d requests, want 3", len(hits))
	}
	for i, h := range hits {
		if string(h.Body) != orderBody || h.ContentLength != int64(len(orderBody)) || len(h.TransferEncoding) != 0 {
			t.Errorf("attempt %d: body %q, Content-Length %d, Transfer-Encoding %v; want the body with Content-Length %d",
				i+1, h.Body, h.ContentLength, h.TransferEncoding, len(orderBody))
		}
		if h.Method != "POST" || h.Path != "/orders" || h.Header.Get("Content-Type") != "application/json" {
			t.Errorf("attempt %d: %s %s, Content-Type %q", i+1, h.Method, h.Path, h.Header.Get("Content-Type"))
		}
	}
}

// TestRetryHints checks the wait chosen for each hint a server can give,
// through the delay logged for the first attempt. Hints under the cap are
// honoured exactly, larger ones are capped. For hints of a second or more the
// call is cancelled as soon as the delay is logged, so that the test never
// sleeps it.
func TestRetryHints(t *testing.T) {
	t.Parallel()
	future := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	// in30s stands for an HTTP date 30 seconds after the response is sent,
	// written by the handler: a date fixed here would age while parallel
	// subtests wait their turn.
	const in30s = "<in 30s>"
	const ms = time.Millisecond
	tests := []struct {
		name     string
		status   int
		header   []string
		maxWait  time.Duration
		cancel   bool // cancel the call once the delay is logged
		min, max time.Duration
	}{
		{"retry-after-ms under the cap", 429, []string{"retry-after-ms", "30"}, time.Second, false, 30 * ms, 30 * ms},
		{"retry-after-ms fraction", 429, []string{"retry-after-ms", "2.5"}, time.Second, false, 2500 * time.Microsecond, 2500 * time.Microsecond},
		{"retry-after-ms over the cap", 429, []string{"retry-after-ms", "5000"}, 20 * ms, false, 20 * ms, 20 * ms},
		{"Retry-After seconds over the cap", 429, []string{"Retry-After", "1"}, 20 * ms, false, 20 * ms, 20 * ms},
		{"Retry-After date over the cap", 429, []string{"Retry-After", future}, 20 * ms, false, 20 * ms, 20 * ms},
		{"RateLimit-Reset over the cap", 429, []string{"RateLimit-Reset", "1"}, 20 * ms, false, 20 * ms, 20 * ms},
		{"on a 503", 503, []string{"retry-after-ms", "7"}, time.Second, false, 7 * ms, 7 * ms},
		{"on a 408", 408, []string{"Retry-After", "1"}, 3 * ms, false, 3 * ms, 3 * ms},
		{"retry-after-ms wins", 429, []string{"retry-after-ms", "4", "Retry-After", "1", "RateLimit-Reset", "2"}, time.Second, false, 4 * ms, 4 * ms},
		{"Retry-After wins over RateLimit-Reset", 429, []string{"Retry-After", "1", "RateLimit-Reset", "2"}, 20 * ms, true, 20 * ms, 20 * ms},
		// No usable hint: backoff, at most the 1ms base on the first attempt.
		{"Retry-After 0", 429, []string{"Retry-After", "0"}, time.Second, false, 0, ms},
		{"Retry-After negative", 429, []string{"Retry-After", "-5"}, time.Second, false, 0, ms},
		{"Retry-After garbage", 429, []string{"Retry-After", "soon"}, time.Second, false, 0, ms},
		{"Retry-After date passed", 429, []string{"Retry-After", past}, time.Second, false, 0, ms},
		{"retry-after-ms garbage", 429, []string{"retry-after-ms", "x"}, time.Second, false, 0, ms},
		{"no hint", 429, nil, time.Second, false, 0, ms},
		// Hints of seconds under the cap, honoured exactly.
		{"Retry-After seconds", 429, []string{"Retry-After", "1"}, time.Minute, true, time.Second, time.Second},
		{"Retry-After 45 seconds", 503, []string{"Retry-After", "45"}, time.Minute, true, 45 * time.Second, 45 * time.Second},
		{"Retry-After date", 429, []string{"Retry-After", in30s}, time.Minute, true, 28 * time.Second, 30 * time.Second},
		{"RateLimit-Reset", 429, []string{"RateLimit-Reset", "1"}, time.Minute, true, time.Second, time.Second},
		{"retry-after-ms 1500", 429, []string{"retry-after-ms", "1500"}, time.Minute, true, 1500 * ms, 1500 * ms},
		{"Retry-After over the default cap", 429, []string{"Retry-After", "3600"}, core.DefaultMaxRetryWait, true, time.Minute, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
				if n == 1 {
					header := append([]string(nil), tt.header...)
					for i, v := range header {
						if v == in30s {
							header[i] = time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
						}
					}
					reply(w, tt.status, `{"code":"SLOW_DOWN"}`, header...)
					return
				}
				created(w)
			})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rec := &logRecorder{}
			if tt.cancel {
				rec.on = func(logRecord) { cancel() }
			}
			c := newClient(t, srv.URL, core.WithMaxRetryWait(tt.maxWait), core.WithLogger(slog.New(rec)))
			began := time.Now()
			_, err := createOrder(ctx, c)
			took := time.Since(began)
			recs := rec.records()
			if len(recs) == 0 {
				t.Fatal("no attempt logged")
			}
			if d := recs[0].duration("delay"); d < tt.min || d > tt.max {
				t.Errorf("delay after attempt 1 = %v, want %v..%v", d, tt.min, tt.max)
			}
			if tt.cancel {
				if !errors.Is(err, context.Canceled) || srv.Count() != 1 {
					t.Errorf("err = %v after %d requests, want context.Canceled after 1", err, srv.Count())
				}
				if took > 500*time.Millisecond {
					t.Errorf("cancelled call took %v: it slept through the wait", took)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			hits := srv.Hits()
			if len(hits) != 2 {
				t.Fatalf("server received %d requests, want 2", len(hits))
			}
			if gap := hits[1].At.Sub(hits[0].At); gap < tt.min {
				t.Errorf("second attempt came %v after the first, before the %v wait", gap, tt.min)
			}
		})
	}
}

// TestRetryAfterOnFinalError checks that the hint stays on the error once the
// retries are spent.
func TestRetryAfterOnFinalError(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, http.StatusTooManyRequests, `{"code":"RATE_LIMITED","message":"slow down"}`, "retry-after-ms", "2", "X-Request-Id", "req-429")
	})
	_, err := createOrder(context.Background(), newClient(t, srv.URL))
	want := &apierror.APIError{Vendor: "acme", StatusCode: 429, Code: "RATE_LIMITED", Message: "slow down", RequestID: "req-429",
		RetryAfter: 2 * time.Millisecond, Body: []byte(`{"code":"RATE_LIMITED","message":"slow down"}`)}
	var ae *apierror.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want an *APIError", err)
	}
	if diff := cmp.Diff(want, ae); diff != "" {
		t.Errorf("APIError (-want +got):\n%s", diff)
	}
	if n := srv.Count(); n != 3 {
		t.Errorf("server received %d requests, want 3", n)
	}
}

// TestWaitPastDeadline answers 429 or 503 with a wait longer than the time the
// caller has left: the error comes back at once, without sleeping.
func TestWaitPastDeadline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		status       int
		header       []string
		maxWait      time.Duration
		wantRequests int
		wantAfter    time.Duration
	}{
		{"Retry-After", 429, []string{"Retry-After", "30"}, time.Minute, 1, 30 * time.Second},
		{"retry-after-ms", 429, []string{"retry-after-ms", "30000"}, time.Minute, 1, 30 * time.Second},
		{"RateLimit-Reset", 429, []string{"RateLimit-Reset", "30"}, time.Minute, 1, 30 * time.Second},
		{"Retry-After date", 429, []string{"Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}, time.Minute, 1, 0},
		{"503", 503, []string{"Retry-After", "30"}, time.Minute, 1, 30 * time.Second},
		// A capped wait that fits in the deadline is waited for.
		{"capped under the deadline", 429, []string{"Retry-After", "30"}, 10 * time.Millisecond, 2, 0},
		{"short hint", 429, []string{"retry-after-ms", "20"}, time.Minute, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
				if n == 1 {
					reply(w, tt.status, `{"code":"WAIT"}`, tt.header...)
					return
				}
				created(w)
			})
			c := newClient(t, srv.URL, core.WithMaxRetryWait(tt.maxWait))
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			began := time.Now()
			_, err := createOrder(ctx, c)
			took := time.Since(began)
			if n := srv.Count(); n != tt.wantRequests {
				t.Errorf("server received %d requests, want %d", n, tt.wantRequests)
			}
			if tt.wantRequests == 2 {
				if err != nil {
					t.Errorf("err = %v, want the retry to succeed", err)
				}
				return
			}
			if took > 500*time.Millisecond {
				t.Errorf("call took %v, want it to return at once rather than wait", took)
			}
			var ae *apierror.APIError
			if !errors.As(err, &ae) || ae.StatusCode != tt.status {
				t.Fatalf("err = %v, want the %d *APIError", err, tt.status)
			}
			if tt.wantAfter != 0 && ae.RetryAfter != tt.wantAfter {
				t.Errorf("RetryAfter = %v, want %v", ae.RetryAfter, tt.wantAfter)
			}
			if ae.RetryAfter < 29*time.Second {
				t.Errorf("RetryAfter = %v, want the server's hint", ae.RetryAfter)
			}
			if tt.status == 429 {
				checkKinds(t, err, errRate)
			}
		})
	}
}

// TestCancelDuringBackoff cancels the call while it waits between attempts.
func TestCancelDuringBackoff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		status  int
		opts    []core.Option
		wantErr []error
	}{
		{"429", 429, nil, nil},
		{"503", 503, nil, nil},
		// The 500 may have created the order: still unknown after the cancel.
		{"500 ambiguous", 500, []core.Option{core.WithRetryAmbiguous(), core.WithBackoff(30*time.Second, 30*time.Second)}, []error{errUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				reply(w, tt.status, "", "Retry-After", "30")
			})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rec := &logRecorder{on: func(logRecord) { time.AfterFunc(20*time.Millisecond, cancel) }}
			c := newClient(t, srv.URL, append([]core.Option{core.WithMaxRetryWait(time.Minute), core.WithLogger(slog.New(rec))}, tt.opts...)...)
			began := time.Now()
			_, err := createOrder(ctx, c)
			if took := time.Since(began); took > 500*time.Millisecond {
				t.Errorf("call took %v, want it to return soon after the cancel", took)
			}
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want it to wrap context.Canceled", err)
			}
			var re *apierror.RequestError
			if !errors.As(err, &re) {
				t.Errorf("err = %T, want a *RequestError", err)
			}
			checkKinds(t, err, tt.wantErr...)
			if n := srv.Count(); n != 1 {
				t.Errorf("server received %d requests, want 1", n)
			}
		})
	}
	t.Run("before the first attempt", func(t *testing.T) {
		t.Parallel()
		srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { created(w) })
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := createOrder(ctx, newClient(t, srv.URL))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		checkKinds(t, err)
		if n := srv.Count(); n != 0 {
			t.Errorf("server received %d requests, want 0", n)
		}
	})
}

// TestBackoffWithinJitterBounds retries many times without hints and checks
// every logged delay against min(cap, base*2^(attempt-1)).
func TestBackoffWithinJitterBounds(t *testing.T) {
	t.Parallel()
	const base, maxWait = 200 * time.Microsecond, 2 * time.Millisecond
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		reply(w, http.StatusServiceUnavailable, "")
	})
	rec := &logRecorder{}
	c := newClient(t, srv.URL, core.WithBackoff(base, maxWait), core.WithMaxRetries(6), core.WithLogger(slog.New(rec)))
	for i := 0; i < 10; i++ {
		if _, err := createOrder(context.Background(), c); !errors.Is(err, errServer) {
			t.Fatalf("err = %v", err)
		}
	}
	recs := rec.records()
	if len(recs) != 70 {
		t.Fatalf("%d attempts logged, want 70", len(recs))
	}
	var total time.Duration
	for _, r := range recs {
		a, d := r.int("attempt"), r.duration("delay")
		ceiling := min(maxWait, base<<(a-1))
		if a == 7 {
			ceiling = 0 // the last attempt: no wait follows
		}
		if d < 0 || d > ceiling {
			t.Errorf("attempt %d: delay %v outside [0, %v]", a, d, ceiling)
		}
		total += d
	}
	if total == 0 {
		t.Error("every delay was zero: no backoff at all")
	}
}

// TestClientRateLimit paces calls before any attempt is made.
func TestClientRateLimit(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { created(w) })
	c := newClient(t, srv.URL, core.WithRateLimit(1.0/3600, 1))
	if _, err := createOrder(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := createOrder(ctx, c)
	var re *apierror.RequestError
	if !errors.As(err, &re) || re.Sent {
		t.Fatalf("err = %v, want an unsent *RequestError", err)
	}
	checkKinds(t, err)
	if n := srv.Count(); n != 1 {
		t.Errorf("server received %d requests, want 1", n)
	}
}
