package reliability

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// The suites of this file prove, per vendor and across the transport matrix,
// that the SDK knows whether an order may have reached the vendor (issue
// 11): a failure after the vendor recorded the order is never retried by
// default, never reported as "not sent", and never creates a second order,
// whatever the transport or http.Client in between.

// releaseAfter is the Timeout of the caller's http.Client in the tests where
// it must fire: the fake holds the answer back until the client gives up,
// and records the order before it does. Three seconds are far more than a
// loopback request needs to reach the fake, even on a loaded machine; when
// the Timeout fires beyond that changes no assertion.
const releaseAfter = 3 * time.Second

// checkSentUnknown checks the end of a call whose order the vendor recorded:
// one request and one order since m, and an error that says the outcome is
// unknown and never that the request was not sent.
func checkSentUnknown(t *testing.T, k *kit, r *route, m mark, err error) errView {
	t.Helper()
	v := k.view(err)
	if !v.unknown() {
		t.Errorf("err = %v, want a match for ErrOutcomeUnknown: the vendor recorded the order", err)
	}
	if v.internal != "" {
		t.Errorf("errors.As finds the internal %s", v.internal)
	}
	if saysNotSent(err) {
		t.Errorf("the error says the request was not sent: %v", err)
	}
	// The fake records before it faults, so these are final once the call
	// has returned.
	if got := r.since(m); got != (mark{requests: 1, orders: 1}) {
		t.Errorf("fake received %d requests and created %d orders, want 1 and 1", got.requests, got.orders)
	}
	if r.wrapper != nil && r.wrapper.getBody.Load() {
		t.Errorf("the base transport was handed a request with GetBody set, which net/http may replay")
	}
	return v
}

// checkLost checks the error of a call whose connection or stream the vendor
// dropped, or that gave up waiting: a *RequestError that was Sent, or, from a
// proxy that forwards the request itself and lost its connection to the
// vendor, the proxy's 502.
func checkLost(t *testing.T, r *route, v errView, byVendor bool) {
	t.Helper()
	if byVendor && r.forwarding() {
		if v.api == nil || v.api.StatusCode != http.StatusBadGateway {
			t.Errorf("err = %v (%s), want the forwarding proxy's 502", v.err, v.kind())
		}
		return
	}
	if v.request == nil || !v.request.Sent {
		t.Errorf("err = %v (%s), want a *RequestError with Sent", v.err, v.kind())
	}
}

// lateDeadline is a context whose deadline passes when the test calls expire:
// to the SDK and net/http it is a deadline like any other, but the test
// makes it pass once the fake has recorded the order, however slow the
// machine. Its Deadline, an hour away, only tells waits that they may run.
type lateDeadline struct {
	context.Context
	done chan struct{}
	once sync.Once
	at   time.Time
}

func newLateDeadline() *lateDeadline {
	return &lateDeadline{Context: context.Background(), done: make(chan struct{}), at: time.Now().Add(time.Hour)}
}

func (c *lateDeadline) Deadline() (time.Time, bool) { return c.at, true }
func (c *lateDeadline) Done() <-chan struct{}       { return c.done }
func (c *lateDeadline) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}
func (c *lateDeadline) expire() { c.once.Do(func() { close(c.done) }) }

