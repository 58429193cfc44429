// Package redislimit shares one rate limit across every process that sends
// with the same API key, through Redis, so that replicas of a service together
// stay within a vendor's limit instead of each learning it from 429s.
//
// A Limiter is the generic cell rate algorithm (GCRA) of
// github.com/go-redis/redis_rate/v10 behind the one method the ordersdk-go
// clients ask of a limiter, Wait. Give the same Limiter to every client of a
// process, and a Limiter for the same Redis and key to every process:
//
//	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
//	l, err := redislimit.New(rdb, "bitbybit:"+keyID, redislimit.PerWindow(100, time.Minute))
//	...
//	client, err := bitbybit.New(apiKey, bitbybit.WithLimiter(l))
//
// Every attempt of every call, retries included, then waits for its turn in
// Redis, and the clients' own pacing from the vendor's rate-limit headers goes
// on as well.
//
// It is its own module, so that a program that does not use it links no Redis
// client.
package redislimit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Limiter lets requests go at a rate shared, through Redis, by every Limiter
// of the same Redis and key, in any process. It is safe for concurrent use.
// Its Wait method satisfies the Limiter interfaces of the ordersdk-go vendor
// packages.
//
// Within one process, waiting goroutines take turns, in the order they came:
// one of them at a time asks Redis, so that a busy process asks once per
// request it is given rather than once per goroutine.
type Limiter struct {
	limiter *redis_rate.Limiter
	key     string
	limit   redis_rate.Limit
	// turn holds a token while a goroutine of this process asks Redis.
	turn chan struct{}
}

// PerWindow is the limit for a vendor that allows n requests per window
// (bitbybit: 100 per minute): evenly spaced requests, a 50th of n short of it
// (and at least one), with bursts of 2. However the vendor aligns its
// windows, none then holds more than n of the requests as Redis counts them.
// The burst of 2 lets a turn taken late (a sleep that overshot, a slow
// answer from Redis) be made up by the next one rather than lost, which would
// otherwise cost about a tenth of the rate on a busy machine; the requests
// held back leave, in steady use, a 50th of the window to spare against the
// time from a request's turn to its arrival at the vendor varying. For n of
// 1 it is 1 per window, without bursts.
func PerWindow(n int, window time.Duration) redis_rate.Limit {
	if n <= 1 {
		return redis_rate.Limit{Rate: n, Period: window, Burst: 1}
	}
	return redis_rate.Limit{Rate: n - max(1, n/50), Period: window, Burst: 2}
}

// New returns a Limiter that lets limit.Rate requests go per limit.Period,
// with bursts of up to limit.Burst, across all Limiters of rdb and key. Use
// PerWindow for a vendor's limit: the redis_rate helpers such as PerMinute
// allow a burst as large as the rate, on top of the rate, which a vendor
// counting a fixed window answers with 429s.
//
// rdb is any go-redis client: *redis.Client, *redis.ClusterClient,
// *redis.Ring or a failover client. The state lives under the Redis key
// "rate:" + key and expires by itself; give each vendor account a key of its
// own. New reports an error for a nil rdb, an empty key, or a limit whose
// Rate, Period or Burst is not positive; it does not contact Redis.
func New(rdb redis.UniversalClient, key string, limit redis_rate.Limit) (*Limiter, error) {
	switch {
	case rdb == nil:
		return nil, errors.New("redislimit: the Redis client is nil")
	case strings.TrimSpace(key) == "":
		return nil, errors.New("redislimit: the key is empty")
	case limit.Rate <= 0 || limit.Period <= 0 || limit.Burst <= 0:
		return nil, fmt.Errorf("redislimit: limit %v: rate, period and burst must be positive", limit)
	}
	return &Limiter{limiter: redis_rate.NewLimiter(rdb), key: key, limit: limit, turn: make(chan struct{}, 1)}, nil
}

// Limit returns the limit the Limiter applies.
func (l *Limiter) Limit() redis_rate.Limit {
	if l == nil {
		return redis_rate.Limit{}
	}
	return l.limit
}

// errNotMade is the error of a Limiter that New did not make.
var errNotMade = errors.New("redislimit: the Limiter is nil or was not made by New")

// Wait blocks until a request may go, and takes that request's turn. It asks
// Redis, and while the limit is spent sleeps until the time Redis gives for
// the next turn, then asks again.
//
// It returns ctx's error once ctx ends. When ctx has a deadline that comes
// before the next turn, it returns at once, with an error that wraps
// context.DeadlineExceeded, as x/time/rate does. An error from Redis comes
// back wrapped: the request must then not be sent, since nothing shows it is
// within the limit.
func (l *Limiter) Wait(ctx context.Context) error {
	if l == nil || l.limiter == nil {
		return errNotMade
	}
	select {
	case l.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-l.turn }()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		res, err := l.limiter.Allow(ctx, l.key, l.limit)
		if err != nil {
			return fmt.Errorf("redislimit: %w", err)
		}
		if res.Allowed > 0 {
			return nil
		}
		wait := max(res.RetryAfter, 0)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return fmt.Errorf("redislimit: the next turn, in %v, comes after the context's deadline: %w", wait, context.DeadlineExceeded)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
