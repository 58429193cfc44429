package checkout

import (
	"context"
	"errors"
	"testing"

	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

func TestCreateOrdersUnderFaults(t *testing.T) {
	tests := []struct {
		name        string
		fault       konvotest.Fault
		wantUnknown bool // errors.Is(err, konvo.ErrOutcomeUnknown)
		wantOrders  int  // orders the fake created
	}{
		{"a 503 is retried", konvotest.Fault{Status: 503}, false, 1},
		{"a 502 after the order was created", konvotest.Fault{Status: 502, RecordOrder: true}, true, 1},
		{"the answer is lost", konvotest.Fault{CloseAfterRecord: true}, true, 1},
		{"a 422 creates nothing", konvotest.Fault{Status: 422}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := konvotest.NewServer(t) // stopped when the test ends
			client, err := srv.Client()   // its URL and API key, and a millisecond backoff
			if err != nil {
				t.Fatal(err)
			}
			srv.Inject(tt.fault) // the next request gets the fault

			// Your code goes here, given client.
			_, err = client.CreateOrders(context.Background(), []konvo.OrderInput{konvotest.MinimalOrder()})

			if got := errors.Is(err, konvo.ErrOutcomeUnknown); got != tt.wantUnknown {
				t.Errorf("outcome unknown = %v (%v), want %v", got, err, tt.wantUnknown)
			}
			if got := len(srv.Ledger()); got != tt.wantOrders {
				t.Errorf("orders created = %d, want %d", got, tt.wantOrders)
			}
		})
	}
}