// whenRecorded calls f once the fake's ledger holds n orders, or when the
// test ends.
func whenRecorded(t *testing.T, srv *fakeServer, n int, f func()) {
	stop := make(chan struct{})
	done := make(chan struct{})
	t.Cleanup(func() {
		close(stop)
		<-done
	})
	go func() {
		defer close(done)
		defer f()
		for len(srv.Ledger()) < n {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
}

// TestNoDuplicateOrder checks the ordinary ways an order used to be created
// twice, or reported as not sent, for every vendor across the matrix:
//
//   - reset stream: the vendor reads the whole POST, records the order and
//     resets the HTTP/2 stream with PROTOCOL_ERROR (on HTTP/1 it drops the
//     connection). net/http must not replay it, and the SDK must not retry.
//   - hang/cancel, hang/deadline: the vendor records the order and answers
//     late, and the call gives up first, by a cancel or by a deadline, which
//     come once the ledger holds the order, so that every assertion holds
//     whatever the timing. TestNoDuplicateOrderOnTimeout gives up by the
//     caller's http.Client Timeout instead.
//
// Each ends with one request, one order, ErrOutcomeUnknown and a
// *RequestError that was Sent, whose text never says "not sent".
func TestNoDuplicateOrder(t *testing.T) {
	t.Parallel()
	forEachRoute(t, matrix, fakeConfig{}, func(t *testing.T, k *kit, r *route) {
		t.Run("reset stream", func(t *testing.T) {
			m := r.mark()
			r.srv.Inject(fake.Fault{ResetStream: true})
			c := r.dial(t, k, fastRetries...)
			var resp response
			_, err := c.create(context.Background(), "reset", withResponse(&resp))
			checkLost(t, r, checkSentUnknown(t, k, r, m, err), true)
			if len(resp.Attempts) != 1 || !resp.Attempts[0].Sent {
				t.Errorf("attempts %+v, want one that was sent", resp.Attempts)
			}
		})
		for _, end := range []string{"cancel", "deadline"} {
			t.Run("hang/"+end, func(t *testing.T) {
				m := r.mark()
				r.srv.Inject(fake.Fault{HangAfterRecord: true})
				c := r.dial(t, k, fastRetries...)
				var ctx context.Context
				var want error
				if end == "cancel" {
					cctx, cancel := context.WithCancel(context.Background())
					whenRecorded(t, r.srv, m.orders+1, cancel)
					ctx, want = cctx, context.Canceled
				} else {
					d := newLateDeadline()
					whenRecorded(t, r.srv, m.orders+1, d.expire)
					ctx, want = d, context.DeadlineExceeded
				}
				_, err := c.create(ctx, "hang")
				checkLost(t, r, checkSentUnknown(t, k, r, m, err), false)
				if !errors.Is(err, want) {
					t.Errorf("err = %v, want one wrapping %v", err, want)
				}
			})
		}
	})
}

// TestNoDuplicateOrderOnTimeout is TestNoDuplicateOrder's hang with the
// caller's http.Client Timeout, which net/http enforces by replacing the
// transport's error with its own: the vendor records the order and answers
// only once the client has given up. The fake records the order before it
// hangs and the Timeout (releaseAfter) is far longer than the request needs
// to reach it. Every route's call runs at once, so that the test waits for
// one Timeout rather than one per route.
func TestNoDuplicateOrderOnTimeout(t *testing.T) {
	t.Parallel()
	type hung struct {
		name string
		k    *kit
		r    *route
		c    *client
		m    mark
	}
	var calls []hung
	for _, k := range kits {
		for _, tr := range callerMatrix() {
			r := tr.setup(t, k, fakeConfig{})
			calls = append(calls, hung{name: k.name + "/" + tr.String(), k: k, r: r, c: r.dialTimeout(t, k, releaseAfter, fastRetries...), m: r.mark()})
			r.srv.Inject(fake.Fault{HangAfterRecord: true})
		}
	}
	var wg sync.WaitGroup
	for _, h := range calls {
		wg.Go(func() {
			t.Run(h.name, func(t *testing.T) {
				var resp response
				_, err := h.c.create(context.Background(), "hang", withResponse(&resp))
				checkLost(t, h.r, checkSentUnknown(t, h.k, h.r, h.m, err), false)
				var te interface{ Timeout() bool }
				if !errors.As(err, &te) || !te.Timeout() {
					t.Errorf("err = %v, want one that reports the Timeout", err)
				}
				if len(resp.Attempts) != 1 || !resp.Attempts[0].Sent || resp.Attempts[0].Verdict != "outcome unknown" {
					t.Errorf("attempts %+v, want one sent, of unknown outcome", resp.Attempts)
				}
			})
		})
	}
	wg.Wait()
}

// TestFailureAfterRecord checks, for every vendor across the matrix, the
// answers a vendor may give after it recorded the order: every 5xx but 503,
// and a redirect the SDK does not follow (302 and 303 would turn the POST
// into a GET; 301 goes to another host). Each matches ErrOutcomeUnknown, is
// not retried by default, and keeps its type for errors.As: an *APIError of
// the status, or a *RedirectError inside a *RequestError that was Sent.
func TestFailureAfterRecord(t *testing.T) {
	t.Parallel()
	var otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(other.Close)
	tests := []struct {
		status int
		// location is the redirect's target, "" for the statuses that are
		// not redirects.
		location func(r *route) string
	}{
		{500, nil}, {502, nil}, {504, nil}, {520, nil}, {524, nil}, {599, nil},
		{http.StatusFound, func(*route) string { return "/elsewhere" }},
		{http.StatusSeeOther, func(r *route) string { return r.srv.URL() + "/orders/1" }},
		{http.StatusMovedPermanently, func(*route) string { return other.URL + "/orders" }},
	}
	forEachRoute(t, matrix, fakeConfig{}, func(t *testing.T, k *kit, r *route) {
		for _, tt := range tests {
			t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
				f := fake.Fault{Status: tt.status, RecordOrder: true}
				if tt.location != nil {
					f.Header = http.Header{"Location": {tt.location(r)}}
				}
				m := r.mark()
				r.srv.Inject(f)
				c := r.dial(t, k, fastRetries...)
				_, err := c.create(context.Background(), "after record")
				v := checkSentUnknown(t, k, r, m, err)
				if tt.location == nil {
					if v.api == nil || v.api.StatusCode != tt.status {
						t.Errorf("err = %v, want a *%s.APIError of the %d", err, k.name, tt.status)
					}
					return
				}
				checkLost(t, r, v, false)
				if v.redirect == nil || v.redirect.StatusCode != tt.status {
					t.Errorf("err = %v, want a *%s.RedirectError of the %d through errors.As", err, k.name, tt.status)
				}
			})
		}
	})
	// After the parallel subtests, which the cleanups wait for.
	t.Cleanup(func() {
		if n := otherHits.Load(); n != 0 {
			t.Errorf("the other host received %d requests", n)
		}
	})
}

