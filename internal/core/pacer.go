package core

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// pacer spreads a client's requests across the vendor's rate-limit window, as
// told by the RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers
// that bitbybit sends on every response, so that a bulk import neither spends
// requests on 429s nor leaves the window unused. It is safe for concurrent
// use; the zero value is ready.
//
// Several processes (replicas) often share one API key, each with a pacer of
// its own that knows nothing of the others but what the headers tell every
// one of them alike: the window's size, how much of it is left for everyone,
// and when it ends. Each pacer paces itself by these rules, so that P of them
// together fill the window without talking to each other.
//
//   - Rate. A response saying Remaining r, with the window due to end in t,
//     says the window can take r/t requests per second from now on; the
//     pacer sends at its share of that rate. If every replica does, the
//     window drains evenly and ends empty; should they together send too
//     fast or too slow, r/t falls or rises, and each of them follows.
//   - Share. At the whole of r/t each, P replicas would send P times too
//     fast, spend the window early, and crowd its end, where each of them
//     still believes in the last few requests: about P 429s per window. So
//     a pacer learns its share from what it sees: its own requests that the
//     server counted, against the window's use between its responses (the
//     drop in Remaining), in sums that forget half at each response, so that
//     a replica whose neighbours fall idle takes up what they leave within a
//     few requests. To that it adds 1/limit, which leans every replica
//     towards an equal share (with shares measured from sends alone, one that
//     once fell behind would stay behind) and leans their sum a little above
//     one: a window that drains slightly early costs less than one left
//     unused.
//   - When the window ends. RateLimit-Reset counts whole seconds, rounded up:
//     each response bounds the window's end from above, and the pacer keeps
//     the earliest bound, never resuming early. For its rate it also needs
//     a fair guess of the end: the bound can be late by as much as the time
//     between the window's start and its first response there, which is
//     longest for the replicas that send least, and a late guess slows
//     them, which shrinks their measured share, which slows them further.
//     So a pacer's guess is the time that the window's first Remaining it
//     sees would last at the even pace (limit per window), if that comes
//     before the bound. A guess that is early only leans the window towards
//     draining early.
//   - Budget. No more attempts are in flight than the freshest Remaining
//     allows. Once it is spent (a Remaining of 0, or a 429), or probably
//     spent (see probablySpent), the pacer waits for the window's end.
//   - Resume. A pacer whose pace runs on past the window's end keeps it into
//     the next window. One that was held back resumes at a random moment
//     within one interval of its pace (the window's length divided by its
//     share of the limit): the held-back replicas' first requests spread
//     across the window's start rather than arriving at once, and their
//     later ones stay spread across the window.
//   - Caller's limiter. Where the caller gives a limiter (WithLimiter),
//     which can know what every replica sends, it sets the pace, and the
//     pacer keeps only the budget: it holds attempts back while the headers
//     say the window is spent.
//   - New windows. Where the bound is late (the window ended sooner, or the
//     vendor starts a window only at the next request after the last one
//     ended, as the fakes do), a request lands in the new window and reports
//     a Remaining that has gone up, which starts the new window in the pacer
//     too. Responses to attempts sent before a window began for the pacer
//     describe an earlier one and are not read.
//
// Until the first response of a client arrives, one attempt at a time goes:
// that response says whether the vendor sends the headers at all. Vendors that
// do not are not held back until a response carries them.
//
// BenchmarkRateLimitedReplicas (ratelimit_bench_test.go) measures the rules
// with 1, 8 and 16 replicas of 8 workers, 1,000 orders and 100 requests per
// second. Runs of
//
//	go test -run '^$' -bench RateLimitedReplicas -benchtime 1x -count 3 ./internal/core
//
// on a 2-core machine with other work running (load average 2 to 9) gave,
// for 1, 8 and 16 replicas: no failures; 0, 1.3-1.7% and 1.4-2.8% of the
// requests answered 429; wall times of 1.00, 1.02-1.03 and 1.03-1.09 times
// the ideal 10 s.
type pacer struct {
	// now and jitter are the clock and the random source in [0, 1); nil
	// means time.Now and rand.Float64. Tests set them.
	now    func() time.Time
	jitter func() float64
	// unpaced is set once the first response has shown that the vendor
	// sends no rate-limit headers: wait then lets every attempt go at once,
	// without the lock or the clock, and done takes the lock only for a
	// response that does carry them, which starts the pacing.
	unpaced atomic.Bool

	mu sync.Mutex
	// changed is closed, and forgotten, whenever a response may change
	// what wait decides, to wake the attempts waiting; nil while none wait.
	changed chan struct{}
	// learned is set by the first response; paced says it carried the
	// headers.
	learned, paced bool
	// limit is the window's size from RateLimit-Limit, 0 when not sent;
	// window is the window's length, the longest RateLimit-Reset seen.
	limit  int
	window time.Duration
	// known says that a response has described the current window: it ends
	// by resetAt at the latest, paceEnd is the guess of its end that sets
	// the rate, and remaining of it was left at seenAt, for everyone.
	// spread is how many attempts of ours were in flight then: responses
	// that overtook each other can report up to that many more.
	known            bool
	resetAt, paceEnd time.Time
	remaining        int
	seenAt           time.Time
	spread           int
	// ownSum and usedSum are decaying sums of our attempts the window
	// counted and of the window's use meanwhile, which make the share.
	// lastRemaining is the Remaining of our last such response in the
	// current window, once haveLast; pending counts our responses since it
	// that are not in the sums yet.
	ownSum, usedSum float64
	haveLast        bool
	lastRemaining   int
	pending         int
	// staleBefore is where the current window began for this pacer:
	// responses to attempts sent before it describe an earlier window.
	// resumeAt is when this pacer's first attempt of the window may go.
	staleBefore, resumeAt time.Time
	// lastSent is when the last attempt was let go; inFlight counts the
	// attempts let go whose response has not been seen.
	lastSent time.Time
	inFlight int
}

