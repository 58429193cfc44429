package core

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// The retry policy, as go-retryablehttp's hooks, in the order it calls them
// for each attempt:
//
//	beforeAttempt  opens the attempt's record
//	(the attempt)  wireTransport records what reached the wire
//	afterAttempt   classifies the attempt from its record and decides
//	noBackoff      go-retryablehttp's own wait, which is zero
//	beforeRetry    takes the wait afterAttempt chose, then the pacing
//	keepLast       hands back the last response or error as it is
//
// The wait is taken in beforeRetry rather than returned by the Backoff hook
// because Backoff is not given the request, and after a transport error not
// even a response, through which to find the call.

// beforeAttempt is the RequestLogHook: it opens the record of attempt i+1.
func beforeAttempt(_ retryablehttp.Logger, req *http.Request, i int) {
	if cl := callFrom(req.Context()); cl != nil {
		cl.attempts = append(cl.attempts, &attempt{n: i + 1, start: time.Now()})
	}
}

// afterAttempt is the CheckRetry hook: it classifies the attempt that ended
// with resp or err from the attempt's own record, and says whether to retry.
// Only what the classification table proves safe is retried: a create-order
// POST is not idempotent.
func afterAttempt(ctx context.Context, resp *http.Response, err error) (bool, error) {
	cl := callFrom(ctx)
	if cl == nil {
		return false, nil
	}
	a := cl.current()
	a.took = time.Since(a.start)
	var h http.Header
	if resp != nil {
		a.status, h = resp.StatusCode, resp.Header
		a.hint = retryHint(h)
		a.explicitHint = h["Retry-After"] != nil || h["Retry-After-Ms"] != nil
		a.requestID = cl.c.requestID(h)
	}
	if err != nil {
		a.failure = failureKind(err)
	}
	if cl.paced {
		cl.c.pacer.done(cl.sentAt, a.status, h)
		cl.paced = false
	}
	a.row = apierror.Classify(a.phase(), a.status, a.hint > 0)
	retry := cl.decide(ctx, a)
	if !retry {
		cl.final, cl.stopped = a.row, true
	}
	cl.log(a)
	return retry, nil
}

// decide says whether to retry attempt a, and if so records the wait.
func (cl *call) decide(ctx context.Context, a *attempt) bool {
	cfg := &cl.c.cfg
	switch a.row.Verdict {
	case apierror.Created, apierror.NotCreated:
		return false
	case apierror.Unknown:
		// The vendor may have the order. A second copy is harmless only
		// where the caller said the vendor deduplicates.
		if !cfg.retryAmbiguous || !a.row.Budgeted {
			return false
		}
	}
	if ctx.Err() != nil {
		return false
	}
	wait := cl.delay(a)
	if a.row.Budgeted {
		if cl.budgetUsed >= cfg.maxRetries {
			return false
		}
	} else if cl.rateWaited+wait > cfg.maxRateLimitWait {
		return false
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		// Waiting would outlive the caller's deadline: hand back the
		// answer now, with its RetryAfter, instead.
		return false
	}
	if a.row.Budgeted {
		cl.budgetUsed++
	} else {
		cl.rateWaited += wait
	}
	if a.row.Verdict == apierror.Unknown {
		cl.mayExist = true
	}
	cl.wait, a.wait = wait, wait
	return true
}

