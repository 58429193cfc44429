package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

// konvoOrders returns a batch of n orders: konvotest.FullOrder, each copy
// with its own id, external id and friendly name.
func konvoOrders(tb testing.TB, n int) []konvo.OrderInput {
	tb.Helper()
	orders := make([]konvo.OrderInput, n)
	for i := range orders {
		o := konvotest.FullOrder()
		o.ID = fmt.Sprintf("08c0e60e-26bd-4e41-bb05-%012x", i)
		o.ExternalID = ptr(fmt.Sprintf("order_%d", 12345+i))
		o.FriendlyName = fmt.Sprintf("#%d", 1059+i)
		orders[i] = o
	}
	return orders
}

// konvoCase is a CreateOrders call with orders.
func konvoCase(orders []konvo.OrderInput) *vendorCase {
	return &vendorCase{
		name:       "konvo",
		authHeader: "x-api-key",
		authValue:  konvotest.APIKey,
		path:       "/orders",
		body:       orders,
		startFake: func() (string, func(), error) {
			s, err := konvotest.Start()
			if err != nil {
				return "", nil, err
			}
			return s.URL(), s.Close, nil
		},
		sdk: func(baseURL string, validate bool, hc *http.Client) (createFunc, error) {
			opts := []konvo.Option{konvo.WithBaseURL(baseURL)}
			if !validate {
				opts = append(opts, konvo.WithoutValidation())
			}
			if hc != nil {
				opts = append(opts, konvo.WithHTTPClient(hc))
			}
			c, err := konvo.New(konvotest.APIKey, opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) (any, error) { return c.CreateOrders(ctx, orders) }, nil
		},
		baseline: func(c *baselineClient) createFunc {
			return func(ctx context.Context) (any, error) {
				var out konvo.CreateOrdersResult
				if err := c.post(ctx, orders, &out); err != nil {
					return nil, err
				}
				return &out, nil
			}
		},
	}
}

// BenchmarkKonvo creates batches of 1, 100 and 1,000 orders.
func BenchmarkKonvo(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("orders=%d", n), func(b *testing.B) {
			benchCreate(b, konvoCase(konvoOrders(b, n)))
		})
	}
}

// parallelism is the workers per GOMAXPROCS of the parallel runs.
const parallelism = 4

