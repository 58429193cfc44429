package core

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// t0 is the start of the pacer tests' clock.
var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// ms is a time on the test clock, in milliseconds after t0.
func ms(n float64) time.Time { return t0.Add(time.Duration(n * float64(time.Millisecond))) }

// step is one event of a pacer test: an attempt let go at at, its response at
// at (to the attempt sent at sent, with status and the three headers; limit
// -1 leaves the headers out), or a check of what next says at at.
type step struct {
	kind                    string // "send", "answer" or "next"
	at, sent                float64
	status                  int
	limit, remaining, reset int
	wantAt                  float64
	wantNews                bool
}

func send(at float64) step { return step{kind: "send", at: at} }

func answer(at, sent float64, status, limit, remaining, reset int) step {
	return step{kind: "answer", at: at, sent: sent, status: status, limit: limit, remaining: remaining, reset: reset}
}

func expect(at, wantAt float64) step { return step{kind: "next", at: at, wantAt: wantAt} }

func expectNews(at float64) step { return step{kind: "next", at: at, wantNews: true} }

func rateHeader(limit, remaining, reset int) http.Header {
	if limit < 0 {
		return http.Header{"Content-Type": {"application/json"}}
	}
	h := http.Header{}
	h.Set("RateLimit-Limit", strconv.Itoa(limit))
	h.Set("RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("RateLimit-Reset", strconv.Itoa(reset))
	return h
}

// run plays steps on p, whose clock they set, and reports every check that
// fails; spread is wait's: false for a client with a limiter of the caller's.
func run(t *testing.T, p *pacer, spread bool, steps []step) {
	t.Helper()
	var now time.Time
	p.now = func() time.Time { return now }
	for i, s := range steps {
		now = ms(s.at)
		switch s.kind {
		case "send":
			p.take(now)
		case "answer":
			p.observe(now, ms(s.sent), s.status, rateHeader(s.limit, s.remaining, s.reset))
		case "next":
			at, news := p.next(now, spread)
			switch {
			case s.wantNews && !news:
				t.Errorf("step %d: next at %v = %v, want to wait for news", i, s.at, at.Sub(t0))
			case !s.wantNews && news:
				t.Errorf("step %d: next at %v waits for news, want %vms", i, s.at, s.wantAt)
			case !s.wantNews && !at.Equal(ms(s.wantAt)):
				t.Errorf("step %d: next at %vms = %v, want %vms", i, s.at, at.Sub(t0), s.wantAt)
			}
		}
	}
}

// TestPacerDecisions checks when the pacer lets the next attempt go, for a
// window of 100 requests a second (1000 ms) and one of 3 a minute.
func TestPacerDecisions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		jitter float64
		// limiter says that the client has a limiter of the caller's.
		limiter bool
		steps   []step
	}{{
		name: "the first attempt goes alone, to learn whether the vendor sends the headers",
		steps: []step{
			expect(0, 0), send(0), expectNews(1),
			answer(5, 0, 201, 100, 99, 1), expect(5, 10),
		},
	}, {
		name: "a vendor without the headers is not paced",
		steps: []step{
			send(0), answer(5, 0, 201, -1, 0, 0), expect(5, 5), send(5), send(5), expect(5, 5),
		},
	}, {
		// Alone, the share is 1: Remaining 99 over the 990 ms that 99
		// requests last at the even pace (the guess of the window's end is
		// 995 ms) is one every 10 ms; then 98 over the 984 ms left.
		name: "alone, at the window's rate",
		steps: []step{
			send(0), answer(5, 0, 201, 100, 99, 1),
			send(10), expect(10, 20), answer(11, 10, 201, 100, 98, 1), expect(11, 10+984.0/98),
			send(20), answer(21, 20, 201, 100, 97, 1), expect(21, 20+974.0/97),
		},
	}, {
		// The first response seeds the share with 1 of the 10 requests the
		// window has counted; the next adds 1 of the 10 since, to sums
		// that keep half: 1.5/15, plus 1/limit: 0.11. The guess of the
		// window's end stays 5 ms + 90% of 1000 ms.
		name: "the share comes from the drop in Remaining between our responses",
		steps: []step{
			send(0), answer(5, 0, 201, 100, 90, 1),
			send(100), answer(105, 100, 201, 100, 80, 1),
			expect(105, 100+(905-105)/(0.11*80)),
		},
	}, {
		// The sums are 1.5/15 after Remaining 90 and 80, as above; then a
		// response of ours that was overtaken (Remaining 81 after 80) adds
		// nothing and starts no new window; the next one counts both of
		// ours against the 10 used since 80: (0.75+2)/(7.5+10), plus 0.01.
		name: "an overtaken response counts with the next",
		steps: []step{
			send(0), answer(5, 0, 201, 100, 90, 1),
			send(50), send(51), answer(55, 51, 201, 100, 80, 1), answer(56, 50, 201, 100, 81, 1),
			send(100), answer(105, 100, 201, 100, 70, 1),
			expect(105, 100+(905-105)/((2.75/17.5+0.01)*70)),
		},
	}, {
		name: "a spent window waits for its end, from the earliest response",
		steps: []step{
			send(0), answer(5, 0, 201, 100, 1, 1),
			send(6), expect(6, 1005), answer(7, 6, 201, 100, 0, 1), expect(7, 1005),
		},
	}, {
		name: "a 429 spends the window",
		steps: []step{
			send(0), answer(5, 0, 201, 100, 50, 1),
			send(6), answer(7, 6, 429, 100, 0, 1), expect(7, 1005),
		},
	}, {
		// With Remaining 2 heard at 5 ms, half the even pace uses it up by
		// 45 ms: past that, the window has probably been spent. Before,
		// the pace is our share (1 of 98, plus 0.01) of 2 requests over
		// the 20 ms they last at the even pace.
		name: "a window whose Remaining is out of date is probably spent",
		steps: []step{
			send(0), answer(5, 0, 201, 100, 2, 1),
			expect(44, 20/((1.0/98+0.01)*2)), expect(45, 1005),
		},
	}, {
		// One request a second: the window ends at 1005 ms; the pacer was
		// held back, so it resumes half (the jitter) of its interval (1000
		// ms, the window for its share of 1 request) later.
		name:   "held back at the window's end, resume at a moment of one's own",
		jitter: 0.5,
		steps: []step{
			send(0), answer(5, 0, 201, 1, 0, 1),
			expect(1004, 1005), expect(1005, 1505), expect(1505, 1505),
		},
	}, {
		// The last attempt went at 1000 ms, and the pace (10 ms) runs on
		// into the next window: no jitter.
		name:   "a pace that runs on past the window's end keeps its moment",
		jitter: 0.9,
		steps: []step{
			send(0), answer(5, 0, 201, 100, 99, 1),
			send(1000), expect(1005, 1010),
		},
	}, {
		name: "responses to attempts sent before the window ended are not read",
		steps: []step{
			send(0), answer(5, 0, 201, 100, 99, 1),
			send(1000), expect(1006, 1010), send(1010), answer(1011, 1010, 201, 100, 99, 1),
			// Sent before the window's end at 1005 ms, it describes the
			// window before: read, it would hold the pacer until 2011 ms.
			answer(1012, 1000, 429, 100, 0, 1),
			expect(1012, 1020),
		},
	}, {
		// The bound of the window's end is 1005 ms, but the vendor started a
		// new window sooner: Remaining went up from 60 to 99. The share
		// stays 1/40 plus 0.01, over the 990 ms that 99 requests last.
		name: "a Remaining that goes up starts a new window",
		steps: []step{
			send(0), answer(5, 0, 201, 100, 60, 1),
			send(500), answer(501, 500, 201, 100, 99, 1),
			expect(501, 500+990/(0.035*99)),
		},
	}, {
		// 3 a minute: the window is 60 s long; Remaining 2 lasts 40 s at
		// the even pace, the guess of the end that sets the rate: one
		// request every 20 s.
		name: "a long window",
		steps: []step{
			send(0), answer(10, 0, 201, 3, 2, 60), expect(10, 20000),
			send(20000), answer(20010, 20000, 201, 3, 1, 40), expect(20010, 40000),
		},
	}, {
		// The limiter sets the pace: the pacer lets attempts go at once,
		// and holds them back only while the window is spent, resuming at
		// its end without a moment of its own.
		name:    "with the caller's limiter, only the budget",
		jitter:  0.5,
		limiter: true,
		steps: []step{
			send(0), answer(5, 0, 201, 100, 2, 1),
			expect(6, 6), send(6), expect(6, 6), send(6), expect(6, 1005),
			answer(7, 6, 201, 100, 1, 1), answer(8, 6, 201, 100, 0, 1), expect(500, 1005),
			expect(1005, 1005),
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &pacer{jitter: func() float64 { return tt.jitter }}
			run(t, p, !tt.limiter, tt.steps)
		})
	}
}

