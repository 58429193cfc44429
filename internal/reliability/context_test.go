package reliability

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
	"golang.org/x/time/rate"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// prompt is how soon a call must return once its context ends. The waits the
// tests set up are ten seconds or more, so a call that waits them out fails.
const prompt = time.Second

// longWait asks for a ten-second wait before the retry.
var longWait = http.Header{"Retry-After-Ms": {"10000"}}

// TestContextEndsWait checks, for each vendor, that a cancel or a deadline
// while the client waits (a backoff before a retry, the client-side rate
// limit, the vendor's rate-limit window, a slow answer) returns at once with
// an error wrapping the context's error, and says whether the order may
// exist.
func TestContextEndsWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// faults are injected for the first requests.
		faults []fake.Fault
		fake   fakeConfig
		opts   []core.Option
		// warm is how many calls run, and must succeed, before the timed one.
		warm int
		// deadline ends the call by deadline instead of cancel.
		deadline bool
		// unknown is whether the error must match ErrOutcomeUnknown.
		unknown bool
	}{
		{name: "cancel in backoff after 503",
			faults: []fake.Fault{{Status: 503, Header: longWait}}, opts: []core.Option{core.WithMaxRetryWait(time.Minute)}},
		{name: "cancel in backoff after 429",
			faults: []fake.Fault{{Status: 429, Header: longWait}}, opts: []core.Option{core.WithMaxRetryWait(time.Minute)}},
		// Full jitter may pick a short wait: with twenty retries, all of them
		// short enough to beat the cancel is out of the question.
		{name: "cancel in backoff without a hint",
			faults: repeat(fake.Fault{Status: 503}, 21), opts: []core.Option{core.WithBackoff(time.Minute, time.Minute), core.WithMaxRetries(20)},
		},
		{name: "deadline in backoff after a retried 500",
			faults: []fake.Fault{{Status: 500, Header: longWait}},
			opts:   []core.Option{core.WithRetryAmbiguous(), core.WithMaxRetryWait(time.Minute)}, deadline: true, unknown: true},
		{name: "cancel in backoff after a lost connection",
			faults: repeat(fake.Fault{CloseAfterRecord: true}, 21),
			opts:   []core.Option{core.WithRetryAmbiguous(), core.WithBackoff(time.Minute, time.Minute), core.WithMaxRetries(20)}, unknown: true},
		{name: "cancel in client-side rate limit",
			opts: []core.Option{core.WithRateLimit(rate.Every(time.Hour), 1)}, warm: 1},
		{name: "deadline in client-side rate limit",
			opts: []core.Option{core.WithRateLimit(rate.Every(time.Hour), 1)}, warm: 1, deadline: true},
		{name: "cancel in the vendor's rate-limit window",
			fake: fakeConfig{rateLimit: 1, window: time.Minute}, opts: []core.Option{core.WithMaxRetryWait(time.Minute)}, warm: 1},
		{name: "cancel during a slow answer",
			faults: []fake.Fault{{Delay: 10 * time.Second}}, unknown: true},
		{name: "deadline during a slow answer",
			faults: []fake.Fault{{Delay: 10 * time.Second}}, deadline: true, unknown: true},
	}
	for _, k := range kits {
		for _, tt := range tests {
			t.Run(k.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				srv := k.start(t, tt.fake)
				c := k.dialFake(t, srv, tt.opts...)
				for i := range tt.warm {
					if _, err := c.create(context.Background(), fmt.Sprint("warm-", i)); err != nil {
						t.Fatal(err)
					}
				}
				srv.Inject(tt.faults...)
				ctx, cancel := context.WithCancel(context.Background())
				want := context.Canceled
				if tt.deadline {
					ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
					want = context.DeadlineExceeded
				} else {
					time.AfterFunc(50*time.Millisecond, cancel)
				}
				defer cancel()
				start := time.Now()
				_, err := c.create(ctx, "timed")
				took := time.Since(start)
				if took > prompt {
					t.Errorf("call returned %v after it was started, want at most %v", took, prompt)
				}
				if !errors.Is(err, want) {
					t.Fatalf("err = %v, want one wrapping %v", err, want)
				}
				var re *apierror.RequestError
				if !errors.As(err, &re) {
					t.Errorf("err is %T, want a *RequestError", err)
				}
				if got := errors.Is(err, apierror.ErrOutcomeUnknown); got != tt.unknown {
					t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v, want %v (err: %v)", got, tt.unknown, err)
				}
				if !tt.unknown {
					if n := len(srv.Orders()); n != tt.warm {
						t.Errorf("ledger holds %d orders, want the %d warm-up orders", n, tt.warm)
					}
				}
			})
		}
	}
}

func repeat(f fake.Fault, n int) []fake.Fault {
	out := make([]fake.Fault, n)
	for i := range out {
		out[i] = f
	}
	return out
}

// TestNilContext checks, for each vendor, that a call given a nil context
// returns an error that says nothing was sent, sends nothing, and does not
// panic.
func TestNilContext(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			srv := k.start(t, fakeConfig{})
			c := k.dialFake(t, srv)
			var ctx context.Context // a caller's nil, which the compiler cannot see
			_, err := c.create(ctx, "ref")
			var re *apierror.RequestError
			if !errors.As(err, &re) || re.Sent || errors.Is(err, apierror.ErrOutcomeUnknown) {
				t.Errorf("err = %v, want a RequestError of a call not sent", err)
			}
			if n := srv.Requests(); n != 0 {
				t.Errorf("fake received %d requests, want 0", n)
			}
		})
	}
}

