package fake

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
)

// PathBaseURLs are base URLs that test how a client joins a base URL and an
// operation's path: without a path, with a prefix with and without its
// trailing slash, with dot segments and with an escaped slash.
var PathBaseURLs = []string{
	"http://127.0.0.1:9",
	"http://127.0.0.1:9/api",
	"http://127.0.0.1:9/api/v2/",
	"http://127.0.0.1:9/a/./b/../c/",
	"http://127.0.0.1:9/x%2Fy/",
}

// PathSegments are path parameter values that test escaping. "." and ".."
// are not among them: the clients refuse them, as URL resolution would drop
// or climb the segment.
var PathSegments = []string{
	"store_1", "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f", "my store", "100%", "%2F", "a?b#c", "a/b", "../admin/x",
	"...", ".x", "é", "日本", ";=,&$+!*'()", "@:", "~_-", "\t\x7f",
}

// SpecURL returns the URL of the operation at template ("/stores/{storeId}/
// orders") below base, a client's normalized base URL, as an OpenAPI request
// builder resolves it: each parameter path-escaped (as oapi-codegen's runtime
// does for the simple style), and the path resolved as a relative reference
// against base.
func SpecURL(base, template string, params map[string]string) (string, error) {
	path := template
	for name, v := range params {
		path = strings.ReplaceAll(path, "{"+name+"}", url.PathEscape(v))
	}
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u, err := b.Parse("." + path)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// CheckURLs checks, for each of PathBaseURLs, that a client sends to the URLs
// SpecURL builds. send gets the base URL and an
// http.Client whose Transport records every request and fails it with
// ErrRecorded; it makes its calls through that client and returns, in order,
// SpecURL's URLs for them.
func CheckURLs(t testing.TB, send func(baseURL string, hc *http.Client) (specURLs []string)) {
	t.Helper()
	for _, base := range PathBaseURLs {
		rec := &urlRecorder{}
		want := send(base, &http.Client{Transport: rec})
		if got := rec.urls; !slices.Equal(got, want) {
			t.Errorf("base URL %s: the client sent to\n%q\nSpecURL builds\n%q", base, got, want)
		}
	}
}

// ErrRecorded is the error of every request CheckURLs records.
var ErrRecorded = errors.New("fake: request recorded, not sent")

// urlRecorder is an http.RoundTripper that records the URL of every request
// and fails it without sending it.
type urlRecorder struct {
	mu   sync.Mutex
	urls []string
}

func (r *urlRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.urls = append(r.urls, req.URL.String())
	return nil, ErrRecorded
}
