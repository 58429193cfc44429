// Package core is the machinery every vendor client shares: configuration,
// authentication, the retry policy on top of go-retryablehttp, the redirect and
// https policy, logging, and turning responses into results or typed errors.
// Vendor packages describe what differs in a Vendor and call Client.PostJSON
// or Client.PostStream.
package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"

// MaxSuccessBody bounds a success response; a larger one is a DecodeError.
const MaxSuccessBody = 64 << 20

// Vendor describes what differs between vendors. It is constant per package.
type Vendor struct {
	// Name is the package name, used in errors, logs and the User-Agent.
	Name string
	// DefaultBaseURL is the production server; empty when the vendor has
	// none documented and callers must give one.
	DefaultBaseURL string
	// AuthHeader and AuthScheme say how the credential is sent: the header,
	// and a scheme word such as "Bearer" in front of the credential, or "".
	AuthHeader, AuthScheme string
	// DecodeError fills the vendor fields of e (Code, Message, FieldErrors)
	// from an error body. It must accept any bytes, and leave e alone on a
	// body it cannot read.
	DecodeError func(body []byte, e *apierror.APIError)
	// SuccessEnvelope says that the vendor wraps every answer in an envelope
	// whose "success" member can be false on a 2xx (Komerza, joiorders,
	// Enad): such an answer is a failure, decoded with DecodeError into an
	// *APIError carrying the 2xx status.
	SuccessEnvelope bool
	// CheckResult, when set, inspects a decoded 2xx result that reported
	// success and says why it cannot be used (an envelope without its order);
	// the call then returns a *apierror.DecodeError with the status and the
	// body.
	CheckResult func(result any) error
}

// Client sends requests for one vendor. It is safe for concurrent use.
type Client struct {
	vendor     Vendor
	base       *url.URL
	baseString string
	// secret is held behind a pointer because fmt prints a nested pointer
	// as an address: even a bad verb such as %s on a struct holding a vendor
	// client by value, which prints this struct's fields, never shows it.
	secret     *secret
	authHeader string
	// userAgent is the User-Agent header's value, shared by every request.
	userAgent []string
	http      *http.Client
	set       settings
	pacer     *pacer
	// retriers holds idle retryablehttp.Clients; see call.
	retriers sync.Pool
}

// secret is the credential, and the header value made from it; authValues
// holds that value as the header map stores it, shared by every request.
type secret struct {
	credential, authValue string
	authValues            []string
	// header, when not nil, is the header map of every request without an
	// idempotency key: the Content-Type, the credential and the User-Agent.
	// It is never written to, and only a client whose http.Client writes
	// to no request's headers has one (newHTTPClient): sharing it saves
	// building a map per call, the largest allocation of a request.
	header http.Header
}

// New checks the credential and options and builds a client.
func New(v Vendor, credential string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(credential) == "" {
		return nil, fmt.Errorf("%s: credential is empty", v.Name)
	}
	if strings.ContainsAny(credential, "\r\n") {
		return nil, fmt.Errorf("%s: credential contains a line break", v.Name)
	}
	s := settings{
		baseURL:      v.DefaultBaseURL,
		maxRetries:   DefaultMaxRetries,
		maxRetryWait: DefaultMaxRetryWait,
		backoffBase:  DefaultBackoffBase,
		backoffCap:   DefaultBackoffCap,
		userAgent:    "ordersdk-go/" + Version + " (" + v.Name + ")",
		validate:     true,
		authHeader:   v.AuthHeader,
		authScheme:   v.AuthScheme,
	}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("%s: option %d is nil", v.Name, i)
		}
		if err := o(&s); err != nil {
			return nil, redact(fmt.Errorf("%s: %w", v.Name, err), credential)
		}
	}
	if s.baseURL == "" {
		return nil, fmt.Errorf("%s: no base URL: this vendor documents no public server, so give one with WithBaseURL", v.Name)
	}
	base, err := parseBaseURL(s.baseURL)
	if err != nil {
		// The error quotes the URL, where a caller may have put the
		// credential (?api_key=).
		return nil, redact(fmt.Errorf("%s: %w", v.Name, err), credential)
	}
	c := &Client{vendor: v, base: base, baseString: base.String(), secret: &secret{credential: credential, authValue: credential},
		authHeader: http.CanonicalHeaderKey(s.authHeader), userAgent: []string{s.userAgent}, set: s, pacer: &pacer{}}
	if s.authScheme != "" {
		c.secret.authValue = s.authScheme + " " + credential
	}
	c.secret.authValues = []string{c.secret.authValue}
	var own bool
	c.http, own = c.newHTTPClient(s.httpClient)
	if own {
		c.secret.header = http.Header{"Content-Type": contentTypeJSON, c.authHeader: c.secret.authValues, "User-Agent": c.userAgent}
	}
	c.retriers.New = c.newRetrier
	return c, nil
}

// parseBaseURL accepts an absolute https URL, or http on a loopback host, and
// returns it with a trailing slash so that operation paths resolve beneath it.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// Not the *url.Error itself: it quotes the raw URL, user info and all.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("base URL: %w", err)
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("base URL %q must be an absolute http(s) URL", redactURL(u))
	}
	if u.User != nil {
		return nil, errors.New("base URL must not carry user info: pass the credential to New")
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("base URL %q: plain http is allowed only on a loopback host", redactURL(u))
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

func redactURL(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}

// CloseIdleConnections closes the keep-alive connections the client holds
// open; calls in progress are not affected.
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

// BuildError is the error for a POST to url whose request could not be
// built, typically because the body would not encode: a
// *apierror.RequestError that was never sent.
func (c *Client) BuildError(url string, err error) error {
	return &apierror.RequestError{Vendor: c.vendor.Name, Method: http.MethodPost, URL: c.scrubString(url), Err: redact(err, c.secret.credential)}
}

// BaseURL returns the base URL with a trailing slash.
func (c *Client) BaseURL() string { return c.baseString }

// String describes the client without its credential, so that printing a
// client with %v or %+v never leaks it.
func (c *Client) String() string {
	return fmt.Sprintf("%s.Client{BaseURL: %s}", c.vendor.Name, c.baseString)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format prints the description for every verb, so that %+v and %#v never
// print the fields.
func (c *Client) Format(f fmt.State, verb rune) { io.WriteString(f, c.String()) }

// Validate checks *req against s unless c was built WithoutValidation. It
// returns a *apierror.ValidationError listing every violation. req is a
// pointer, so that the request is not copied to be passed as an interface.
func Validate[T any](c *Client, s *validate.Schema, req *T) error {
	if !c.set.validate {
		return nil
	}
	if v := s.Check(req); len(v) > 0 {
		for i := range v {
			// A path names map keys, which are the caller's data.
			v[i].Path = c.scrubString(v[i].Path)
			v[i].Message = c.scrubString(v[i].Message)
		}
		return &apierror.ValidationError{Vendor: c.vendor.Name, Violations: v}
	}
	return nil
}

// PostJSON sends in, encoded as JSON, to url, with authentication, retries
// and logging, and decodes a 2xx JSON body into out. Any other outcome is one
// of the apierror types. url is BaseURL followed by the operation's path,
// already escaped: a vendor client joins them once per call, or once for
// good when the path has no parameters.
func (c *Client) PostJSON(ctx context.Context, url string, in, out any, opts ...CallOption) error {
	body, err := json.Marshal(in)
	if err != nil {
		return c.BuildError(url, err)
	}
	return c.post(ctx, url, body, nil, int64(len(body)), out, opts)
}

// PostStream is PostJSON for a body the caller encodes: length bytes of JSON,
// read from a new reader that body returns for each attempt.
func (c *Client) PostStream(ctx context.Context, url string, length int64, body func() io.Reader, out any, opts ...CallOption) error {
	return c.post(ctx, url, nil, func() (io.Reader, error) { return body(), nil }, length, out, opts)
}

// post sends payload or stream (see send) and decodes the answer into out.
func (c *Client) post(ctx context.Context, url string, payload []byte, stream retryablehttp.ReaderFunc, length int64, out any, opts []CallOption) error {
	if ctx == nil {
		// As http.NewRequestWithContext: deriving the call's context from
		// nil would panic.
		return c.BuildError(url, errNilContext)
	}
	var cs callSettings
	if len(opts) > 0 {
		cs = applyCallOptions(opts)
	}
	resp, ambiguous, err := c.send(ctx, url, payload, stream, length, cs)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// A 429 after a retried 500 proves nothing about the 500.
		e := c.apiError(resp)
		e.Ambiguous = ambiguous
		return e
	}
	if resp.ContentLength > MaxSuccessBody {
		// Too large by its own account: keep what an error keeps, and read
		// no further.
		head, _ := readCapped(resp.Body, apierror.MaxErrorBody, -1)
		return &apierror.DecodeError{Vendor: c.vendor.Name, StatusCode: resp.StatusCode, Body: c.capBody(head), Err: errTooLarge}
	}
	body, err := readCapped(resp.Body, MaxSuccessBody, resp.ContentLength)
	if err != nil {
		return &apierror.DecodeError{Vendor: c.vendor.Name, StatusCode: resp.StatusCode, Body: c.capBody(body), Err: err}
	}
	// One decode: the envelope's own success member says whether it reports
	// a failure; the lenient probe reads only bodies that do not decode, or
	// types without the member.
	decodeErr := json.Unmarshal(body, out)
	if c.vendor.SuccessEnvelope && envelopeFailed(out, body, decodeErr) {
		e := &apierror.APIError{Vendor: c.vendor.Name, StatusCode: resp.StatusCode, RequestID: requestID(resp.Header),
			Body: bytes.Clone(body[:min(len(body), apierror.MaxErrorBody)]), Ambiguous: ambiguous}
		if c.vendor.DecodeError != nil {
			c.vendor.DecodeError(body, e)
		}
		if e.Message == "" {
			e.Message = "the response reports success: false"
		}
		c.scrub(e)
		return e
	}
	if err := decodeErr; err != nil {
		// The decoders quote values (a date) and member names (the
		// generated additionalProperties decoders) in their errors.
		return &apierror.DecodeError{Vendor: c.vendor.Name, StatusCode: resp.StatusCode, Body: c.capBody(body), Err: redact(err, c.secret.credential)}
	}
	if c.vendor.CheckResult != nil {
		if err := c.vendor.CheckResult(out); err != nil {
			return &apierror.DecodeError{Vendor: c.vendor.Name, StatusCode: resp.StatusCode, Body: c.capBody(body), Err: redact(err, c.secret.credential)}
		}
	}
	return nil
}

// envelopeFailed reports whether a success envelope reports failure: from
// out's Success member (a *bool tagged "success") when body decoded into
// out, else with reportsFailure.
func envelopeFailed(out any, body []byte, decodeErr error) bool {
	if decodeErr == nil {
		if idx, ok := successField(reflect.TypeOf(out)); ok {
			// FieldByIndexErr: a nil embedded pointer holds no member.
			if f, err := reflect.ValueOf(out).Elem().FieldByIndexErr(idx); err == nil {
				return !f.IsNil() && !f.Elem().Bool()
			}
		}
	}
	return reportsFailure(body)
}

var successFields sync.Map // reflect.Type -> []int, or nil when there is none

// successField finds the *bool field tagged json:"success" of the struct t
// points to, embedded structs included.
func successField(t reflect.Type) ([]int, bool) {
	if idx, ok := successFields.Load(t); ok {
		return idx.([]int), idx.([]int) != nil
	}
	var idx []int
	if t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		if f, ok := t.Elem().FieldByName("Success"); ok && f.Type == reflect.TypeOf((*bool)(nil)) &&
			strings.Split(f.Tag.Get("json"), ",")[0] == "success" {
			idx = f.Index
		}
	}
	successFields.Store(t, idx)
	return idx, idx != nil
}