// TestDeadlineBeforeRetryAfter checks the other side of the wait policy: when
// the wait a 429 or 503 asks for would outlive the caller's deadline, the call
// does not sleep until the deadline to fail with it, but returns the vendor's
// error at once, with the wait it asked for in RetryAfter.
func TestDeadlineBeforeRetryAfter(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		for _, status := range []int{429, 503} {
			t.Run(fmt.Sprint(k.name, "/", status), func(t *testing.T) {
				t.Parallel()
				srv := k.start(t, fakeConfig{})
				srv.Inject(fake.Fault{Status: status, Header: longWait})
				c := k.dialFake(t, srv, core.WithMaxRetryWait(time.Minute))
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				start := time.Now()
				_, err := c.create(ctx, "ref")
				if took := time.Since(start); took > prompt {
					t.Errorf("call returned after %v, want at once", took)
				}
				var ae *apierror.APIError
				if !errors.As(err, &ae) || ae.StatusCode != status || ae.RetryAfter != 10*time.Second {
					t.Errorf("err = %v, want the %d with RetryAfter 10s", err, status)
				}
				if n := srv.Requests(); n != 1 {
					t.Errorf("fake received %d requests, want 1", n)
				}
			})
		}
	}
}

// TestNoLeaks runs, for each vendor, many calls through faults, cancels and
// timeouts, then closes the client's idle connections and the fake, and
// checks that no goroutine is left behind (go.uber.org/goleak) and that the
// fake sees no connection still open. It runs alone, not in parallel, so that
// only its own goroutines are counted.
func TestNoLeaks(t *testing.T) {
	for _, k := range kits {
		t.Run(k.name+"/own transport", func(t *testing.T) { leakCheck(t, k, true) })
		t.Run(k.name+"/default transport", func(t *testing.T) { leakCheck(t, k, false) })
	}
}

func leakCheck(t *testing.T, k *kit, own bool) {
	before := goleak.IgnoreCurrent()
	srv := k.start(t, fakeConfig{})
	rng := rand.New(rand.NewPCG(7, 7))
	srv.SetFaultFunc(func(int) *fake.Fault {
		if rng.Float64() >= 0.3 {
			return nil
		}
		f := stormFaults[rng.IntN(len(stormFaults))].fault
		return &f
	})
	opts := fastRetries
	var tr *http.Transport
	if own {
		var with core.Option
		tr, with = ownTransport()
		opts = append([]core.Option{with}, opts...)
	}
	c := k.dialFake(t, srv, opts...)
	var wg sync.WaitGroup
	for w := range stormWorkers {
		wg.Go(func() {
			for i := range 12 {
				ctx, cancel := context.WithTimeout(context.Background(), stormDeadline)
				if i%5 == 4 {
					// Some callers give up early.
					time.AfterFunc(time.Duration(w)*time.Millisecond, cancel)
				}
				c.create(ctx, fmt.Sprintf("leak-%d-%d", w, i))
				cancel()
			}
		})
	}
	wg.Wait()
	if own {
		tr.CloseIdleConnections()
		if !waitFor(5*time.Second, func() bool { return srv.OpenConns() == 0 }) {
			t.Errorf("%d connections open at the fake after CloseIdleConnections", srv.OpenConns())
		}
	}
	srv.Close()
	if err := goleak.Find(before); err != nil {
		t.Error(err)
	}
}

// TestConnectionsBounded checks, for each vendor, that 16 workers making many
// calls open at most 16 connections, and that none is left open once the
// idle ones are closed.
func TestConnectionsBounded(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			srv := k.start(t, fakeConfig{})
			tr, with := ownTransport()
			// net/http puts a connection back in the pool a moment after its
			// body has been read, so a worker's next call may dial another:
			// keep at most one idle connection per worker.
			tr.MaxIdleConnsPerHost = stormWorkers
			c := k.dialFake(t, srv, with)
			var peak atomic.Int64
			stop := make(chan struct{})
			sampled := make(chan struct{})
			go func() {
				defer close(sampled)
				for {
					if n := int64(srv.OpenConns()); n > peak.Load() {
						peak.Store(n)
					}
					select {
					case <-stop:
						return
					case <-time.After(200 * time.Microsecond):
					}
				}
			}()
			var wg sync.WaitGroup
			for w := range stormWorkers {
				wg.Go(func() {
					for i := range 25 {
						if _, err := c.create(context.Background(), fmt.Sprintf("conn-%d-%d", w, i)); err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
			close(stop)
			<-sampled
			// A connection per call would be 400; a few beyond one per worker
			// are the pool's doing (see above).
			if n := srv.ConnsAccepted(); n > 2*stormWorkers {
				t.Errorf("fake accepted %d connections for %d workers: connections are not reused", n, stormWorkers)
			}
			// A connection beyond the pool's size is closed as it is put back;
			// the fake sees that a moment later.
			if !waitFor(time.Second, func() bool { return srv.OpenConns() <= stormWorkers }) {
				t.Errorf("%d connections open after the calls, want at most one per worker, %d", srv.OpenConns(), stormWorkers)
			}
			tr.CloseIdleConnections()
			if !waitFor(5*time.Second, func() bool { return srv.OpenConns() == 0 }) {
				t.Errorf("%d connections open at the fake after CloseIdleConnections", srv.OpenConns())
			}
			t.Logf("%d calls, %d connections accepted, at most %d open at once", stormWorkers*25, srv.ConnsAccepted(), peak.Load())
		})
	}
}
