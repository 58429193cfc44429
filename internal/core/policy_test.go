package core

import (
	"net/http"
	"testing"
	"time"
)

// TestRetryHint checks every hint header, with the huge values that used to
// read as no hint at all.
func TestRetryHint(t *testing.T) {
	t.Parallel()
	at := func(d time.Duration) string { return time.Now().Add(d).UTC().Format(http.TimeFormat) }
	tests := []struct {
		header, value string
		want          time.Duration // -1: about an hour, checked loosely
	}{
		{"Retry-After", "3", 3 * time.Second},
		{"Retry-After", " 3 ", 3 * time.Second},
		{"Retry-After", "0", 0},
		{"Retry-After", "-1", 0},
		{"Retry-After", "1.5", 0},
		{"Retry-After", "999999999", 999999999 * time.Second},
		{"Retry-After", "1000000000", 1e9 * time.Second},
		{"Retry-After", "99999999999999999999999", maxDuration},
		{"Retry-After", at(time.Hour), -1},
		{"Retry-After", at(-time.Hour), 0},
		{"Retry-After", "soon", 0},
		{"Retry-After-Ms", "250", 250 * time.Millisecond},
		{"Retry-After-Ms", "1e12", 1e12 * time.Millisecond},
		{"Retry-After-Ms", "1e300", maxDuration},
		{"Retry-After-Ms", "1e400", maxDuration}, // beyond float64, still a number
		{"Retry-After-Ms", "NaN", 0},
		{"Ratelimit-Reset", "7", 7 * time.Second},
		{"Ratelimit-Reset", "100000000000", maxDuration},
		{"Ratelimit-Reset", "x", 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		h.Set(tt.header, tt.value)
		got := retryHint(h)
		if tt.want == -1 {
			if got < 59*time.Minute || got > time.Hour {
				t.Errorf("%s: %s = %v, want about an hour", tt.header, tt.value, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%s: %s = %v, want %v", tt.header, tt.value, got, tt.want)
		}
	}
}

// TestDelay checks that a hint above the cap waits the cap, and that without
// a hint the wait is full jitter below the exponential ceiling.
func TestDelay(t *testing.T) {
	t.Parallel()
	c := &Client{cfg: config{maxRetryWait: 30 * time.Second, backoffBase: 100 * time.Millisecond, backoffCap: time.Second}}
	cl := &call{c: c}
	if got := cl.delay(&attempt{n: 1, hint: maxDuration}); got != 30*time.Second {
		t.Errorf("huge hint: %v, want the cap", got)
	}
	if got := cl.delay(&attempt{n: 1, hint: 2 * time.Second}); got != 2*time.Second {
		t.Errorf("hint: %v", got)
	}
	for n, ceiling := range map[int]time.Duration{1: 100 * time.Millisecond, 3: 400 * time.Millisecond, 5: time.Second, 64: time.Second} {
		var top time.Duration
		for range 2000 {
			d := cl.delay(&attempt{n: n})
			if d < 0 || d > ceiling {
				t.Fatalf("attempt %d: %v outside [0, %v]", n, d, ceiling)
			}
			top = max(top, d)
		}
		if top < ceiling/2 {
			t.Errorf("attempt %d: 2000 waits all below %v: not full jitter up to %v", n, top, ceiling)
		}
	}
}
