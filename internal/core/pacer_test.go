package core_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

// TestPacerWaitsForTheWindow shows the client pacing itself from the
// RateLimit headers: with 3 requests per window and 4 workers sending 9
// orders, no request is spent on a 429 and every order is created once: the
// first window's size is learned from one probe, later ones from
// RateLimit-Limit.
func TestPacerWaitsForTheWindow(t *testing.T) {
	t.Parallel()
	srv := konvotest.NewServer(t, konvotest.WithRateLimit(3, 100*time.Millisecond))
	// No retries: a 429 would reach the caller as an error.
	c, err := srv.Client(konvo.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	const orders, workers = 9, 4
	ids := make(chan string, orders)
	for i := range orders {
		ids <- fmt.Sprintf("paced-%d", i)
	}
	close(ids)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				o := konvotest.MinimalOrder()
				o.ID = id
				if _, err := c.CreateOrders(context.Background(), []konvo.OrderInput{o}); err != nil {
					t.Errorf("order %s: %v", id, err)
				}
			}
		}()
	}
	wg.Wait()
	if n := srv.Requests(); n != orders {
		t.Errorf("fake received %d requests for %d orders: the client spent requests on 429s", n, orders)
	}
	if n := len(srv.Orders()); n != orders {
		t.Errorf("fake created %d orders, want %d", n, orders)
	}
}

// TestPacerSlowFirstResponse shows that a slow first response, which the
// pacer waits for to learn whether the vendor sends RateLimit headers, holds
// the other callers back for a bounded time only: they are all received while
// it is still under way.
func TestPacerSlowFirstResponse(t *testing.T) {
	t.Parallel()
	srv := konvotest.NewServer(t)
	srv.Inject(konvotest.Fault{Delay: 3 * time.Second})
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := konvotest.MinimalOrder()
			o.ID = fmt.Sprintf("slow-%d", i)
			if _, err := c.CreateOrders(context.Background(), []konvo.OrderInput{o}); err != nil {
				t.Errorf("order %s: %v", o.ID, err)
			}
		}()
		if i == 0 {
			// Let the slow call go first.
			for srv.Requests() == 0 {
				time.Sleep(time.Millisecond)
			}
		}
	}
	// The fast calls complete while the slow one is still delayed.
	deadline := time.Now().Add(2500 * time.Millisecond)
	for len(srv.Orders()) < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := len(srv.Orders()); n != 2 {
		t.Errorf("orders created while the first response was delayed = %d, want 2", n)
	}
	wg.Wait()
}
