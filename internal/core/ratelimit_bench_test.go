package core

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// The rate-limited vendor of BenchmarkRateLimitedReplicas: bitbybit's
// headers, with a window of a second instead of a minute so that a run takes
// seconds.
const (
	benchOrders  = 1000
	benchWorkers = 8 // per replica
	benchLimit   = 100
	benchWindow  = time.Second
)

// BenchmarkRateLimitedReplicas runs P replicas, each a Client of its own with
// default options and so a pacer of its own, 8 workers each, that create
// 1,000 orders in all through one fake allowing 100 requests per second (with
// RateLimit-Limit, -Remaining and -Reset in whole seconds, rounded up, and
// 429 beyond). It reports per run:
//
//	failures      calls that returned an error
//	429/req       the share of requests answered 429, as the fake counts
//	              them: requests received less orders created (it answers
//	              nothing else here), checked against the clients' own count
//	wall/ideal    the wall time against 10 s, 1,000 orders at 100 per second
//
// Run it with
//
//	go test -run '^$' -bench RateLimitedReplicas -benchtime 1x ./internal/core
func BenchmarkRateLimitedReplicas(b *testing.B) {
	spec := benchSpec(b)
	for _, replicas := range []int{1, 8, 16} {
		b.Run(fmt.Sprintf("P=%d", replicas), func(b *testing.B) {
			var failures, requests, rejected, runs int
			var wall time.Duration
			for b.Loop() {
				r := runReplicas(b, spec, replicas)
				failures += r.failures
				requests += r.requests
				rejected += r.rejected
				wall += r.wall
				runs++
			}
			ideal := time.Duration(benchOrders/benchLimit) * benchWindow
			b.ReportMetric(float64(failures)/float64(runs), "failures")
			b.ReportMetric(float64(rejected)/float64(max(requests, 1)), "429/req")
			b.ReportMetric(float64(wall)/float64(runs)/float64(ideal), "wall/ideal")
		})
	}
}

// replicaRun is what one run of the benchmark measured.
type replicaRun struct {
	failures, requests, rejected int
	wall                         time.Duration
}

// runReplicas creates benchOrders orders through a fresh fake with replicas
// clients of benchWorkers workers each.
func runReplicas(b *testing.B, spec *openapi3.T, replicas int) replicaRun {
	srv, err := fake.Start(fake.Vendor{
		Name: "benchvendor", Spec: spec, AuthHeader: testVendor.AuthHeader, Credential: testKey,
		SuccessStatus: http.StatusCreated,
		Create: func(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
			var in testOrder
			if err := json.Unmarshal(req.Body, &in); err != nil {
				return nil, nil, err
			}
			id := ids.UUID()
			in.ID = &id
			return testEnvelope{Success: new(true), Data: &in}, []fake.Order{{ID: id, Body: req.Body}}, nil
		},
		ErrorBody: func(_ int, code, msg string) any { return map[string]string{"code": code, "message": msg} },
	}, fake.WithRateLimit(benchLimit, benchWindow))
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	clients := make([]*Client, replicas)
	for i := range clients {
		c, err := New(testVendor, testKey, WithBaseURL(srv.URL()))
		if err != nil {
			b.Fatal(err)
		}
		defer c.CloseIdleConnections()
		clients[i] = c
	}
	orders := make(chan int, benchOrders)
	for i := range benchOrders {
		orders <- i
	}
	close(orders)
	var failures, seen429 atomic.Int64
	count := WithReport(func(m *Meta) {
		for _, a := range m.Attempts {
			if a.StatusCode == http.StatusTooManyRequests {
				seen429.Add(1)
			}
		}
	})
	start := time.Now()
	var wg sync.WaitGroup
	for _, c := range clients {
		for range benchWorkers {
			wg.Go(func() {
				for i := range orders {
					order := testOrder{Name: fmt.Sprintf("order-%d", i)}
					if _, err := Do(context.Background(), c, &createTestOrder, "orders", &order, count); err != nil {
						failures.Add(1)
						b.Logf("order %d: %v", i, err)
					}
				}
			})
		}
	}
	wg.Wait()
	r := replicaRun{failures: int(failures.Load()), requests: srv.Requests(), wall: time.Since(start)}
	r.rejected = r.requests - len(srv.Orders())
	if int64(r.rejected) != seen429.Load() {
		b.Errorf("the fake answered %d requests without an order, the clients saw %d 429s", r.rejected, seen429.Load())
	}
	return r
}

// benchSpec is the fake's spec: one operation, POST /orders with a name.
func benchSpec(b *testing.B) *openapi3.T {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`
openapi: 3.0.3
info: {title: rate-limited vendor, version: "1"}
paths:
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
      responses:
        '201': {description: Created}
`))
	if err != nil {
		b.Fatal(err)
	}
	return doc
}
