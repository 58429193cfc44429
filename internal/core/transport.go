package core

import (
	"errors"
	"math"
	"net/http"
	"net/http/httptrace"
	"net/url"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// newRetrier returns the client's base transport and the go-retryablehttp
// client that runs every call: the policy's hooks (policy.go), on an
// http.Client that is the caller's (copied) or a pooled one, whose Transport
// is a wireTransport.
func (c *Client) newRetrier(user *http.Client) (http.RoundTripper, *retryablehttp.Client) {
	hc := &http.Client{}
	if user != nil {
		*hc = *user
	}
	base := hc.Transport
	if base == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		// Sized so that concurrent callers reuse connections instead of
		// opening and closing one per request beyond the default of two.
		t.MaxIdleConns = 256
		t.MaxIdleConnsPerHost = 256
		base = t
	}
	// net/http's own Transport runs the trace hooks of every request it is
	// handed, so the hooks alone record the attempt; any other RoundTripper
	// may replace the request's context, and then only the body reader
	// records the write. Only then is the body wrapped: net/http flushes the
	// headers on their own for a body it does not know is in memory, one
	// write and one server wake-up more per call.
	_, traced := base.(*http.Transport)
	hc.Transport = &wireTransport{client: c, base: base, traced: traced}
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
	return base, &retryablehttp.Client{
		HTTPClient: hc,
		// The policy counts retries itself (afterAttempt): 429s do not spend
		// the budget of WithMaxRetries, and are bounded by their own wait
		// cap instead.
		RetryMax:       math.MaxInt32,
		RequestLogHook: beforeAttempt,
		CheckRetry:     afterAttempt,
		Backoff:        noBackoff,
		PrepareRetry:   beforeRetry,
		ErrorHandler:   keepLast,
	}
}

// wireTransport is the Transport of every request the SDK sends. It hands the
// base transport a request of its own for each hop of each attempt: with the
// attempt's trace hooks, the body behind a wireBody unless base is net/http's
// own Transport, and no GetBody, so that
// neither net/http's HTTP/1 transport (Request.isReplayable) nor its HTTP/2
// transport (http2shouldRetryRequest) can resend a POST on its own. The only
// resend besides the policy's retries is a 307 or 308 to the base URL's
// origin, which http.Client makes after checkRedirect allowed it, through
// this transport again.
//
// It has no CloseIdleConnections method on purpose: go-retryablehttp calls
// http.Client.CloseIdleConnections whenever a call gives up, which would
// close every other call's pooled connections.
type wireTransport struct {
	client *Client
	base   http.RoundTripper
	// traced says base is a *http.Transport, whose trace hooks cannot be
	// bypassed.
	traced bool
}

// errNotACall is the error for a request that did not come from Do.
var errNotACall = errors.New("ordersdk: request was not made by the SDK")

// errOffOrigin refuses to send anything to another scheme or host than the
// base URL's, whatever a caller's CheckRedirect allowed.
var errOffOrigin = errors.New("ordersdk: the SDK sends requests only to the base URL's scheme and host")

// RoundTrip implements http.RoundTripper.
func (t *wireTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	cl := callFrom(req.Context())
	if cl == nil || cl.c != t.client {
		closeBody(req)
		return nil, errNotACall
	}
	if !t.client.sameOrigin(req.URL) {
		closeBody(req)
		return nil, errOffOrigin
	}
	a := cl.current()
	a.hops++
	out := req.WithContext(httptrace.WithClientTrace(req.Context(), a.trace()))
	out.GetBody = nil
	if !t.traced && req.Body != nil && req.Body != http.NoBody {
		out.Body = &wireBody{body: req.Body, attempt: a}
	}
	resp, err := t.base.RoundTrip(out)
	if resp != nil {
		// A Transport that replaced the request's context saw no hooks.
		a.raise(phaseResponse)
	}
	return resp, err
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// sameOrigin reports whether u is on the base URL's scheme and host: the
// only place the credential and orders may go.
func (c *Client) sameOrigin(u *url.URL) bool {
	return u.Scheme == c.base.Scheme && u.Host == c.base.Host
}

// checkRedirect refuses any redirect that would leave the base URL's origin
// or turn the POST into another method: following either would send the
// order, or its credential, somewhere the caller did not name, or drop the
// order. http.Client turns a POST into a GET for 301, 302 and 303, so only
// 307 and 308 on the same origin are followed, with the same body.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	prev := via[len(via)-1]
	refuse := func(reason string) error {
		e := &apierror.RedirectError{From: c.scrubURL(prev.URL), To: c.scrubURL(req.URL), Reason: reason}
		if req.Response != nil {
			e.StatusCode = req.Response.StatusCode
		}
		return e
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

// scrubURL returns u as text without user info and with the credential
// removed: a Location comes from the server.
func (c *Client) scrubURL(u *url.URL) string {
	v := *u
	v.User = nil
	return c.secret.redact.String(v.String())
}