// TestSameOriginRedirectFollowedOnce checks the one resend the SDK makes on
// its own: a 307 or 308 to the base URL's origin is followed once, as the
// same POST with the same body and headers, within the attempt (the policy
// logs it as a redirect followed), and the order is created once.
func TestSameOriginRedirectFollowedOnce(t *testing.T) {
	t.Parallel()
	forEachRoute(t, matrix, fakeConfig{}, func(t *testing.T, k *kit, r *route) {
		for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			t.Run(fmt.Sprint(status), func(t *testing.T) {
				target, err := fake.SpecURL(r.srv.URL()+"/", k.op, k.params)
				if err != nil {
					t.Fatal(err)
				}
				m := r.mark()
				r.srv.Inject(fake.Fault{Status: status, Header: http.Header{"Location": {target}}})
				logs := newLogRecorder()
				c := r.dial(t, k, append([]option{withLogger(logs.logger())}, fastRetries...)...)
				var resp response
				res, err := c.create(context.Background(), "moved", withIdempotencyKey("key-moved"), withResponse(&resp))
				if err != nil || !res.ok {
					t.Fatalf("create: %v (id present: %v)", err, res.ok)
				}
				if got := r.since(m); got != (mark{requests: 2, orders: 1}) {
					t.Fatalf("fake received %d requests and created %d orders, want the POST and the one redirected, and 1 order",
						got.requests, got.orders)
				}
				got := r.srv.Received()[m.requests:]
				if got[1].Method != http.MethodPost {
					t.Errorf("the redirect was followed with %s", got[1].Method)
				}
				if diff := cmp.Diff(string(got[0].Body), string(got[1].Body)); diff != "" {
					t.Errorf("the redirected body differs (-first +second):\n%s", diff)
				}
				for _, h := range []string{"Idempotency-Key", "Content-Type", "User-Agent"} {
					if a, b := got[0].Header.Get(h), got[1].Header.Get(h); a != b || a == "" {
						t.Errorf("header %s: %q, then %q", h, a, b)
					}
				}
				if len(resp.Attempts) != 1 {
					t.Errorf("%d attempts, want 1: the redirect is followed within it", len(resp.Attempts))
				}
				followed := 0
				for _, rec := range logs.all() {
					rec.Attrs(func(a slog.Attr) bool {
						if a.Key == "redirects_followed" {
							followed = int(a.Value.Int64())
						}
						return true
					})
				}
				if followed != 1 {
					t.Errorf("the attempt's log record says %d redirects followed, want 1", followed)
				}
				if r.wrapper != nil && r.wrapper.getBody.Load() {
					t.Errorf("the base transport was handed a request with GetBody set")
				}
			})
		}
	})
}