// BenchmarkKonvoParallel creates one-order batches from parallelism x
// GOMAXPROCS workers sharing one client, and reports the connections the
// server accepted (conns): one per worker, opened by openConns before the
// timer starts, and any opened while it ran.
func BenchmarkKonvoParallel(b *testing.B) {
	vc := konvoCase(konvoOrders(b, 1))
	resp := capture(b, vc)
	for _, impl := range shuffledImpls() {
		b.Run("impl="+impl, func(b *testing.B) {
			// A new server and client for every run, so that conns counts
			// the connections of this run alone.
			srv := startReplay(b, vc, resp)
			defer srv.Close()
			call := newCall(b, vc, impl, srv.URL)
			workers := parallelism * runtime.GOMAXPROCS(0)
			openConns(b, call, workers)
			b.SetParallelism(parallelism)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for pb.Next() {
					if _, err := call(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.StopTimer()
			conns := srv.ConnsAccepted()
			b.ReportMetric(float64(conns), "conns")
			// At most one connection per worker, and for what net/http
			// replaces by itself on a loaded machine (see
			// TestKonvoParallelConns) one more per 1,000 calls: a client
			// that does not reuse connections opens one every few calls.
			if limit := workers + b.N/1000; conns > limit {
				b.Fatalf("%d workers opened %d connections in %d calls, want at most %d", workers, conns, b.N, limit)
			}
		})
	}
}

func TestKonvoBaselineSendsWhatSDKSends(t *testing.T) {
	t.Parallel()
	checkSameCall(t, konvoCase(konvoOrders(t, 3)))
}

// TestKonvoParallelConns checks against konvo's fake that 8 workers sharing
// a client, 50 calls each, open at most 8 connections, for the SDK and the
// baseline alike. The connections are opened first by openConns, which says
// why.
//
// Even then the bound is not one net/http promises: its Transport also
// replaces a connection it may not reuse, for one when it has not seen the
// request's write confirmed within 50ms of the response
// (maxWriteWaitBeforeConnReuse), which a starved scheduler can cause. On a
// loaded machine that happens about once in a hundred runs, to the baseline
// as much as to the SDK. So a run over the bound is tried once more: a
// client that does not reuse its connections fails both, an accident does
// not happen twice.
func TestKonvoParallelConns(t *testing.T) {
	t.Parallel()
	const workers, calls, tries = 8, 50, 2
	vc := konvoCase(konvoOrders(t, 1))
	for _, impl := range impls {
		t.Run(impl, func(t *testing.T) {
			t.Parallel()
			for try := 1; ; try++ {
				accepted, open := parallelConns(t, vc, impl, workers, calls)
				if accepted <= workers {
					t.Logf("%d workers x %d calls: %d connections", workers, calls, accepted)
					return
				}
				msg := fmt.Sprintf("%d workers opened %d connections (%d open at the end), want at most %d",
					workers, accepted, open, workers)
				if try == tries {
					t.Fatal(msg)
				}
				t.Log(msg + "; trying again")
			}
		})
	}
}

// parallelConns makes workers x calls one-order calls through one client
// against a new fake, and returns how many connections the fake accepted and
// how many of them are open at the end.
func parallelConns(t *testing.T, vc *vendorCase, impl string, workers, calls int) (accepted, open int) {
	t.Helper()
	srv, err := konvotest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	call := newCall(t, vc, impl, srv.URL())
	openConns(t, call, workers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range calls {
				if _, err := call(context.Background()); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := srv.Requests(); n != workers*(calls+1) {
		t.Errorf("fake received %d requests, want %d", n, workers*(calls+1))
	}
	return srv.ConnsAccepted(), srv.OpenConns()
}

// heapTargetAsserted says whether TestKonvoBatchPeakHeap asserts the target,
// a peak of at most heapTarget times the payload. It holds since konvo encodes
// a large batch order by order, keeping a single copy of the payload (about
// 2.6x for the call); marshalling the batch at once, as the baseline does,
// grows json.Marshal's buffer by doubling and then copies it out, which
// peaks at about 3.5x for the call.
const heapTargetAsserted = true

// heapTarget is the largest peak heap growth of a large batch, as a multiple
// of its JSON payload.
const heapTarget = 3.0

// heapChildEnv marks the child process that TestKonvoBatchPeakHeap measures
// in.
const heapChildEnv = "ORDERSDK_BENCH_HEAP_CHILD"

// TestKonvoBatchPeakHeap measures the heap a batch of 1,000 orders holds
// during the call, beyond what it held before, as a multiple of the batch's
// JSON payload; see measureHeap for the method. It asserts the target when
// heapTargetAsserted says so and the race detector is off, and always that
// the SDK holds less than one payload more than the baseline: a second copy
// of it.
//
// The measuring runs in a child process, this test binary again, with
// GODEBUG=gcstoptheworld=1: every collection then stops the world, so that
// none runs alongside the call and lets what it allocates meanwhile count as
// live. With the concurrent collector the same peak reads 3.2x to 4.2x on a
// busy machine; stopped, it reads the same to a few percent.
func TestKonvoBatchPeakHeap(t *testing.T) {
	if os.Getenv(heapChildEnv) != "" {
		for _, r := range measureKonvoBatchHeap(t) {
			fmt.Printf("heap-result %s %d %d %d %d\n", r.impl, r.payload, r.response, r.use.peak, r.use.allocated)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKonvoBatchPeakHeap$", "-test.count=1")
	cmd.Env = append(os.Environ(), heapChildEnv+"=1", "GODEBUG="+join(os.Getenv("GODEBUG"), "gcstoptheworld=1"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("measuring in a child process: %v\n%s", err, out)
	}
	var baseline float64
	found := 0
	for _, line := range strings.Split(string(out), "\n") {
		var r heapResult
		if _, err := fmt.Sscanf(line, "heap-result %s %d %d %d %d", &r.impl, &r.payload, &r.response, &r.use.peak, &r.use.allocated); err != nil {
			continue
		}
		found++
		size := float64(r.payload)
		ratio := float64(r.use.peak) / size
		if found == 1 {
			t.Logf("payload %d B, response %d B", r.payload, r.response)
		}
		t.Logf("%-14s peak heap growth %8d B = %.2fx payload; allocated %8d B = %.2fx",
			r.impl, r.use.peak, ratio, r.use.allocated, float64(r.use.allocated)/size)
		if r.impl == implBaseline {
			baseline = ratio
			continue
		}
		switch {
		case ratio > baseline+1:
			t.Errorf("%s: peak heap growth is %.2fx the payload, the baseline's %.2fx: a copy of the payload too many",
				r.impl, ratio, baseline)
		case ratio > heapTarget && heapTargetAsserted && !raceEnabled:
			t.Errorf("%s: peak heap growth is %.2fx the payload, want at most %.0fx", r.impl, ratio, heapTarget)
		case ratio > heapTarget:
			t.Logf("%s: peak heap growth is %.2fx the payload: the target of %.0fx is not asserted yet (heapTargetAsserted)",
				r.impl, ratio, heapTarget)
		}
	}
	if found != len(impls) {
		t.Fatalf("the child process reported %d results, want %d:\n%s", found, len(impls), out)
	}
}

// heapResult is one impl's measurement.
type heapResult struct {
	impl              string
	payload, response int
	use               heapUse
}

// measureKonvoBatchHeap measures each impl creating a batch of 1,000 orders.
func measureKonvoBatchHeap(t *testing.T) []heapResult {
	const n = 1000
	orders := konvoOrders(t, n)
	vc := konvoCase(orders)
	payload, err := json.Marshal(orders)
	if err != nil {
		t.Fatal(err)
	}
	resp := capture(t, vc)
	srv := startReplay(t, vc, resp)
	var results []heapResult
	for _, impl := range impls {
		call := newCall(t, vc, impl, srv.URL)
		use := measureHeap(t, func() error {
			_, err := call(context.Background())
			return err
		})
		results = append(results, heapResult{impl: impl, payload: len(payload), response: len(resp.body), use: use})
	}
	return results
}

// join joins two comma-separated lists.
func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "," + b
}