// TestPacerShareIsFair checks that shares measured from sends alone are
// drawn towards equal: two replicas that start at 90% and 10% of the window
// converge, since the rate each measures is the rate it sent at.
func TestPacerShareIsFair(t *testing.T) {
	t.Parallel()
	const limit = 100
	a, b := &pacer{limit: limit, ownSum: 9, usedSum: 10}, &pacer{limit: limit, ownSum: 1, usedSum: 10}
	for range 1000 {
		sa, sb := a.share(), b.share()
		// Over one round, each sends in proportion to its share; each then
		// learns its part of what both sent.
		for _, p := range []*pacer{a, b} {
			own := p.share()
			p.ownSum = p.ownSum*shareMemory + own
			p.usedSum = p.usedSum*shareMemory + sa + sb
		}
	}
	if sa, sb := a.share(), b.share(); sa > 0.55 || sb < 0.45 {
		t.Errorf("shares after 1000 rounds: %.3f and %.3f, want both near 0.5", sa, sb)
	}
}

// TestPacerWait checks wait's outcomes that need no clock: the vendor's own
// 429 for a caller whose deadline comes before its turn, and the context's
// error for a caller that cannot go.
func TestPacerWait(t *testing.T) {
	t.Parallel()
	spent := func() *pacer {
		p := &pacer{}
		p.take(time.Now())
		p.done(time.Now(), 201, rateHeader(100, 0, 3600))
		return p
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p := spent()
	if _, err := p.wait(ctx, time.Hour, true); err != nil {
		t.Errorf("deadline before the window's end: %v, want the attempt let go", err)
	}
	if p.inFlight != 1 {
		t.Errorf("in flight = %d, want 1", p.inFlight)
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := spent().wait(canceled, time.Hour, true); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled while held back: %v, want context.Canceled", err)
	}
	if _, err := spent().wait(context.Background(), 0, true); err != nil {
		t.Errorf("maxWait 0: %v, want the attempt let go", err)
	}
	var unpaced pacer
	unpaced.take(time.Now())
	unpaced.done(time.Now(), 201, http.Header{})
	for range 3 {
		if at, err := unpaced.wait(canceled, time.Hour, true); err != nil || !at.IsZero() {
			t.Fatalf("vendor without headers: wait = %v, %v; want at once, uncounted", at, err)
		}
	}
}

// TestRateLimitRetryWait checks that a 429 waits for the pacer's time to
// resume, not the whole of its RateLimit-Reset, and that without the pacer's
// knowledge it waits the hint.
func TestRateLimitRetryWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status       int
		window       bool // the pacer saw the window spent, ending in 200 ms
		hint, atMost time.Duration
		atLeastHint  bool
	}{
		{status: 429, window: true, hint: time.Second, atMost: 200 * time.Millisecond},
		{status: 429, hint: time.Second, atLeastHint: true},
		{status: 503, window: true, hint: time.Second, atLeastHint: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status, tt.window), func(t *testing.T) {
			t.Parallel()
			c := &Client{pacer: &pacer{}, cfg: config{maxRetryWait: time.Minute}}
			if tt.window {
				now := time.Now()
				c.pacer.take(now)
				c.pacer.done(now, 429, rateHeader(100, 0, 1))
				c.pacer.mu.Lock()
				c.pacer.resetAt = now.Add(200 * time.Millisecond)
				c.pacer.mu.Unlock()
			}
			got := (&call{c: c}).delay(&attempt{n: 1, status: tt.status, hint: tt.hint})
			if tt.atLeastHint && got != tt.hint {
				t.Errorf("wait = %v, want the hint %v", got, tt.hint)
			}
			if !tt.atLeastHint && got > tt.atMost {
				t.Errorf("wait = %v, want at most %v", got, tt.atMost)
			}
		})
	}
}
