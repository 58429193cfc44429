package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
)

// BenchmarkBitbybitRateLimitedImport imports 1,000 orders from 8 goroutines
// into a fake bitbybit that allows 100 requests per one-second window and
// says so in RateLimit-Remaining and RateLimit-Reset, as bitbybit does (100 a
// minute there). The client paces itself from those headers. It reports the
// wall time as a multiple of the ideal, ten windows, and fails on any 429
// returned to the caller, any lost order, or any order created twice.
//
// One iteration takes about ten seconds: run it alone with
//
//	go test -run '^$' -bench RateLimitedImport -benchtime 1x -count 3 ./internal/bench/
func BenchmarkBitbybitRateLimitedImport(b *testing.B) {
	const (
		orders  = 1000
		workers = 8
		limit   = 100
		window  = time.Second
	)
	ideal := time.Duration(orders/limit) * window
	for range b.N {
		b.StopTimer()
		srv, err := bitbybittest.Start(bitbybittest.WithRateLimit(limit, window))
		if err != nil {
			b.Fatal(err)
		}
		client, err := srv.Client()
		if err != nil {
			b.Fatal(err)
		}
		var next, failed atomic.Int64
		var wg sync.WaitGroup
		b.StartTimer()
		start := time.Now()
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1); i <= orders; i = next.Add(1) {
					order := bitbybittest.MinimalOrder()
					order.Notes = ptr(fmt.Sprintf("import-%d", i))
					if _, err := client.CreateOrder(context.Background(), order); err != nil {
						failed.Add(1)
						b.Errorf("order %d: %v", i, err)
					}
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		seen := map[string]int{}
		for _, o := range srv.Orders() {
			if o.Notes != nil {
				seen[*o.Notes]++
			}
		}
		requests := srv.Requests()
		srv.Close()
		if failed.Load() != 0 || len(seen) != orders {
			b.Fatalf("%d calls failed, %d distinct orders created; want 0 and %d", failed.Load(), len(seen), orders)
		}
		for note, n := range seen {
			if n != 1 {
				b.Fatalf("order %s created %d times", note, n)
			}
		}
		b.ReportMetric(elapsed.Seconds()/ideal.Seconds(), "x-ideal")
		b.ReportMetric(float64(requests-orders), "429s-absorbed")
		b.StartTimer()
	}
}
