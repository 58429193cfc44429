// Package core is the machinery every vendor client shares. A vendor package
// describes what differs in a Vendor (name, auth, error envelope) and one
// Operation per API call (method, success statuses, where the created object
// sits in the answer), and calls Do, which sends the request through the one
// send path: authentication, the retry policy on go-retryablehttp, pacing,
// the redirect and https policy, logging, and turning the answer into a
// typed result or one of the apierror types.
//
// Whether an attempt reached the vendor is recorded by the SDK itself, per
// attempt (attempt.go), and the classification table of package apierror
// reads nothing else.
package core

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/ordersdk/ordersdk-go"
)

// Vendor describes what differs between vendors, as data. It is constant per
// package.
type Vendor struct {
	// Name is the package name, used in errors, logs and the User-Agent.
	Name string
	// DefaultBaseURL is the production server; empty when the vendor has
	// none documented and callers must give one.
	DefaultBaseURL string
	// AuthHeader and AuthScheme say how the credential is sent: the header,
	// spelled as the vendor documents it, and a scheme word such as
	// "Bearer" in front of the credential, or "".
	AuthHeader, AuthScheme string
	// Errors says where the vendor's error envelope keeps its fields.
	Errors ErrorEnvelope
}

// errNilClient is what every method of a nil or zero client returns.
var errNilClient = errors.New("the client is nil or was not made by New")

// Client sends requests for one vendor. It is safe for concurrent use. A nil
// *Client returns an error from every method that can return one.
type Client struct {
	vendor Vendor
	base   *url.URL
	// baseString is base as text, with a trailing slash.
	baseString string
	// secret is behind a pointer because fmt prints a nested pointer as an
	// address: even %v of a struct holding a vendor client by value, which
	// prints this struct's fields, never shows it.
	secret *secret
	// authHeader is the header that carries authValue.
	authHeader string
	userAgent  string
	cfg        config
	// transport is the base RoundTripper (the caller's, or the SDK's own),
	// for CloseIdleConnections.
	transport http.RoundTripper
	// retrier runs every call's attempts; its hooks find the call in the
	// request's context (callFrom).
	retrier *retryablehttp.Client
	pacer   *pacer
}

// secret is the credential, the header value made from it, and the redactor
// that finds it.
type secret struct {
	authValue string
	redact    redactor
}

// New checks the credential and options and builds a client. Its errors
// never quote the credential, nor a base URL that holds it.
func New(v Vendor, credential string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(credential) == "" {
		return nil, fmt.Errorf("%s: credential is empty", v.Name)
	}
	if !validHeaderValue(credential) {
		return nil, fmt.Errorf("%s: credential contains a control character", v.Name)
	}
	cfg := config{
		baseURL:          v.DefaultBaseURL,
		maxRetries:       DefaultMaxRetries,
		maxRetryWait:     DefaultMaxRetryWait,
		maxRateLimitWait: DefaultMaxRateLimitWait,
		backoffBase:      DefaultBackoffBase,
		backoffCap:       DefaultBackoffCap,
		userAgent:        "ordersdk-go/" + ordersdk.Version + " (" + v.Name + ")",
		validate:         true,
		authHeader:       v.AuthHeader,
		authScheme:       v.AuthScheme,
	}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("%s: option %d is nil", v.Name, i)
		}
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("%s: %w", v.Name, err)
		}
	}
	if cfg.baseURL == "" {
		return nil, fmt.Errorf("%s: no base URL: this vendor documents no public server, so give one with WithBaseURL", v.Name)
	}
	red := redactor{secret: credential}
	base, err := parseBaseURL(cfg.baseURL, red)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", v.Name, err)
	}
	c := &Client{
		vendor:     v,
		base:       base,
		baseString: base.String(),
		secret:     &secret{authValue: credential, redact: red},
		authHeader: cfg.authHeader,
		userAgent:  cfg.userAgent,
		cfg:        cfg,
		pacer:      &pacer{},
	}
	if cfg.authScheme != "" {
		c.secret.authValue = cfg.authScheme + " " + credential
	}
	c.transport, c.retrier = c.newRetrier(cfg.httpClient)
	return c, nil
}

// parseBaseURL accepts an absolute https URL, or http on a loopback host, and
// returns it with a trailing slash so that operation paths resolve beneath it.
// It refuses a URL whose path, query or fragment holds the credential (in any
// spelling red finds), which the client would show in String, errors and
// logs, and never quotes such a URL.
func parseBaseURL(raw string, red redactor) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err == nil && red.Contains(strings.TrimPrefix(raw, u.Scheme+"://"+u.Host)) {
		err = errors.New("the base URL holds the credential: pass the credential to New only")
	}
	if err != nil {
		// Not the *url.Error itself: its text repeats the whole URL.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("base URL: %w", red.Error(err))
	}
	if u.User != nil {
		return nil, errors.New("base URL must not carry user info: pass the credential to New")
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("base URL %q must be an absolute http(s) URL", u.String())
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("base URL %q: plain http is allowed only on a loopback host", u.String())
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	// Drop dot segments ("/a/../b/" is "/b/"), as resolving an operation's
	// path against the base URL would: operation paths are appended to it.
	u = u.ResolveReference(&url.URL{Path: "./"})
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// BaseURL returns the base URL with a trailing slash, or "" for a nil client.
func (c *Client) BaseURL() string {
	if c == nil {
		return ""
	}
	return c.baseString
}

// Validates reports whether requests are checked before they are sent, that
// is, whether the client was built without WithoutValidation.
func (c *Client) Validates() bool { return c != nil && c.cfg.validate }

// Redact returns s with the credential removed, for text that came from
// outside the SDK, such as a caller's map key in a violation path.
func (c *Client) Redact(s string) string {
	if c == nil {
		return s
	}
	return c.secret.redact.String(s)
}

// CloseIdleConnections closes the keep-alive connections of the client's
// transport; calls in progress are not affected.
func (c *Client) CloseIdleConnections() {
	if c == nil {
		return
	}
	if t, ok := c.transport.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}

// String describes the client without its credential, so that printing a
// client never shows it.
func (c *Client) String() string {
	if c == nil {
		return "<nil client>"
	}
	return c.vendor.Name + ".Client{BaseURL: " + c.baseString + "}"
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so that %+v and %#v never print the
// fields.
func (c *Client) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }
