package core

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"golang.org/x/time/rate"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// x/time/rate's limiter is the one most callers hand WithLimiter.
var _ Limiter = (*rate.Limiter)(nil)

// countingLimiter counts its waits and fails from the failAt'th on (0:
// never).
type countingLimiter struct {
	waits  atomic.Int32
	failAt int32
}

var errLimiterClosed = errors.New("limiter closed")

func (l *countingLimiter) Wait(context.Context) error {
	if n := l.waits.Add(1); l.failAt > 0 && n >= l.failAt {
		return errLimiterClosed
	}
	return nil
}

// TestLimiter checks that every attempt, retries included, waits on the
// caller's limiter once before it is sent, and that a limiter's refusal
// ends the call unsent, with the limiter's error.
func TestLimiter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		statuses []int // answered in turn; 201 after the last
		failAt   int32
		waits    int32
		requests int
		want     error // nil: success
	}{
		{"one attempt", nil, 0, 1, 1, nil},
		{"retries wait too", []int{429, 503}, 0, 3, 3, nil},
		{"refused first", nil, 1, 1, 0, errLimiterClosed},
		{"refused before the retry", []int{503}, 2, 2, 1, errLimiterClosed},
	}
	for _, m := range modes[:2] {
		for _, tt := range tests {
			t.Run(m.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				s := newServer(t, m.h2, func(n int, w http.ResponseWriter, _ *http.Request) {
					if n <= len(tt.statuses) {
						reply(w, tt.statuses[n-1], `{"message":"no"}`)
						return
					}
					reply(w, 201, createdBody)
				})
				l := &countingLimiter{failAt: tt.failAt}
				c := newClient(t, s, m, WithLimiter(l))
				_, err := create(context.Background(), c)
				if got := l.waits.Load(); got != tt.waits {
					t.Errorf("limiter waited %d times, want %d", got, tt.waits)
				}
				if got := s.count(); got != tt.requests {
					t.Errorf("server got %d requests, want %d", got, tt.requests)
				}
				switch {
				case tt.want == nil && err != nil:
					t.Errorf("err = %v, want success", err)
				case tt.want != nil && !errors.Is(err, tt.want):
					t.Errorf("err = %v, want %v", err, tt.want)
				case tt.want != nil && errors.Is(err, apierror.ErrOutcomeUnknown) && tt.requests == 0:
					t.Errorf("err = %v, of unknown outcome though nothing was sent", err)
				}
			})
		}
	}
	if _, err := New(testVendor, testKey, WithLimiter(nil)); err == nil {
		t.Error("WithLimiter(nil) was accepted")
	}
}
