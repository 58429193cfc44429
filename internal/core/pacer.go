package core

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// pacer holds requests back while the vendor's rate-limit window is spent, as
// told by the RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers
// that bitbybit sends on every response. A bulk import then waits for the
// window to reset instead of spending requests on 429s. It is safe for
// concurrent use.
//
// Until the first response of a client arrives, one attempt at a time goes:
// that response says whether the vendor sends the headers at all. Vendors that
// do not are not held back until a response carries them.
type pacer struct {
	// unpaced is set once the first response has shown that the vendor
	// sends no rate-limit headers: wait then lets every attempt go at once,
	// without the lock or the clock, and done takes the lock only for a
	// response that does carry them, which starts the pacing.
	unpaced atomic.Bool
	mu      sync.Mutex
	// learned is set by the first response; paced says it carried the
	// headers.
	learned, paced bool
	// limit is the window's size from RateLimit-Limit, 0 when not sent.
	limit int
	// counting says remaining is known for the current window: from a
	// response, or from limit when a window has just begun.
	counting  bool
	remaining int
	// resetAt is when the current window ends, when resetKnown.
	resetAt    time.Time
	resetKnown bool
	// staleBefore is the end of the last window: responses to attempts sent
	// before it describe that window, not the current one.
	staleBefore time.Time
	// inFlight counts attempts sent whose response has not been seen; the
	// server may not have counted them yet in the headers it sends.
	inFlight int
}

// pollEvery is how often a waiting attempt looks again when it waits for news
// (the first response, or the size of a new window) rather than for a known
// time; maxNewsWait bounds that wait, so that one slow response never holds
// the other callers back for long.
const (
	pollEvery   = 5 * time.Millisecond
	maxNewsWait = time.Second
)

// wait blocks until the window allows another request, maxWait has passed,
// or ctx ends. When it returns nil the attempt counts as in flight until done
// is called with the time wait returned, which is zero for an attempt let go
// without counting.
func (p *pacer) wait(ctx context.Context, maxWait time.Duration) (time.Time, error) {
	if p.unpaced.Load() {
		return time.Time{}, nil
	}
	start := time.Now()
	giveUp := start.Add(maxWait)
	giveUpNews := start.Add(min(maxWait, maxNewsWait))
	for {
		p.mu.Lock()
		now := time.Now()
		if p.resetKnown && !now.Before(p.resetAt) {
			// A new window has begun, as large as the last one said.
			p.staleBefore, p.resetKnown = p.resetAt, false
			p.counting, p.remaining = p.limit > 0, p.limit
		}
		// A caller whose deadline ends before the window resets cannot wait it
		// out: let the attempt go, so that the vendor's own 429 (returned at
		// once, with its reset time) tells the caller when to come back. Past
		// maxWait, the caller's cap on any wait the vendor asks for, the
		// attempt goes too.
		dl, hasDeadline := ctx.Deadline()
		cannotWait := (p.resetKnown && hasDeadline && dl.Before(p.resetAt)) || !now.Before(giveUp)
		var free bool
		switch {
		case !p.learned:
			free = p.inFlight == 0 || !now.Before(giveUpNews) // the probe
		case !p.paced:
			free = true
		case p.counting:
			free = p.remaining > 0
		default:
			// A new window of unknown size: one attempt learns it.
			free = p.inFlight == 0 || !now.Before(giveUpNews)
		}
		if free || cannotWait {
			if p.counting {
				p.remaining--
			}
			p.inFlight++
			p.mu.Unlock()
			return now, nil
		}
		until := now.Add(pollEvery)
		if p.counting && p.resetKnown {
			until = p.resetAt
		}
		if giveUp.Before(until) {
			until = giveUp
		}
		p.mu.Unlock()
		t := time.NewTimer(until.Sub(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return time.Time{}, ctx.Err()
		case <-t.C:
		}
	}
}

// done records the end of an attempt sent at sentAt and what its response
// headers say about the window. h is nil when the attempt got no response.
func (p *pacer) done(sentAt time.Time, h http.Header) {
	counted := !sentAt.IsZero()
	var remaining, reset int
	var ok bool
	if h != nil {
		remaining, reset, ok = rateLimitHeaders(h)
	}
	if !counted && !ok {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if counted {
		p.inFlight--
	}
	if h == nil {
		return
	}
	if !p.learned {
		p.learned, p.paced = true, ok
		p.unpaced.Store(!ok)
	}
	if !ok || (counted && sentAt.Before(p.staleBefore)) {
		return
	}
	p.paced = true
	p.unpaced.Store(false)
	if l, err := strconv.Atoi(h.Get("Ratelimit-Limit")); err == nil && l > 0 {
		p.limit = l
	}
	// Requests still in flight were sent after this response left the
	// server and may not be counted in it yet.
	left := max(remaining-p.inFlight, 0)
	resetAt := time.Now().Add(time.Duration(reset) * time.Second)
	if !p.counting {
		p.counting, p.remaining = true, left
	} else {
		p.remaining = min(p.remaining, left)
	}
	// Reset times are in whole seconds, rounded up: keep the earliest
	// estimate of the window's end.
	if !p.resetKnown || resetAt.Before(p.resetAt) {
		p.resetAt, p.resetKnown = resetAt, true
	}
}

// rateLimitHeaders reads RateLimit-Remaining and RateLimit-Reset (seconds).
func rateLimitHeaders(h http.Header) (remaining, reset int, ok bool) {
	// Indexed by their canonical names, as Get would after converting
	// them: this runs on every response.
	rv, resetv := firstValue(h["Ratelimit-Remaining"]), firstValue(h["Ratelimit-Reset"])
	if rv == "" || resetv == "" {
		// Most vendors send neither; Atoi("") would allocate its error.
		return 0, 0, false
	}
	remaining, err1 := strconv.Atoi(rv)
	reset, err2 := strconv.Atoi(resetv)
	if err1 != nil || err2 != nil || remaining < 0 || reset < 0 || reset > 24*3600 {
		return 0, 0, false
	}
	return remaining, reset, true
}

// firstValue is the first of a header's values, or "".
func firstValue(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}
