package reliability

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// The fault storm: many concurrent create calls against a vendor's fake that
// faults a third of its requests at random, after which the fake's ledger
// must agree with what every call said (checkStorm). The faults are the
// fake's, so no assertion depends on timing: a call that a loaded machine
// slows past its deadline ends as a call of unknown outcome, which the
// invariant allows whatever the ledger holds for it but a second order.

const (
	stormCalls   = 80
	stormWorkers = 10
	// stormFaulted is the share of requests the fake faults.
	stormFaulted = 0.35
	// stormDeadline is each call's deadline. Only a call whose request hangs
	// (HangAfterRecord) waits for it; every other call ends long before, on
	// any machine. It bounds the storm's time, not an assertion.
	stormDeadline = 3 * time.Second
	stormSeed     = 20261202
)

// stormFault is one kind of failure the storm injects.
type stormFault struct {
	name  string
	fault fake.Fault
}

// stormFaults are the failures, picked with equal odds; a retry is a new
// request and draws again. A vendor that answers 429 or 503 refuses the
// request unread (apierror.Table), and a 4xx refuses the order, so those
// never record it; the faults named "after record" record it and then fail.
var stormFaults = []stormFault{
	{"429", fake.Fault{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"0"}}}},
	{"503", fake.Fault{Status: http.StatusServiceUnavailable}},
	// A refusal the client does not retry: the call ends "not created".
	{"409", fake.Fault{Status: http.StatusConflict}},
	{"close before body", fake.Fault{CloseBeforeBody: true}},
	{"500 after record", fake.Fault{Status: http.StatusInternalServerError, RecordOrder: true}},
	{"502 after record", fake.Fault{Status: http.StatusBadGateway, RecordOrder: true}},
	{"reset after record", fake.Fault{CloseAfterRecord: true}},
	{"stream reset after record", fake.Fault{ResetStream: true}},
	{"hang after record", fake.Fault{HangAfterRecord: true}},
}

// stormCall is the end of one call of a storm.
type stormCall struct {
	ref string
	res created
	err error
}