// reportsFailure reports whether body is an envelope whose "success" member is
// the JSON literal false. Only that member is decoded, so that a failure whose
// other members have unexpected shapes is still read as the failure it is.
func reportsFailure(body []byte) bool {
	var probe struct {
		Success json.RawMessage `json:"success"`
	}
	return json.Unmarshal(body, &probe) == nil && bytes.Equal(bytes.TrimSpace(probe.Success), []byte("false"))
}

var (
	errTooLarge   = errors.New("response body larger than the SDK accepts")
	errNilContext = errors.New("nil Context")
)

// readCapped reads at most limit bytes, and fails if there were more. size is
// the body's length when known (Content-Length), else -1. The buffer is sized
// from size once, or else doubled up to limit, so that reading allocates at
// most about twice what it keeps: a bytes.Buffer, which grows by appending to
// its whole capacity, allocated eight times the limit for a body that never
// ended.
func readCapped(r io.Reader, limit, size int64) ([]byte, error) {
	n := int64(512)
	if size >= 0 {
		// One more byte, to see the end without growing.
		n = size + 1
	}
	buf := make([]byte, 0, max(min(n, limit), 1))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) >= limit {
				// Full: one more byte means too large.
				var probe [1]byte
				for {
					m, err := r.Read(probe[:])
					switch {
					case m > 0:
						return buf[:limit], errTooLarge
					case err == io.EOF:
						return buf, nil
					case err != nil:
						return buf, err
					}
				}
			}
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), limit))
			copy(grown, buf)
			buf = grown
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// capBody keeps at most MaxErrorBody bytes, with the credential removed.
func (c *Client) capBody(b []byte) []byte {
	if len(b) > apierror.MaxErrorBody {
		b = b[:apierror.MaxErrorBody]
	}
	return c.scrubBytes(bytes.Clone(b))
}

