package core

import (
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// newHTTPClient returns the http.Client every attempt goes through: the
// caller's client, or a pooled one, with the SDK's auth transport and redirect
// policy. own reports that the client sends through a Transport of the SDK's
// making, keeps no cookies and has no CheckRedirect of the caller's, which
// is given the first request: nothing then writes to a request's headers
// (see secret.header).
func (c *Client) newHTTPClient(user *http.Client) (hc *http.Client, own bool) {
	hc = &http.Client{}
	var base http.RoundTripper
	if user != nil {
		*hc = *user
		base = user.Transport
	}
	if base == nil {
		own = true
		t := http.DefaultTransport.(*http.Transport).Clone()
		// Sized so that concurrent callers reuse connections instead of
		// opening and closing one per request beyond the default of two.
		t.MaxIdleConns = 256
		t.MaxIdleConnsPerHost = 256
		base = t
	}
	hc.Transport = &authTransport{client: c, base: base}
	userCheck := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := c.checkRedirect(req, via); err != nil {
			return err
		}
		if userCheck != nil {
			return userCheck(req, via)
		}
		return nil
	}
	return hc, own && hc.Jar == nil && userCheck == nil
}

// sameOrigin reports whether u is on the configured base URL's scheme and host:
// the only place the credential may go.
func (c *Client) sameOrigin(u *url.URL) bool {
	return u.Scheme == c.base.Scheme && u.Host == c.base.Host
}

// checkRedirect refuses any redirect that would leave the base URL's origin or
// turn the POST into another method: following either would send the order,
// or its credential, somewhere the caller did not name.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	prev := via[len(via)-1]
	refuse := func(reason string) error {
		return &apierror.RedirectError{From: redactURL(prev.URL), To: redactURL(req.URL), Reason: reason}
	}
	switch {
	case !c.sameOrigin(req.URL):
		return refuse("the target is on another host or scheme, and the SDK never sends credentials or orders there")
	case req.Method != via[0].Method:
		return refuse("following it would turn " + via[0].Method + " into " + req.Method)
	case len(via) >= 5:
		return refuse("too many redirects")
	}
	return nil
}

// authTransport adds the credential and User-Agent to each attempt, and marks
// failures that happened before the request was fully written.
type authTransport struct {
	client *Client
	base   http.RoundTripper
}

// prepare sets on req, which the SDK built and owns, what every attempt of
// the call sends: the credential (to the base URL's origin only), the
// User-Agent, the Content-Type and the idempotency key. RoundTrip passes such
// a request on as it is.
func (c *Client) prepare(req *http.Request, idempotencyKey string) {
	if idempotencyKey == "" && c.secret.header != nil && c.sameOrigin(req.URL) {
		req.Header = c.secret.header
		return
	}
	req.Header["Content-Type"] = contentTypeJSON
	if idempotencyKey != "" {
		req.Header.Set("Idempotency-Key", idempotencyKey)
	}
	c.stamp(req)
}

// contentTypeJSON is shared by every request: a Transport never changes a
// request's headers.
var contentTypeJSON = []string{"application/json"}

// stamp sets what every attempt carries on r's headers: the credential for
// the base URL's origin only (removed for any other), the User-Agent unless
// the caller set one, and the idempotency key under a lower-case name.
func (c *Client) stamp(r *http.Request) {
	if c.sameOrigin(r.URL) {
		r.Header[c.authHeader] = c.secret.authValues
	} else {
		r.Header.Del(c.authHeader)
	}
	if firstValue(r.Header["User-Agent"]) == "" {
		r.Header["User-Agent"] = c.userAgent
	}
	if v, ok := r.Header["Idempotency-Key"]; ok {
		// net/http's Transport re-sends by itself a request carrying this
		// header when a reused connection drops after the request was
		// written (Request.isReplayable), behind the retry policy's back: a
		// second order unless the vendor deduplicates. Header names are
		// case-insensitive on the wire, and the Transport looks only for the
		// canonical key, so a lower-case key keeps the header and drops that.
		delete(r.Header, "Idempotency-Key")
		r.Header["idempotency-key"] = v
	}
}

// prepared returns the call of req when req went through prepare and still
// carries exactly what it set, so that RoundTrip may send it as it is.
func (c *Client) prepared(req *http.Request) (*call, bool) {
	cl := callFrom(req.Context())
	if cl == nil || cl.c != c || !c.sameOrigin(req.URL) {
		return nil, false
	}
	if v := req.Header[c.authHeader]; len(v) != 1 || v[0] != c.secret.authValue {
		return nil, false
	}
	if _, ok := req.Header["Idempotency-Key"]; ok {
		return nil, false
	}
	return cl, len(req.Header["User-Agent"]) > 0
}

// RoundTrip implements http.RoundTripper.
func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.client
	if cl, ok := c.prepared(req); ok {
		cl.wrote.Store(false)
		resp, err := t.base.RoundTrip(req)
		if err != nil {
			return nil, &attemptError{err: err, sent: cl.wrote.Load()}
		}
		return resp, nil
	}
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			wrote.Store(true)
		}
	}}
	r := req.Clone(httptrace.WithClientTrace(req.Context(), trace))
	// The credential goes only to the configured origin; the redirect policy
	// refuses other hosts too, and stamping each attempt keeps that true even
	// for a caller's CheckRedirect that would allow them.
	c.stamp(r)
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, &attemptError{err: err, sent: wrote.Load()}
	}
	return resp, nil
}

// attemptError carries whether the failed attempt had written its request.
type attemptError struct {
	err  error
	sent bool
}

func (e *attemptError) Error() string { return e.err.Error() }
func (e *attemptError) Unwrap() error { return e.err }

// CloseIdleConnections passes the call on to the wrapped transport, so that
// http.Client.CloseIdleConnections reaches the connection pool.
func (t *authTransport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