// TestFaultStorm runs a storm per vendor over HTTP/1.1 and HTTP/2, in two
// modes: "default", the client's default retry policy against a fake that
// does not deduplicate; and "idempotent", WithRetryAmbiguous with an
// Idempotency-Key per call against a fake that deduplicates by it, where the
// retries of failures after record must find the order already made. The
// storms all run at once, so that the test waits about one stormDeadline for
// the hung calls rather than one per storm.
func TestFaultStorm(t *testing.T) {
	t.Parallel()
	type run struct {
		name       string
		k          *kit
		r          *route
		mode       string
		idempotent bool
	}
	var runs []run
	for _, idempotent := range []bool{false, true} {
		mode := "default"
		if idempotent {
			mode = "idempotent"
		}
		for _, k := range kits {
			for _, tr := range []transport{{"h1", viaSDK}, {"h2", viaSDK}} {
				runs = append(runs, run{k.name + "/" + tr.proto + "/" + mode, k, tr.setup(t, k, fakeConfig{idempotent: idempotent}), mode, idempotent})
			}
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := map[string]int{}
	for _, s := range runs {
		wg.Go(func() {
			t.Run(s.name, func(t *testing.T) {
				calls, faults := storm(t, s.k, s.r, s.mode, s.idempotent)
				counts := checkStorm(t, s.k, s.r, calls, s.idempotent)
				t.Logf("faults injected: %s", tally(faults))
				mu.Lock()
				defer mu.Unlock()
				for k, n := range counts {
					total[k] += n
				}
			})
		})
	}
	wg.Wait()
	// Which call draws which fault, and which calls a reset connection takes
	// with it, varies from run to run; over all the storms, every end is
	// reached.
	if total["success"] == 0 || total["not created"] == 0 || total["outcome unknown, in the ledger"] == 0 {
		t.Errorf("the storms reached too few ends to test the invariant: %s", tally(total))
	}
	t.Logf("all storms: %s", tally(total))
}

// storm runs stormCalls calls from stormWorkers goroutines against r's fake,
// with stormFaulted of the requests faulted, and returns their ends and the
// faults injected, by name. It closes the fake when the calls are done, so
// that every handler has returned and the ledger is final.
func storm(t *testing.T, k *kit, r *route, mode string, idempotent bool) ([]stormCall, map[string]int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(stormSeed, uint64(len(k.name)+len(r.proto))))
	faults := map[string]int{}
	var mu sync.Mutex
	// The first request to arrive is a call's first attempt: refused, it
	// ends that call "not created".
	r.srv.Inject(fake.Fault{Status: http.StatusConflict})
	faults["409"]++
	r.srv.SetFaultFunc(func(int) *fake.Fault {
		mu.Lock()
		defer mu.Unlock()
		if rng.Float64() >= stormFaulted {
			return nil
		}
		f := stormFaults[rng.IntN(len(stormFaults))]
		faults[f.name]++
		return &f.fault
	})
	opts := append([]option{withMaxRetries(2)}, fastRetries...)
	if idempotent {
		opts = append(opts, withRetryAmbiguous())
	}
	c := r.dial(t, k, opts...)
	calls := make([]stormCall, stormCalls)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range stormWorkers {
		wg.Go(func() {
			for i := range jobs {
				ref := fmt.Sprintf("storm-%s-%s-%s-%03d", k.name, r.proto, mode, i)
				var co []callOption
				if idempotent {
					co = append(co, withIdempotencyKey("key-"+ref))
				}
				ctx, cancel := context.WithTimeout(context.Background(), stormDeadline)
				res, err := c.create(ctx, ref, co...)
				cancel()
				calls[i] = stormCall{ref, res, err}
			}
		})
	}
	for i := range stormCalls {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	r.srv.Close()
	mu.Lock()
	defer mu.Unlock()
	return calls, faults
}

// checkStorm checks each call's end against the fake's ledger: a success is
// there exactly once, with the id the call returned; a failure that does not
// match ErrOutcomeUnknown is not there at all; no call is there twice. Under
// idempotent, the orders made with a key number one at most. It returns the
// calls' ends, counted by kind.
func checkStorm(t *testing.T, k *kit, r *route, calls []stormCall, idempotent bool) map[string]int {
	t.Helper()
	byRef := map[string][]fake.Order{}
	byKey := map[string]int{}
	for _, o := range r.srv.Ledger() {
		ref := k.refOf(o.Body)
		byRef[ref] = append(byRef[ref], o)
		if o.IdempotencyKey != "" {
			byKey[o.IdempotencyKey]++
		}
	}
	counts := map[string]int{}
	for _, c := range calls {
		orders := byRef[c.ref]
		switch v := k.view(c.err); {
		case c.err == nil:
			counts["success"]++
			if len(orders) != 1 {
				t.Errorf("%s succeeded with order %q, and the ledger holds %d orders for it", c.ref, c.res.id, len(orders))
			} else if !c.res.ok || c.res.id != orders[0].ID {
				t.Errorf("%s succeeded with order %q (found: %v), the ledger's is %q", c.ref, c.res.id, c.res.ok, orders[0].ID)
			}
		case v.unknown():
			counts["outcome unknown"]++
			if len(orders) == 1 {
				counts["outcome unknown, in the ledger"]++
			}
			if len(orders) > 1 {
				t.Errorf("%s (outcome unknown: %v) has %d orders in the ledger", c.ref, c.err, len(orders))
			}
		default:
			counts["not created"]++
			if len(orders) != 0 {
				t.Errorf("%s failed with %v (%s), which does not match ErrOutcomeUnknown, and the ledger holds %d orders for it",
					c.ref, c.err, v.kind(), len(orders))
			}
		}
		if c.err != nil && !k.view(c.err).typed() {
			t.Errorf("%s failed with an untyped %T: %v", c.ref, c.err, c.err)
		}
	}
	for key, n := range byKey {
		if n > 1 {
			t.Errorf("%d orders were made with the Idempotency-Key %q", n, key)
		}
	}
	if idempotent && len(byKey) != len(r.srv.Ledger()) {
		t.Errorf("%d orders in the ledger, %d of them with a key: every call sends one", len(r.srv.Ledger()), len(byKey))
	}
	t.Logf("%d calls: %s; ledger %d, requests %d", len(calls), tally(counts), len(r.srv.Ledger()), r.srv.Requests())
	return counts
}
