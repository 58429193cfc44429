package fake

import (
	"errors"
	"net/http"
	"sync"
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

// URLRecorder is an http.RoundTripper that records the URL of every request
// and fails it without sending it.
type URLRecorder struct {
	mu   sync.Mutex
	urls []string
}

// ErrRecorded is the error of every request a URLRecorder receives.
var ErrRecorded = errors.New("fake: request recorded, not sent")

// RoundTrip implements http.RoundTripper.
func (r *URLRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.urls = append(r.urls, req.URL.String())
	return nil, ErrRecorded
}

// URLs returns the URLs recorded so far and forgets them.
func (r *URLRecorder) URLs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	urls := r.urls
	r.urls = nil
	return urls
}
