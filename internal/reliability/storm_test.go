package reliability

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// The storm's shape. The slow fault holds the answer past the call's
// deadline; both stay in tens of milliseconds so that a storm takes a second
// or two under -race.
const (
	stormCalls    = 1000
	stormWorkers  = 16
	stormFaulted  = 0.30
	stormSlow     = 80 * time.Millisecond
	stormDeadline = 60 * time.Millisecond
	stormSeed     = 20240611
)

// stormFault is one kind of failure the storm injects.
type stormFault struct {
	name  string
	fault fake.Fault
}

// stormFaults are the failures, picked with equal odds. The fake gives each
// faulted request one of them; a retry is a new request and draws again.
var stormFaults = []stormFault{
	{"429 retry-after-ms", fake.Fault{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After-Ms": {"2"}}}},
	// One second, capped to 5ms by WithMaxRetryWait.
	{"429 retry-after", fake.Fault{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"1"}}}},
	{"503", fake.Fault{Status: http.StatusServiceUnavailable}},
	{"500", fake.Fault{Status: http.StatusInternalServerError}},
	// The vendor committed the order, then failed.
	{"500 after commit", fake.Fault{Status: http.StatusInternalServerError, RecordOrder: true}},
	{"502", fake.Fault{Status: http.StatusBadGateway}},
	{"504", fake.Fault{Status: http.StatusGatewayTimeout}},
	{"close before body", fake.Fault{CloseBeforeBody: true}},
	{"close after record", fake.Fault{CloseAfterRecord: true}},
	{"slow past deadline", fake.Fault{Delay: stormSlow}},
}

// stormResult is what one storm saw.
type stormResult struct {
	success, notCreated, unknown int
	// unknownCreated counts the calls that matched ErrOutcomeUnknown and whose
	// order the ledger holds.
	unknownCreated int
	ledger         int
	requests       int
	conns          int
	faults         map[string]int
	errKinds       map[string]int
	took           time.Duration
}

func (r stormResult) String() string {
	return fmt.Sprintf("successes %d, not created %d, outcome unknown %d (%d of them in the ledger), ledger %d, requests %d, connections %d, %v",
		r.success, r.notCreated, r.unknown, r.unknownCreated, r.ledger, r.requests, r.conns, r.took.Round(time.Millisecond))
}

// outcome is the end of one call.
type outcome struct {
	ref, id string
	ok      bool
	err     error
}

// storm runs stormCalls create calls from stormWorkers goroutines against the
// vendor's fake with stormFaulted of the requests failing, and checks that no
// order is lost or duplicated. With dedupe, the client retries failures of
// unknown outcome (WithRetryAmbiguous), every call carries an idempotency key,
// and the fake deduplicates by it.
func storm(t *testing.T, k *kit, dedupe bool) stormResult {
	t.Helper()
	srv := k.start(t, fakeConfig{idempotent: dedupe})
	rng := rand.New(rand.NewPCG(stormSeed, uint64(len(k.name))))
	faultCount := map[string]int{}
	// The fake calls the fault function under its lock, so rng and
	// faultCount need no lock of their own.
	srv.SetFaultFunc(func(int) *fake.Fault {
		if rng.Float64() >= stormFaulted {
			return nil
		}
		f := stormFaults[rng.IntN(len(stormFaults))]
		faultCount[f.name]++
		return &f.fault
	})
	tr, withTransport := ownTransport()
	// One retry, not the default two, so that some calls spend their retries
	// on 429 and 503 and end as "not created".
	opts := append([]core.Option{withTransport, core.WithMaxRetries(1)}, fastRetries...)
	if dedupe {
		opts = append(opts, core.WithRetryAmbiguous())
	}
	c := k.dialFake(t, srv, opts...)

	mode := "plain"
	if dedupe {
		mode = "dedupe"
	}
	outcomes := make([]outcome, stormCalls)
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range stormWorkers {
		wg.Go(func() {
			for i := range jobs {
				ref := fmt.Sprintf("storm-%s-%s-%04d", k.name, mode, i)
				var copts []core.CallOption
				if dedupe {
					copts = append(copts, core.WithIdempotencyKey("key-"+ref))
				}
				ctx, cancel := context.WithTimeout(context.Background(), stormDeadline)
				res, err := c.create(ctx, ref, copts...)
				cancel()
				outcomes[i] = outcome{ref: ref, id: res.id, ok: res.ok, err: err}
			}
		})
	}
	for i := range stormCalls {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	took := time.Since(start)

	// A slow fault creates its order after the caller has gone; wait until
	// every handler has returned, which closes its connection, before reading
	// the ledger.
	tr.CloseIdleConnections()
	if !waitFor(5*time.Second, func() bool { return srv.OpenConns() == 0 }) {
		t.Fatalf("%d connections still open at the fake after the storm", srv.OpenConns())
	}
	srv.SetFaultFunc(nil)

	ledger := srv.Orders()
	inLedger := map[string][]string{} // ref -> ids
	for _, o := range ledger {
		ref := k.refOf(o.Body)
		inLedger[ref] = append(inLedger[ref], o.ID)
	}
	res := stormResult{ledger: len(ledger), requests: srv.Requests(), conns: srv.ConnsAccepted(),
		faults: faultCount, errKinds: map[string]int{}, took: took}
	refs := map[string]bool{}
	for _, o := range outcomes {
		refs[o.ref] = true
		ids := inLedger[o.ref]
		switch {
		case o.err == nil:
			res.success++
			if len(ids) != 1 {
				t.Errorf("%s: call succeeded, and its order is in the ledger %d times", o.ref, len(ids))
			} else if !o.ok || o.id != ids[0] {
				t.Errorf("%s: call succeeded with order id %q (present: %v), the ledger has %q", o.ref, o.id, o.ok, ids[0])
			}
		case errors.Is(o.err, apierror.ErrOutcomeUnknown):
			res.unknown++
			if len(ids) > 0 {
				res.unknownCreated++
			}
		default:
			res.notCreated++
			if len(ids) != 0 {
				t.Errorf("%s: call failed with %q, which says the order was not created, and the ledger has it %d times",
					o.ref, o.err, len(ids))
			}
		}
		if o.err != nil {
			kind, typed := typedErr(o.err)
			if !typed {
				t.Errorf("%s: untyped error %T: %v", o.ref, o.err, o.err)
			}
			res.errKinds[errorLabel(kind, o.err)]++
			// The orders are valid: only the faults may fail a call.
			if errors.Is(o.err, apierror.ErrInvalidRequest) || errors.Is(o.err, apierror.ErrUnauthorized) {
				t.Errorf("%s: %v", o.ref, o.err)
			}
		}
	}
	for ref, ids := range inLedger {
		if !refs[ref] {
			t.Errorf("ledger holds an order with reference %q, which no call sent", ref)
		}
		if len(ids) > 1 {
			t.Errorf("ledger holds order %q %d times: %v", ref, len(ids), ids)
		}
	}
	if res.success+res.notCreated+res.unknown != stormCalls {
		t.Errorf("outcomes add up to %d, want %d", res.success+res.notCreated+res.unknown, stormCalls)
	}
	return res
}

// errorLabel names an error for the storm's tally: its type and status, or
// its type and whether it wraps a context error.
func errorLabel(kind string, err error) string {
	var ae *apierror.APIError
	var re *apierror.RequestError
	switch {
	case errors.As(err, &ae):
		return fmt.Sprintf("%s %d", kind, ae.StatusCode)
	case errors.As(err, &re):
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return kind + " deadline"
		case re.Sent:
			return kind + " sent"
		}
		return kind + " not sent"
	}
	return kind
}

