package core

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// pacer holds requests back while the vendor's rate-limit window is spent, as
// told by the RateLimit-Remaining and RateLimit-Reset headers that bitbybit
// sends on every response. A bulk import then waits for the window to reset
// instead of spending requests on 429s. Vendors that send no such headers are
// never held back. It is safe for concurrent use.
type pacer struct {
	mu sync.Mutex
	// remaining is how many more requests the current window allows, as far
	// as the client can tell; known is false until a response said so.
	remaining int
	known     bool
	// resetAt is when the current window ends.
	resetAt time.Time
	// staleBefore is the end of the last window that ran out: responses to
	// attempts sent before it describe that window, not the current one.
	staleBefore time.Time
	// inFlight counts attempts sent whose response has not been seen; the
	// server may not have counted them yet in the headers it sends.
	inFlight int
}

// wait blocks until the window allows another request, maxWait has passed,
// or ctx ends. When it returns nil the attempt counts as in flight until done
// is called with the time wait returned.
func (p *pacer) wait(ctx context.Context, maxWait time.Duration) (time.Time, error) {
	giveUp := time.Now().Add(maxWait)
	for {
		p.mu.Lock()
		now := time.Now()
		if p.known && !now.Before(p.resetAt) {
			// The window has reset; until a response says otherwise, assume
			// the new one has room.
			p.known, p.staleBefore = false, p.resetAt
		}
		// A caller whose deadline ends before the window resets cannot wait it
		// out: let the attempt go, so that the vendor's own 429 (returned at
		// once, with its reset time) tells the caller when to come back.
		dl, hasDeadline := ctx.Deadline()
		// Past maxWait, the caller's cap on any wait the vendor asks for, the
		// attempt goes too.
		if !p.known || p.remaining > 0 || (hasDeadline && dl.Before(p.resetAt)) || !now.Before(giveUp) {
			if p.known {
				p.remaining--
			}
			p.inFlight++
			p.mu.Unlock()
			return now, nil
		}
		until := p.resetAt
		if giveUp.Before(until) {
			until = giveUp
		}
		delay := until.Sub(now)
		p.mu.Unlock()
		t := time.NewTimer(delay)
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
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inFlight--
	if h == nil || sentAt.Before(p.staleBefore) {
		return
	}
	rv, resetv := h.Get("RateLimit-Remaining"), h.Get("RateLimit-Reset")
	if rv == "" || resetv == "" {
		// Most vendors send neither; Atoi("") would allocate its error.
		return
	}
	remaining, err1 := strconv.Atoi(rv)
	reset, err2 := strconv.Atoi(resetv)
	if err1 != nil || err2 != nil || remaining < 0 || reset < 0 || reset > 24*3600 {
		return
	}
	// Requests still in flight were sent after this response left the
	// server and may not be counted in it yet.
	left := max(remaining-p.inFlight, 0)
	resetAt := time.Now().Add(time.Duration(reset) * time.Second)
	if !p.known {
		// First news of this window.
		p.known, p.remaining, p.resetAt = true, left, resetAt
		return
	}
	// Same window: the header can only lower what is left; reset times are in
	// whole seconds, so keep the earliest estimate.
	p.remaining = min(p.remaining, left)
	if resetAt.Before(p.resetAt) {
		p.resetAt = resetAt
	}
}