// TestRetryHintCapped checks that a retry hint too large for a time.Duration,
// or merely larger than WithMaxRetryWait, waits the cap: the wait the policy
// chose, in WithResponseInto's Response.Attempts, rather than wall time; and
// that APIError.RetryAfter reports the cap when the call ends on the hint.
func TestRetryHintCapped(t *testing.T) {
	t.Parallel()
	const capWait = 5 * time.Millisecond
	hints := []struct{ header, value string }{
		{"Retry-After", "1000000000"},
		{"Retry-After", "9223372036"},
		{"Retry-After", "18446744073709551616"},
		{"Retry-After", "99999999999999999999999999999"},
		{"Retry-After-Ms", "1000000000000"},
		{"Retry-After-Ms", "1e12"},
		{"Retry-After-Ms", "99999999999999999999999999999"},
		{"Retry-After-Ms", "1e400"},
		{"RateLimit-Reset", "1000000000"},
	}
	forEachRoute(t, matrix, fakeConfig{}, func(t *testing.T, k *kit, r *route) {
		for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
			for _, h := range hints {
				t.Run(fmt.Sprintf("%d/%s=%s", status, h.header, h.value), func(t *testing.T) {
					fault := fake.Fault{Status: status, Header: http.Header{h.header: {h.value}}}
					c := r.dial(t, k, withMaxRetryWait(capWait), withBackoff(time.Millisecond, time.Millisecond))
					r.srv.Inject(fault)
					var resp response
					if _, err := c.create(context.Background(), "retried", withResponse(&resp)); err != nil {
						t.Fatalf("create after one %d: %v", status, err)
					}
					if len(resp.Attempts) != 2 || resp.Attempts[0].StatusCode != status || resp.Attempts[0].Wait != capWait {
						t.Errorf("attempts %+v, want the %d, with a wait of %v, then the order", resp.Attempts, status, capWait)
					}
					// Without rate-limit retries, the call ends on the hint.
					stop := r.dial(t, k, withMaxRetryWait(capWait), withMaxRateLimitWait(0), withMaxRetries(0))
					r.srv.Inject(fault)
					_, err := stop.create(context.Background(), "reported")
					v := k.view(err)
					if v.api == nil || v.api.StatusCode != status || v.api.RetryAfter != capWait {
						t.Errorf("err = %v, want the %d with RetryAfter %v", err, status, capWait)
					}
				})
			}
		}
	})
}

// TestRetriedAmbiguousFailureStaysUnknown checks that under
// WithRetryAmbiguous a call whose first attempt may have created the order
// (a 500 after the vendor committed it, a stream reset after recording) and
// whose retry then ends on an answer that proves only that it created
// nothing (429, 503, 400, a refused redirect) still matches
// ErrOutcomeUnknown. One retry, and no rate-limit retries, so that the
// second attempt's answer is final.
func TestRetriedAmbiguousFailureStaysUnknown(t *testing.T) {
	t.Parallel()
	var otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
	}))
	t.Cleanup(other.Close)
	committed := fake.Fault{Status: http.StatusInternalServerError, RecordOrder: true}
	tests := []struct {
		name   string
		faults []fake.Fault
	}{
		{"then 429", []fake.Fault{committed, {Status: http.StatusTooManyRequests}}},
		{"then 503", []fake.Fault{committed, {Status: http.StatusServiceUnavailable}}},
		{"then 400", []fake.Fault{committed, {Status: http.StatusBadRequest}}},
		{"then a redirect off the host", []fake.Fault{committed,
			{Status: http.StatusTemporaryRedirect, Header: http.Header{"Location": {other.URL + "/orders"}}}}},
		{"stream reset, then 429", []fake.Fault{{ResetStream: true}, {Status: http.StatusTooManyRequests}}},
	}
	forEachRoute(t, matrix, fakeConfig{}, func(t *testing.T, k *kit, r *route) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				m := r.mark()
				r.srv.Inject(tt.faults...)
				c := r.dial(t, k, append([]option{withRetryAmbiguous(), withMaxRetries(1), withMaxRateLimitWait(0)}, fastRetries...)...)
				_, err := c.create(context.Background(), "ref-1")
				if !k.view(err).unknown() {
					t.Errorf("err = %v, want a match for ErrOutcomeUnknown: the first attempt created the order", err)
				}
				if saysNotSent(err) {
					t.Errorf("the error says the request was not sent: %v", err)
				}
				if got := r.since(m); got != (mark{requests: 2, orders: 1}) {
					t.Errorf("fake received %d requests and created %d orders, want 2 and the 1 the first attempt created",
						got.requests, got.orders)
				}
			})
		}
	})
	t.Cleanup(func() {
		if n := otherHits.Load(); n != 0 {
			t.Errorf("the other host received %d requests", n)
		}
	})
}

// TestNilAndZeroClients checks, for every vendor, that a nil *Client and a
// zero Client{} answer every method with an error or a harmless value, never
// a panic: the call is an error of a call not sent, printing the client and
// closing its idle connections do nothing.
func TestNilAndZeroClients(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		for name, c := range k.nilClients() {
			t.Run(k.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				res, err := c.create(context.Background(), "nil-client")
				if err == nil {
					t.Fatalf("create returned %+v and no error", res)
				}
				if k.view(err).unknown() {
					t.Errorf("err = %v matches ErrOutcomeUnknown, though nothing can have been sent", err)
				}
				if res.ok {
					t.Errorf("create returned order %q", res.id)
				}
				_ = c.sdk.String()
				c.closeIdle()
			})
		}
	}
}