func tally(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// TestFaultStorm runs, for each vendor, a storm with the default retry policy
// and then one with WithRetryAmbiguous, idempotency keys and a deduplicating
// fake, and checks that the second succeeds more often.
func TestFaultStorm(t *testing.T) {
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			plain := storm(t, k, false)
			t.Logf("default policy: %v", plain)
			t.Logf("  faults: %s", tally(plain.faults))
			t.Logf("  errors: %s", tally(plain.errKinds))
			dedupe := storm(t, k, true)
			t.Logf("retry ambiguous + idempotency keys: %v", dedupe)
			t.Logf("  faults: %s", tally(dedupe.faults))
			t.Logf("  errors: %s", tally(dedupe.errKinds))
			if dedupe.success <= plain.success {
				t.Errorf("retrying ambiguous failures with idempotency keys succeeded %d times, no more than the default policy's %d",
					dedupe.success, plain.success)
			}
			if plain.unknown == 0 {
				t.Errorf("the default storm saw no failure of unknown outcome: %v", plain)
			}
		})
	}
}

// TestRetriedAmbiguousFailureStaysUnknown is the storm's finding made
// deterministic: under WithRetryAmbiguous, a call whose first attempt may have
// created the order (a 500 after the vendor committed it) and whose retries
// then end on an answer that proves only that they created nothing (429, 503,
// a refused redirect) must still match ErrOutcomeUnknown.
func TestRetriedAmbiguousFailureStaysUnknown(t *testing.T) {
	t.Parallel()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the redirect to another host was followed")
	}))
	t.Cleanup(other.Close)
	committed := fake.Fault{Status: http.StatusInternalServerError, RecordOrder: true}
	tests := []struct {
		name   string
		faults []fake.Fault
	}{
		{"then 429", []fake.Fault{committed, {Status: http.StatusTooManyRequests}, {Status: http.StatusTooManyRequests}}},
		{"then 503", []fake.Fault{committed, {Status: http.StatusServiceUnavailable}, {Status: http.StatusServiceUnavailable}}},
		{"then 400", []fake.Fault{committed, {Status: http.StatusBadRequest}}},
		{"then a redirect off the host", []fake.Fault{committed,
			{Status: http.StatusTemporaryRedirect, Header: http.Header{"Location": {other.URL + "/orders"}}}}},
		{"connection lost, then 429", []fake.Fault{{CloseAfterRecord: true}, {Status: http.StatusTooManyRequests}, {Status: http.StatusTooManyRequests}}},
	}
	for _, k := range kits {
		for _, tt := range tests {
			t.Run(k.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				srv := k.start(t, fakeConfig{})
				srv.Inject(tt.faults...)
				c := k.dialFake(t, srv, append([]core.Option{core.WithRetryAmbiguous()}, fastRetries...)...)
				_, err := c.create(context.Background(), "ref-1")
				if !errors.Is(err, apierror.ErrOutcomeUnknown) {
					t.Errorf("err = %v, want a match for ErrOutcomeUnknown: the first attempt created the order", err)
				}
				if n := len(srv.Orders()); n != 1 {
					t.Errorf("ledger holds %d orders, want the 1 the first attempt created", n)
				}
			})
		}
	}
}
