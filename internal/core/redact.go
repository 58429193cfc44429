package core

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"
)

// redacted replaces the credential wherever it is found.
const redacted = "[REDACTED]"

// redactor removes the credential from what came from outside the SDK:
// bodies, headers, trailers, request ids, and the text of transport and
// decoder errors, which quote what a server sent. It finds the credential in
// every spelling a server may echo it in: as it is, with any of its
// characters JSON-escaped (\u006b, and \/ for "/", as PHP writes it), or
// percent-encoded (%2F), in any mix. The SDK's own words are never passed
// through it, so that a short credential such as "k" cannot garble them.
//
// A redactor is immutable and safe for concurrent use.
type redactor struct {
	secret string
}

// String returns s with every spelling of the credential replaced.
func (r redactor) String(s string) string {
	if !r.maybeIn(s) {
		return s
	}
	return string(r.replace([]byte(s)))
}

// Bytes returns b, or a copy of it with every spelling of the credential
// replaced.
func (r redactor) Bytes(b []byte) []byte {
	if !r.maybeInBytes(b) {
		return b
	}
	return r.replace(b)
}

// Contains reports whether s holds the credential in any spelling.
func (r redactor) Contains(s string) bool {
	return r.maybeIn(s) && r.next([]byte(s), 0) >= 0
}

// Header returns a copy of h whose names and values have the credential
// replaced.
func (r redactor) Header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		c := make([]string, len(vs))
		for i, v := range vs {
			c[i] = r.String(v)
		}
		out[r.String(k)] = c
	}
	return out
}

// Error returns err, or, when its text shows the credential, an error with
// that text redacted that still matches the context error err matched. The
// rest of err's chain is dropped: those errors hold the credential in their
// fields, where errors.As would hand it out.
func (r redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	if !r.Contains(text) {
		return err
	}
	e := &redactedError{msg: r.String(text)}
	for _, ctxErr := range []error{context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, ctxErr) {
			e.ctxErr = ctxErr
		}
	}
	return e
}

// redactedError is an error whose text showed the credential; see
// redactor.Error.
type redactedError struct {
	msg    string
	ctxErr error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the context error the original error matched, or nil.
func (e *redactedError) Unwrap() error { return e.ctxErr }

// maybeIn is a cheap test that s cannot hold the credential: it has neither
// the credential as it is nor an escape that could spell part of it.
func (r redactor) maybeIn(s string) bool {
	return r.secret != "" && (strings.Contains(s, r.secret) || strings.ContainsAny(s, `\%`))
}

// maybeInBytes is maybeIn for bytes.
func (r redactor) maybeInBytes(b []byte) bool {
	return r.secret != "" && (bytes.Contains(b, []byte(r.secret)) || bytes.ContainsAny(b, `\%`))
}

// replace returns a copy of b with every spelling of the credential replaced.
func (r redactor) replace(b []byte) []byte {
	var out []byte
	done := 0
	starts := r.starts()
	for i := 0; i < len(b); {
		i = candidate(b, i, starts)
		if i < 0 {
			break
		}
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

// next returns the offset of the first spelling of the credential in b at or
// after from, or -1.
func (r redactor) next(b []byte, from int) int {
	starts := r.starts()
	for i := from; i < len(b); i++ {
		if i = candidate(b, i, starts); i < 0 {
			return -1
		}
		if r.match(b, i) >= 0 {
			return i
		}
	}
	return -1
}

// match returns the end of a spelling of the credential that starts at b[i],
// or -1.
func (r redactor) match(b []byte, i int) int {
	for _, c := range r.secret {
		n := spelledAt(b[i:], c)
		if n == 0 {
			return -1
		}
		i += n
	}
	return i
}

// starts returns the characters a spelling of the credential can begin
// with: its first character, a JSON escape or a percent-encoding. Trying
// only the offsets of those, instead of every offset, took redaction from 9%
// of a joiorders call to nothing measurable: its success body holds escapes
// (BenchmarkOverhead profile).
func (r redactor) starts() string {
	first, _ := utf8.DecodeRuneInString(r.secret)
	return string(first) + `\%`
}

// candidate returns the first offset at or after i of a character in starts,
// or -1.
func candidate(b []byte, i int, starts string) int {
	j := bytes.IndexAny(b[i:], starts)
	if j < 0 {
		return -1
	}
	return i + j
}

// spelledAt returns the length of a spelling of the rune c at the start of b,
// or 0: c itself, a JSON escape of it (\uXXXX in either case, a UTF-16
// surrogate pair above U+FFFF, \/ for "/", \" and \\), or the percent-encoding
// of its UTF-8 bytes.
func spelledAt(b []byte, c rune) int {
	if len(b) == 0 {
		return 0
	}
	var enc [utf8.UTFMax]byte
	n := utf8.EncodeRune(enc[:], c)
	if bytes.HasPrefix(b, enc[:n]) {
		return n
	}
	if len(b) >= 2 && b[0] == '\\' {
		switch b[1] {
		case '/', '"', '\\':
			if rune(b[1]) == c {
				return 2
			}
		case 'u':
			if c < 0x10000 {
				if v, ok := hex4(b[2:]); ok && v == c {
					return 6
				}
				return 0
			}
			hi, lo := utf16Pair(c)
			if v, ok := hex4(b[2:]); ok && v == hi && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
				if w, ok := hex4(b[8:]); ok && w == lo {
					return 12
				}
			}
		}
		return 0
	}
	if b[0] != '%' {
		return 0
	}
	j := 0
	for k := range n {
		if len(b) < j+3 || b[j] != '%' {
			return 0
		}
		v, ok := hexDigits(b[j+1 : j+3])
		if !ok || byte(v) != enc[k] {
			return 0
		}
		j += 3
	}
	return j
}

// hex4 reads four hex digits at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	return hexDigits(b[:4])
}

// hexDigits reads b, all hex digits of either case.
func hexDigits(b []byte) (rune, bool) {
	var v rune
	for _, d := range b {
		switch {
		case '0' <= d && d <= '9':
			v = v<<4 | rune(d-'0')
		case 'a' <= d && d <= 'f':
			v = v<<4 | rune(d-'a'+10)
		case 'A' <= d && d <= 'F':
			v = v<<4 | rune(d-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// utf16Pair returns the surrogate pair that spells c, a rune above U+FFFF,
// in JSON.
func utf16Pair(c rune) (hi, lo rune) {
	c -= 0x10000
	return 0xd800 + (c>>10)&0x3ff, 0xdc00 + c&0x3ff
}

// truncate cuts s to at most n bytes without splitting a character. It runs
// after redaction, so that a credential straddling the cut is already gone.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