// delay is the server's hint, capped, or else exponential backoff with full
// jitter: a random wait in [0, min(cap, base*2^(attempt-1))]. A 429 whose
// only hint is RateLimit-Reset waits no longer than the pacer's time to
// resume: its estimate of the window's end, from the earliest of all the
// responses, is often well before a reset in whole seconds, and its jitter
// spreads the retries. A Retry-After is the server's explicit word, and is
// waited in full.
func (cl *call) delay(a *attempt) time.Duration {
	cfg := &cl.c.cfg
	if a.hint > 0 {
		wait := min(a.hint, cfg.maxRetryWait)
		if a.status == http.StatusTooManyRequests && !a.explicitHint {
			if at, ok := cl.c.pacer.resumesAt(cfg.limiter == nil); ok {
				wait = min(wait, max(time.Until(at), 0))
			}
		}
		return wait
	}
	ceiling := cfg.backoffCap
	if shift := a.n - 1; shift < 30 {
		ceiling = min(cfg.backoffCap, cfg.backoffBase<<shift)
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// noBackoff is the Backoff hook. The wait before a retry is the policy's,
// taken in beforeRetry.
func noBackoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration { return 0 }

// beforeRetry is the PrepareRetry hook: it waits as afterAttempt chose, then
// paces the retry like a first attempt, and gives it a fresh copy of the
// call's headers. An error (the context's, or a limiter's) ends the call.
func beforeRetry(req *http.Request) error {
	cl := callFrom(req.Context())
	if cl == nil {
		return errNotACall
	}
	if cl.wait > 0 {
		t := time.NewTimer(cl.wait)
		select {
		case <-req.Context().Done():
			t.Stop()
			return req.Context().Err()
		case <-t.C:
		}
	}
	req.Header = cl.header.Clone()
	return cl.pace(req.Context())
}

// keepLast is the ErrorHandler: it returns the last response or error as it
// is, so that Do turns a final 429 or 503 into an APIError with the vendor's
// message instead of go-retryablehttp's "giving up" text.
func keepLast(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, err
	}
	return resp, nil
}

// pace holds an attempt back: first for the caller's limiter, then for the
// vendor's rate-limit window. An error means the attempt must not be sent.
func (cl *call) pace(ctx context.Context) error {
	if l := cl.c.cfg.limiter; l != nil {
		if err := l.Wait(ctx); err != nil {
			if ctx.Err() == nil {
				// x/time/rate fails at once, without the context's error,
				// when the wait would outlive the deadline; wrap it, so that
				// errors.Is(err, context.DeadlineExceeded) holds as it would
				// had the call waited for the deadline.
				if _, ok := ctx.Deadline(); ok {
					err = fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
				}
			}
			return err
		}
	}
	// A caller's limiter sets the pace; the pacer then only holds an
	// attempt back while the headers say the window is spent.
	at, err := cl.c.pacer.wait(ctx, cl.c.cfg.maxRetryWait, cl.c.cfg.limiter == nil)
	if err != nil {
		return err
	}
	cl.paced, cl.sentAt = true, at
	return nil
}

// retryHint reads the wait a response asks for: retry-after-ms, Retry-After
// (seconds or an HTTP date), or RateLimit-Reset (seconds until the window
// resets, as bitbybit sends). Zero when there is none. A hint too large to
// represent reads as the longest wait there is, which the caller's cap
// (WithMaxRetryWait) then bounds: a server asking for forever gets the cap,
// not a retry a millisecond later.
func retryHint(h http.Header) time.Duration {
	if v := firstValue(h["Retry-After-Ms"]); v != "" {
		// A range error still yields ±Inf, which saturates like any huge hint.
		ms, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if (err == nil || errors.Is(err, strconv.ErrRange)) && ms > 0 {
			return fromFloat(ms, time.Millisecond)
		}
	}
	if v := firstValue(h["Retry-After"]); v != "" {
		v = strings.TrimSpace(v)
		if d, ok := seconds(v); ok {
			return d
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(time.Until(t), 0)
		}
		return 0
	}
	if v := firstValue(h["Ratelimit-Reset"]); v != "" {
		if d, ok := seconds(strings.TrimSpace(v)); ok {
			return d
		}
	}
	return 0
}

// seconds reads a non-negative whole number of seconds of any size.
func seconds(v string) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil || n > uint64(maxDuration/time.Second) {
		// Digits only, so the error is a range error: longer than anything.
		return maxDuration, true
	}
	return time.Duration(n) * time.Second, true
}

const maxDuration = time.Duration(1<<63 - 1)

// fromFloat converts f units to a Duration, saturating.
func fromFloat(f float64, unit time.Duration) time.Duration {
	if d := f * float64(unit); d < float64(maxDuration) {
		return time.Duration(d)
	}
	return maxDuration
}

// failureKind names a transport failure without its text, which can hold
// addresses or what a server sent.
func failureKind(err error) string {
	var re *apierror.RedirectError
	switch {
	case errors.As(err, &re):
		return "redirect refused"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	var te interface{ Timeout() bool }
	if errors.As(err, &te) && te.Timeout() {
		return "timeout"
	}
	return "transport error"
}
