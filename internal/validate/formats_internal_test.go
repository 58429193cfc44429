package validate

import (
	"net/mail"
	"net/url"
	"regexp"
	"testing"
)

// The references are the checks the fast paths stand in for.
func refEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

func refURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// formatSeeds cover both sides of every fast path: inputs it takes, and
// inputs it leaves to the library, valid and not.
var formatSeeds = []string{
	"", "@", "a@b", "ana@example.com", "ana.lopez+tag@mail.example.co", "a..b@example.com", ".a@example.com",
	"a.@example.com", "a@example.com.", "a@@example.com", `"quoted"@example.com`, "a@[127.0.0.1]", "Ana <ana@example.com>",
	"ana@exämple.com", "añа@example.com", "a b@example.com", "a@example.com (Ana)", "!#$%&'*+-/=?^_`{|}~@x",
	"https://example.com", "https://example.com/track/1?x=1#top", "http://127.0.0.1:8080/", "HTTPS://EXAMPLE.COM",
	"https://example.com:", "https://example.com:abc/", "https://user:pw@example.com/", "https://[::1]:443/",
	"https://ex ample.com/", "https://example.com/a b", "https://example.com/%zz", "https://example.com/%20",
	"example.com/track/1", "//example.com/x", "1http://example.com", "a+b.c-d://host", "https:///path", "https://?q",
	"https://exa%6dple.com/", "https://example.com#frag%", "https://h_o~s.t-1/", "mailto:ana@example.com",
	"08c0e60e-26bd-4e41-bb05-97bfbe1ba7cd", "08C0E60E-26BD-4E41-BB05-97BFBE1BA7CD", "08c0e60e-26bd-4e41-bb05-97bfbe1ba7c",
	"08c0e60e26bd-4e41-bb05-97bfbe1ba7cd0", "g8c0e60e-26bd-4e41-bb05-97bfbe1ba7cd", "08c0e60e-26bd-4e41-bb05-97bfbe1ba7cd\n",
}

// TestFormatFastPathsAgreeWithLibraries checks every seed: the fast paths
// never accept what the library refuses, and the format checks answer as the
// library does.
func TestFormatFastPathsAgreeWithLibraries(t *testing.T) {
	t.Parallel()
	fast := map[string]int{}
	for _, s := range formatSeeds {
		checkFormats(t, s)
		if simpleEmail(s) {
			fast["email"]++
		}
		if simpleURI(s) {
			fast["uri"]++
		}
	}
	// Without inputs on both sides, the comparison above proves little.
	for _, format := range []string{"email", "uri"} {
		if fast[format] < 3 || fast[format] > len(formatSeeds)-3 {
			t.Errorf("%d of %d seeds take the %s fast path; want both paths covered", fast[format], len(formatSeeds), format)
		}
	}
}

func checkFormats(t *testing.T, s string) {
	t.Helper()
	if simpleEmail(s) && !refEmail(s) {
		t.Errorf("simpleEmail(%q) = true, but mail.ParseAddress refuses it or changes it", s)
	}
	if got, want := validEmail(s), refEmail(s); got != want {
		t.Errorf("validEmail(%q) = %v, want %v", s, got, want)
	}
	if simpleURI(s) && !refURI(s) {
		t.Errorf("simpleURI(%q) = true, but url.Parse refuses it or finds no scheme or host", s)
	}
	if got, want := validURI(s), refURI(s); got != want {
		t.Errorf("validURI(%q) = %v, want %v", s, got, want)
	}
	if got, want := validUUID(s), uuidRE.MatchString(s); got != want {
		t.Errorf("validUUID(%q) = %v, want %v", s, got, want)
	}
}

// FuzzFormatFastPaths looks for an input on which a format check and the
// library it stands in for disagree.
func FuzzFormatFastPaths(f *testing.F) {
	for _, s := range formatSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFormats)
}

// BenchmarkFormats measures the checks on valid values, which take the fast
// paths, against the library calls they replace.
func BenchmarkFormats(b *testing.B) {
	const email, uri, uuid = "ana.lopez@example.com", "https://example.com/track/1?x=1", "08c0e60e-26bd-4e41-bb05-97bfbe1ba7cd"
	cases := []struct {
		name string
		fn   func() bool
	}{
		{"email/impl=library", func() bool { return refEmail(email) }},
		{"email/impl=sdk", func() bool { return validEmail(email) }},
		{"uri/impl=library", func() bool { return refURI(uri) }},
		{"uri/impl=sdk", func() bool { return validURI(uri) }},
		{"uuid/impl=library", func() bool { return uuidRE.MatchString(uuid) }},
		{"uuid/impl=sdk", func() bool { return validUUID(uuid) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !c.fn() {
					b.Fatal("valid value refused")
				}
			}
		})
	}
}
