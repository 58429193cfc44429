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