// maxNewsWait bounds how long an attempt waits for news (the first response,
// or the size of a new window) rather than for a known time, so that one slow
// response never holds the other callers back for long.
const maxNewsWait = time.Second

// wait blocks until the pacer lets another attempt go, maxWait has passed, or
// ctx ends. A caller whose deadline comes before its turn goes at once: it
// cannot wait its turn out, and if the window is spent, the vendor's own 429
// (returned at once, with its reset time) tells it when to come back. When
// wait returns nil the attempt counts as in flight until done is called with
// the time wait returned, which is zero for an attempt let go without
// counting. spread says that the pacer spreads the attempts across the
// window; false when the caller's limiter sets the pace (WithLimiter), and the
// pacer only holds attempts back while the window is spent.
func (p *pacer) wait(ctx context.Context, maxWait time.Duration, spread bool) (time.Time, error) {
	if p.unpaced.Load() {
		return time.Time{}, nil
	}
	start := p.clock()
	giveUp := start.Add(maxWait)
	giveUpNews := start.Add(min(maxWait, maxNewsWait))
	deadline, hasDeadline := ctx.Deadline()
	for {
		p.mu.Lock()
		now := p.clock()
		at, news := p.next(now, spread)
		if news {
			at = giveUpNews
		}
		if !now.Before(at) || !now.Before(giveUp) || (!news && hasDeadline && deadline.Before(at)) {
			p.take(now)
			p.mu.Unlock()
			return now, nil
		}
		if p.changed == nil {
			p.changed = make(chan struct{})
		}
		changed := p.changed
		p.mu.Unlock()
		t := time.NewTimer(earliest(at, giveUp).Sub(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return time.Time{}, ctx.Err()
		case <-changed:
			t.Stop()
		case <-t.C:
		}
	}
}

// done records the end of an attempt sent at sentAt, with status (0 without a
// response), and what its response headers h say about the window; h is nil
// without a response.
func (p *pacer) done(sentAt time.Time, status int, h http.Header) {
	counted := !sentAt.IsZero()
	var ok bool
	if h != nil {
		_, _, ok = rateLimitHeaders(h)
	}
	if !counted && !ok {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.observe(p.clock(), sentAt, status, h)
	if p.changed != nil {
		close(p.changed)
		p.changed = nil
	}
}

// resumesAt returns when the pacer would let an attempt go, as a retry's wait
// after a 429: the pacer knows the window's end from the earliest of the
// responses, often well before a 429's own RateLimit-Reset in whole seconds.
// It reports false when the pacer has no time to give. spread is as for wait.
func (p *pacer) resumesAt(spread bool) (time.Time, bool) {
	if p == nil || p.unpaced.Load() {
		return time.Time{}, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	at, news := p.next(p.clock(), spread)
	return at, !news && p.paced
}

func (p *pacer) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

// next returns when the next attempt may go, as of now, or news when it must
// wait for a response instead; spread is as for wait.
func (p *pacer) next(now time.Time, spread bool) (at time.Time, news bool) {
	p.advance(now)
	switch {
	case !p.learned:
		// The probe: one attempt learns whether the vendor sends the
		// headers.
		return now, p.inFlight > 0
	case !p.paced:
		return now, false
	case p.known:
		if p.remaining-p.inFlight <= 0 || (spread && p.probablySpent(now)) {
			return p.resetAt, false
		}
		if !spread {
			return now, false
		}
		// The window's rate as of the freshest response, times our share.
		left := p.paceEnd.Sub(p.seenAt)
		if left <= 0 {
			left = p.resetAt.Sub(p.seenAt)
		}
		interval := fromFloat(float64(left)/(p.share()*float64(p.remaining)), 1)
		return latest(now, earliest(p.lastSent.Add(interval), p.resetAt)), false
	case p.limit == 0:
		// A new window of unknown size: one attempt learns it.
		return latest(now, p.resumeAt), p.inFlight > 0
	case !spread:
		return now, false
	}
	// A new window that no response has described yet: as large as the
	// last one said, at our share of it.
	return latest(now, p.resumeAt, p.lastSent.Add(p.interval())), false
}

// probablySpent reports that the window has probably been spent by now,
// though no response has said so: even at half the even pace (limit per
// window), the others would have used up the freshest Remaining since we
// heard it. A pacer that sends seldom hears seldom, and at a window's end
// its Remaining is the likeliest to be out of date.
func (p *pacer) probablySpent(now time.Time) bool {
	if p.limit <= 0 {
		return false
	}
	lasts := fromFloat(2*float64(p.window)*float64(p.remaining)/float64(p.limit), 1)
	return !now.Before(p.seenAt.Add(lasts))
}

// advance ends the current window once now has reached its end.
func (p *pacer) advance(now time.Time) {
	if p.known && !now.Before(p.resetAt) {
		p.endWindow(p.resetAt)
	}
}

// take records that an attempt was let go at now.
func (p *pacer) take(now time.Time) {
	p.lastSent = now
	p.inFlight++
}

// observe applies what a response received at now, to an attempt sent at
// sentAt, says about the window.
func (p *pacer) observe(now, sentAt time.Time, status int, h http.Header) {
	counted := !sentAt.IsZero()
	if counted {
		p.inFlight--
	}
	if h == nil {
		return
	}
	remaining, reset, ok := rateLimitHeaders(h)
	if !p.learned {
		p.learned, p.paced = true, ok
		p.unpaced.Store(!ok)
	}
	if !ok {
		return
	}
	p.advance(now)
	if counted && sentAt.Before(p.staleBefore) {
		return
	}
	p.paced = true
	p.unpaced.Store(false)
	if l, err := strconv.Atoi(h.Get("Ratelimit-Limit")); err == nil && l > 0 {
		p.limit = l
	}
	p.window = max(p.window, time.Duration(reset)*time.Second)
	resetAt := now.Add(time.Duration(reset) * time.Second)
	if p.known && p.limit > 0 && remaining > p.remaining+p.spread && counted {
		// Remaining went up: a new window began before the time we had
		// for its end.
		p.endWindow(sentAt)
	}
	switch {
	case !p.known:
		p.known, p.resetAt, p.paceEnd = true, resetAt, resetAt
		p.remaining, p.seenAt, p.spread = remaining, now, p.inFlight
		if p.limit > 0 {
			// Had the window drained evenly so far, what is left of it
			// would last remaining/limit of its length.
			p.paceEnd = earliest(resetAt, now.Add(fromFloat(float64(p.window)*float64(remaining)/float64(p.limit), 1)))
		}
	case remaining < p.remaining:
		p.remaining, p.seenAt, p.spread = remaining, now, p.inFlight
	}
	p.resetAt = earliest(p.resetAt, resetAt)
	p.paceEnd = earliest(p.paceEnd, p.resetAt)
	if counted && status != http.StatusTooManyRequests {
		p.learnShare(remaining)
	}
}

// shareMemory is the weight that the share's sums keep at each of our
// responses: the last few responses decide it, so that a replica whose
// neighbours fall idle takes up what they leave within a few requests.
const shareMemory = 0.5

// learnShare adds one of our responses, counted by the window, which said
// remaining, to the share's sums: our requests against the window's use
// since our last response.
func (p *pacer) learnShare(remaining int) {
	p.pending++
	switch {
	case p.limit <= 0:
	case !p.haveLast:
		// The window's first: its use so far says little about our
		// share, unless we know nothing else yet.
		if p.usedSum == 0 {
			p.ownSum, p.usedSum = 1, float64(max(p.limit-remaining, 1))
		}
		p.haveLast, p.lastRemaining, p.pending = true, remaining, 0
	case remaining < p.lastRemaining:
		p.ownSum = p.ownSum*shareMemory + float64(p.pending)
		p.usedSum = p.usedSum*shareMemory + float64(p.lastRemaining-remaining)
		p.lastRemaining, p.pending = remaining, 0
	}
	// Otherwise the response was overtaken by a later one of ours: it
	// counts with the next.
}

// endWindow ends the current window as this pacer sees it: attempts sent
// before staleBefore belong to it, and the first of the next window goes at a
// random moment within one interval of our pace after the window's end.
func (p *pacer) endWindow(staleBefore time.Time) {
	p.known, p.staleBefore = false, staleBefore
	p.haveLast, p.pending = false, 0
	interval := p.interval()
	p.resumeAt = p.resetAt
	if p.lastSent.Add(interval).Before(p.resetAt) {
		// We were held back, as every replica may have been: resume at
		// a moment of our own. Otherwise our pace runs on into the new
		// window, at a moment that is already our own.
		j := p.jitter
		if j == nil {
			j = rand.Float64
		}
		p.resumeAt = p.resetAt.Add(time.Duration(j() * float64(interval)))
	}
}

// share is the part of the window's use that falls to this pacer: what it
// counted of its own against the window's use, plus 1/limit (see pacer); 1
// while it knows nothing.
func (p *pacer) share() float64 {
	if p.limit <= 0 || p.usedSum == 0 {
		return 1
	}
	return min(1, p.ownSum/p.usedSum+1/float64(p.limit))
}

// interval is the time between our attempts in a whole window at our share;
// zero when the window's size is not known.
func (p *pacer) interval() time.Duration {
	if p.limit <= 0 {
		return 0
	}
	return fromFloat(float64(p.window)/(p.share()*float64(p.limit)), 1)
}

// earliest returns the earlier of two times.
func earliest(t, u time.Time) time.Time {
	if u.Before(t) {
		return u
	}
	return t
}

// latest returns the latest of the times.
func latest(t time.Time, more ...time.Time) time.Time {
	for _, u := range more {
		if u.After(t) {
			t = u
		}
	}
	return t
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
