package validate

import (
	"net/mail"
	"net/url"
	"strings"
)

// The format checks below answer as net/mail and net/url do, without their
// allocations for the common shapes: each first tries a strict fast path
// whose every match the library accepts too, and asks the library about
// anything else. FuzzFormatFastPaths holds them to that.

// validEmail reports whether s is a bare address, such as "ana@example.com":
// mail.ParseAddress accepts it and gives it back unchanged.
func validEmail(s string) bool {
	if simpleEmail(s) {
		return true
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// simpleEmail reports whether s is local@domain with both parts dot-atoms of
// ASCII atext (RFC 5322 3.2.3), which mail.ParseAddress returns as it is.
func simpleEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && dotAtom(local) && dotAtom(domain)
}

// dotAtom reports whether s is one or more runs of ASCII atext joined by
// single dots.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && !atext(c) {
			return false
		}
	}
	return true
}

// atext reports whether c is a printable ASCII character other than the
// specials of RFC 5322 3.2.3.
func atext(c byte) bool { return atextTable[c] }

var atextTable = func() (t [256]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = !strings.ContainsRune(`()<>[]:;@\,."`, c)
	}
	return t
}()

// validUUID reports whether s is a UUID in its 8-4-4-4-12 hex form, in
// either case.
func validUUID(s string) bool {
	return len(s) == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-' &&
		hexDigits(s[:8]) && hexDigits(s[9:13]) && hexDigits(s[14:18]) && hexDigits(s[19:23]) && hexDigits(s[24:])
}

// hexDigits reports whether s holds only hexadecimal digits, in either case.
func hexDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !hexTable[s[i]] {
			return false
		}
	}
	return true
}

var hexTable = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEF" {
		t[c] = true
	}
	return t
}()

// validURI reports whether s is an absolute URL with a host: url.Parse
// accepts it and finds both a scheme and a host.
func validURI(s string) bool {
	if simpleURI(s) {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// simpleURI reports whether s is scheme://host[:port] followed by nothing or
// by "/", "?" or "#" and more, all printable ASCII without "%", with a host of
// letters, digits, "-", ".", "_" and "~". url.Parse accepts every such URL,
// with that scheme and host: it validates only the scheme, the host, the port
// and percent-escapes.
func simpleURI(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < '!' || c > '~' || c == '%' {
			return false
		}
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || !validScheme(scheme) {
		return false
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	host, port, hasPort := strings.Cut(rest[:end], ":")
	if host == "" || (hasPort && !digits(port)) {
		return false
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

// validScheme reports whether s is a URL scheme: a letter, then letters,
// digits, "+", "-" and ".".
func validScheme(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