// apiError reads at most MaxErrorBody bytes of a non-2xx response and decodes
// the vendor's envelope; the rest of the body is never read.
func (c *Client) apiError(resp *http.Response) *apierror.APIError {
	body, err := readCapped(resp.Body, apierror.MaxErrorBody, resp.ContentLength)
	e := &apierror.APIError{
		Vendor:        c.vendor.Name,
		StatusCode:    resp.StatusCode,
		RequestID:     requestID(resp.Header),
		RetryAfter:    retryHint(resp.Header),
		Body:          bytes.Clone(body),
		BodyTruncated: errors.Is(err, errTooLarge),
	}
	if c.vendor.DecodeError != nil && len(body) > 0 {
		c.vendor.DecodeError(body, e)
	}
	c.scrub(e)
	return e
}

// scrub removes the credential from everything an error carries, in case a
// vendor or proxy echoes it back.
func (c *Client) scrub(e *apierror.APIError) {
	e.Message = c.scrubString(e.Message)
	e.Code = c.scrubString(e.Code)
	e.RequestID = c.scrubString(e.RequestID)
	for i := range e.FieldErrors {
		e.FieldErrors[i].Field = c.scrubString(e.FieldErrors[i].Field)
		e.FieldErrors[i].Message = c.scrubString(e.FieldErrors[i].Message)
	}
	e.Body = c.scrubBytes(e.Body)
}

func (c *Client) scrubString(s string) string {
	return strings.ReplaceAll(s, c.secret.credential, "[REDACTED]")
}

// redact returns err, or, when its text shows the credential, an error with
// that text, the credential replaced, that matches the context error err
// matched, if any. net/http quotes what a broken server sent ("malformed
// HTTP response ..."), and decoders quote values, so a server that echoes the
// credential would put it there. The rest of err's chain is dropped: its
// errors hold the credential in their fields.
func redact(err error, credential string) error {
	if err == nil || !strings.Contains(err.Error(), credential) {
		return err
	}
	r := &redactedError{msg: strings.ReplaceAll(err.Error(), credential, "[REDACTED]")}
	for _, ctxErr := range []error{context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, ctxErr) {
			r.ctxErr = ctxErr
		}
	}
	return r
}

// redactedError is an error whose text showed the credential; see redact.
type redactedError struct {
	msg    string
	ctxErr error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the context error the original error matched, or nil.
func (e *redactedError) Unwrap() error { return e.ctxErr }

func (c *Client) scrubBytes(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte(c.secret.credential), []byte("[REDACTED]"))
}

// requestIDHeaders are the headers vendors and their proxies use for a
// request's id, in order of preference.
var requestIDHeaders = []string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid", "Cf-Ray"}

func requestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := h.Get(k); v != "" {
			if len(v) > 200 {
				v = v[:200]
			}
			return v
		}
	}
	return ""
}
