package core

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestRedactSpellings checks that every spelling a server may echo the
// credential in is removed, alone and inside text, and that nothing else is.
func TestRedactSpellings(t *testing.T) {
	t.Parallel()
	const key = "sk/live+Ké_9"
	jsonEscaped := func(upper bool) string {
		var b strings.Builder
		for _, c := range key {
			f := `\u%04x`
			if upper {
				f = `\u%04X`
			}
			fmt.Fprintf(&b, f, c)
		}
		return b.String()
	}
	tests := []struct {
		name, in, want string
	}{
		{"as it is", "x" + key + "y", "x[REDACTED]y"},
		{"twice", key + " and " + key, "[REDACTED] and [REDACTED]"},
		{"escaped slash", `{"m":"sk\/live+Ké_9"}`, `{"m":"[REDACTED]"}`},
		{"all unicode escapes", `"` + jsonEscaped(false) + `"`, `"[REDACTED]"`},
		{"upper-case hex", `"` + jsonEscaped(true) + `"`, `"[REDACTED]"`},
		{"mixed", `sk\/l\u0069ve+K\u00e9_9`, `[REDACTED]`},
		{"path-escaped", url.PathEscape(key), "[REDACTED]"},
		{"query-escaped", "k=" + url.QueryEscape(key), "k=[REDACTED]"},
		{"lower-case percent", "sk%2flive%2bK%c3%a9_9", "[REDACTED]"},
		{"a prefix only", "sk/live+K", "sk/live+K"},
		{"a wrong escape", `sk\/live+K\u00e8_9`, `sk\/live+K\u00e8_9`},
		{"unrelated escapes", `a\nb%20c`, `a\nb%20c`},
		{"empty", "", ""},
		{"a prefix at the end, after an escape", `100% busy for sk/li`, `100% busy for sk/li`},
		{"an escape at the end", `sk/live+K\`, `sk/live+K\`},
		{"a percent at the end", `sk/live+K%`, `sk/live+K%`},
	}
	r := redactor{secret: key}
	for _, tt := range tests {
		if got := r.String(tt.in); got != tt.want {
			t.Errorf("%s: String(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
		if got := string(r.Bytes([]byte(tt.in))); got != tt.want {
			t.Errorf("%s: Bytes(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
		if got, want := r.Contains(tt.in), tt.in != tt.want; got != want {
			t.Errorf("%s: Contains(%q) = %v, want %v", tt.name, tt.in, got, want)
		}
	}
}

// TestRedactAstral checks a credential with a character above U+FFFF, which
// JSON spells as a surrogate pair.
func TestRedactAstral(t *testing.T) {
	t.Parallel()
	r := redactor{secret: "a😀b"}
	for _, in := range []string{"a😀b", `a\ud83d\ude00b`, `a\uD83D\uDE00b`, "a%F0%9F%98%80b"} {
		if got := r.String(in); got != redacted {
			t.Errorf("String(%q) = %q", in, got)
		}
	}
	if got := r.String(`a\ud83db`); got != `a\ud83db` {
		t.Errorf("half a pair was redacted: %q", got)
	}
}

// TestRedactError checks that an error whose text shows the credential is
// replaced, keeping the context error it matched, and that others are kept
// as they are, chain and all.
func TestRedactError(t *testing.T) {
	t.Parallel()
	r := redactor{secret: "k3y"}
	plain := fmt.Errorf("dial: %w", context.DeadlineExceeded)
	if got := r.Error(plain); got != plain {
		t.Errorf("an error without the key was replaced: %v", got)
	}
	leaky := fmt.Errorf("malformed trailer %q: %w", "k3y", context.Canceled)
	got := r.Error(leaky)
	if strings.Contains(got.Error(), "k3y") || !strings.Contains(got.Error(), redacted) {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(got, context.Canceled) || errors.Is(got, context.DeadlineExceeded) {
		t.Errorf("the context error matched is not kept: %v", got)
	}
	if r.Error(nil) != nil {
		t.Error("nil became an error")
	}
}

// TestTruncateAfterRedaction checks that a request id is redacted before it
// is cut, so that a key straddling the cut is not half shown.
func TestTruncateAfterRedaction(t *testing.T) {
	t.Parallel()
	key := "KEY0123456789"
	c := &Client{secret: &secret{redact: redactor{secret: key}}}
	id := strings.Repeat("x", maxRequestID-5) + key
	h := map[string][]string{"X-Request-Id": {id}}
	got := c.requestID(h)
	if strings.Contains(got, "KEY01") || len(got) > maxRequestID {
		t.Errorf("requestID = %q (%d bytes)", got, len(got))
	}
	long := strings.Repeat("é", 150) // 300 bytes
	if got := truncate(long, 201); len(got) != 200 || !strings.HasSuffix(got, "é") {
		t.Errorf("truncate split a character: %d bytes", len(got))
	}
}

// TestRedactNeverTouchesShortKeysInOwnWords checks the SDK's own words with a
// one-letter credential, which the old redaction of whole messages garbled.
func TestRedactNeverTouchesShortKeysInOwnWords(t *testing.T) {
	t.Parallel()
	_, err := New(Vendor{Name: "konvo"}, "k", WithBaseURL("http://example.com"))
	if err == nil || !strings.Contains(err.Error(), "konvo: base URL") || strings.Contains(err.Error(), redacted) {
		t.Errorf("New error = %v", err)
	}
}

// FuzzRedact checks that redaction never panics, never leaves the credential
// as it is, and changes nothing twice.
func FuzzRedact(f *testing.F) {
	for _, seed := range []string{"", `{"":"\u0000" b`, `upstream 100% busy for bbb`, `req%2Fb`, `\u0062bb_x`, "bbb_live_k"} {
		f.Add(seed)
	}
	r := redactor{secret: "bbb_live_k/é"}
	f.Fuzz(func(t *testing.T, s string) {
		once := r.String(s)
		if strings.Contains(once, r.secret) {
			t.Fatalf("String(%q) = %q still holds the credential", s, once)
		}
		if twice := r.String(once); twice != once {
			t.Fatalf("String is not idempotent on %q: %q then %q", s, once, twice)
		}
		if string(r.Bytes([]byte(s))) != once {
			t.Fatalf("Bytes and String disagree on %q", s)
		}
		if want := string(replaceTryingEveryOffset(r, []byte(s))); once != want {
			t.Fatalf("String(%q) = %q, trying every offset gives %q", s, once, want)
		}
	})
}

// replaceTryingEveryOffset is redactor.replace without its skip to the next
// candidate offset: the reference the skip must agree with.
func replaceTryingEveryOffset(r redactor, b []byte) []byte {
	var out []byte
	done := 0
	for i := 0; i < len(b); {
		end := r.match(b, i)
		if end < 0 {
			i++
			continue
		}
		out = append(out, b[done:i]...)
		out = append(out, redacted...)
		done, i = end, end
	}
	if out == nil {
		return b
	}
	return append(out, b[done:]...)
}
