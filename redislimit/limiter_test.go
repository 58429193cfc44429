package redislimit_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/redislimit"
	"github.com/ordersdk/ordersdk-go/redislimit/internal/redisserver"
)

// The Limiter is what the clients' WithLimiter takes.
var _ core.Limiter = (*redislimit.Limiter)(nil)

// server is the redis-server of the tests, nil when none is installed.
var server *redisserver.Server

// TestMain starts a redis-server of its own when one is installed. Without
// one the tests skip, unless ORDERSDK_REQUIRE_REDIS=1 (as in CI), which makes
// a missing or broken redis-server a failure.
func TestMain(m *testing.M) {
	s, err := redisserver.Start()
	switch {
	case err == nil:
		server = s
	case os.Getenv("ORDERSDK_REQUIRE_REDIS") == "1":
		fmt.Fprintln(os.Stderr, "ORDERSDK_REQUIRE_REDIS=1:", err)
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "skipping the tests that need Redis:", err)
	}
	code := m.Run()
	if server != nil {
		server.Close()
	}
	os.Exit(code)
}

// setup returns a client of the test server, or skips the test.
func setup(t *testing.T) *redis.Client {
	t.Helper()
	if server == nil {
		t.Skip("redis-server is not installed")
	}
	rdb := server.Client()
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// newLimiter returns a Limiter on a key of the test's own.
func newLimiter(t *testing.T, rdb redis.UniversalClient, limit redis_rate.Limit) *redislimit.Limiter {
	t.Helper()
	l, err := redislimit.New(rdb, keyOf(t), limit)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func keyOf(t *testing.T) string { return "test:" + t.Name() }

// perHour lets burst requests go at once and the next one only after an hour:
// the turns that follow a spent burst are far beyond any test's deadline.
func perHour(burst int) redis_rate.Limit {
	return redis_rate.Limit{Rate: 1, Period: time.Hour, Burst: burst}
}

func TestNewChecksItsArguments(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"}) // never dialled
	defer rdb.Close()
	tests := []struct {
		name  string
		rdb   redis.UniversalClient
		key   string
		limit redis_rate.Limit
		want  string
	}{
		{"nil client", nil, "k", redislimit.PerWindow(1, time.Second), "client is nil"},
		{"empty key", rdb, " ", redislimit.PerWindow(1, time.Second), "key is empty"},
		{"zero limit", rdb, "k", redis_rate.Limit{}, "must be positive"},
		{"no burst", rdb, "k", redis_rate.Limit{Rate: 1, Period: time.Second}, "must be positive"},
		{"negative period", rdb, "k", redis_rate.Limit{Rate: 1, Period: -time.Second, Burst: 1}, "must be positive"},
	}
	for _, tt := range tests {
		if _, err := redislimit.New(tt.rdb, tt.key, tt.limit); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
	l, err := redislimit.New(rdb, "k", redislimit.PerWindow(100, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := l.Limit(), redislimit.PerWindow(100, time.Minute); got != want {
		t.Errorf("Limit() = %v, want %v", got, want)
	}
}

// TestPerWindow checks the limits for a vendor's window: a 50th short of the
// vendor's (at least one), with bursts of 2, so that no window holds more
// than n.
func TestPerWindow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int
		want redis_rate.Limit
	}{
		{1, redis_rate.Limit{Rate: 1, Period: time.Minute, Burst: 1}},
		{2, redis_rate.Limit{Rate: 1, Period: time.Minute, Burst: 2}},
		{99, redis_rate.Limit{Rate: 98, Period: time.Minute, Burst: 2}},
		{100, redis_rate.Limit{Rate: 98, Period: time.Minute, Burst: 2}},
		{1000, redis_rate.Limit{Rate: 980, Period: time.Minute, Burst: 2}},
	}
	for _, tt := range tests {
		got := redislimit.PerWindow(tt.n, time.Minute)
		if got != tt.want {
			t.Errorf("PerWindow(%d, time.Minute) = %+v, want %+v", tt.n, got, tt.want)
		}
		// At most Burst at once, then one per Period/Rate: a window holds
		// at most Burst-1 + Rate.
		if most := got.Burst - 1 + got.Rate; most > tt.n {
			t.Errorf("PerWindow(%d): a window can hold %d", tt.n, most)
		}
	}
}

func TestNilLimiter(t *testing.T) {
	t.Parallel()
	var l *redislimit.Limiter
	if err := l.Wait(context.Background()); err == nil {
		t.Error("Wait on a nil Limiter: no error")
	}
	if err := new(redislimit.Limiter).Wait(context.Background()); err == nil {
		t.Error("Wait on a zero Limiter: no error")
	}
}

// TestBurstThenDeadline checks that the burst goes at once and that the turn
// after it, an hour away, ends a call with a deadline at once, with an error
// that is context.DeadlineExceeded.
func TestBurstThenDeadline(t *testing.T) {
	t.Parallel()
	l := newLimiter(t, setup(t), perHour(3))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for i := range 3 {
		if err := l.Wait(ctx); err != nil {
			t.Fatalf("request %d of the burst: %v", i+1, err)
		}
	}
	err := l.Wait(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("request past the burst: %v, want context.DeadlineExceeded", err)
	}
	if ctx.Err() != nil {
		t.Errorf("Wait waited for the deadline instead of returning at once")
	}
}

// TestSharedByKey checks that Limiters of the same key share one limit,
// through separate Redis connections as separate processes have, and that
// another key has a limit of its own.
func TestSharedByKey(t *testing.T) {
	t.Parallel()
	a := newLimiter(t, setup(t), perHour(2))
	b := newLimiter(t, setup(t), perHour(2))
	other, err := redislimit.New(setup(t), keyOf(t)+":other", perHour(2))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := a.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	for name, l := range map[string]*redislimit.Limiter{"a": a, "b": b} {
		if err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s after the shared burst of 2: %v, want context.DeadlineExceeded", name, err)
		}
	}
	for i := range 2 {
		if err := other.Wait(ctx); err != nil {
			t.Errorf("another key, request %d: %v", i+1, err)
		}
	}
}

// TestWaitsItsTurn checks that requests beyond the burst go once their turn
// comes, and never sooner: 1 + 5 requests at one per 40 ms take at least
// 200 ms, from 3 goroutines in each of 2 "processes".
func TestWaitsItsTurn(t *testing.T) {
	t.Parallel()
	limit := redislimit.PerWindow(1, 40*time.Millisecond)
	limiters := []*redislimit.Limiter{newLimiter(t, setup(t), limit), newLimiter(t, setup(t), limit)}
	start := time.Now()
	var wg sync.WaitGroup
	var errs atomic.Int32
	for _, l := range limiters {
		for range 3 {
			wg.Go(func() {
				if err := l.Wait(context.Background()); err != nil {
					t.Error(err)
					errs.Add(1)
				}
			})
		}
	}
	wg.Wait()
	if took := time.Since(start); errs.Load() == 0 && took < 200*time.Millisecond {
		t.Errorf("6 requests at one per 40 ms took %v, want at least 200 ms", took)
	}
}

// TestCanceled checks that a waiting call ends with its context, both while
// another goroutine of the process holds the turn and while it sleeps.
func TestCanceled(t *testing.T) {
	t.Parallel()
	l := newLimiter(t, setup(t), perHour(1))
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 2)
	for range 2 {
		go func() { done <- l.Wait(ctx) }()
	}
	cancel()
	for range 2 {
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Wait after cancel: %v, want context.Canceled", err)
		}
	}
}

// TestRedisUnreachable checks that a Redis that cannot be reached is an error
// that says where it came from, and that nothing is let go.
func TestRedisUnreachable(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Network: "unix", Addr: t.TempDir() + "/none.sock", MaxRetries: -1})
	defer rdb.Close()
	l, err := redislimit.New(rdb, "k", redislimit.PerWindow(100, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	err = l.Wait(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "redislimit: ") {
		t.Errorf("Wait with Redis unreachable: %v, want a redislimit error", err)
	}
}
