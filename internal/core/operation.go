package core

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// Operation describes one API operation of a vendor, as data: a second
// operation is one more Operation value. Req is the request body's type and
// Res the success body's.
type Operation[Req, Res any] struct {
	// Name is the operation's id in the spec, such as "createOrders"; logs
	// carry it.
	Name string
	// Method is the HTTP method.
	Method string
	// Success lists the 2xx statuses the vendor documents. Any 2xx means the
	// vendor created the order and is decoded; one not listed is reported
	// in the response metadata's Drift.
	Success []int
	// Result says where the created object sits in a success body.
	Result ResultShape
	// Encode, when set, encodes the body instead of json.Marshal (Konvo
	// streams large batches).
	Encode func(*Req) (Body, error)
}

// ResultShape says how a success body holds the object the call created,
// so that the core can tell a body that reports the order, however drifted,
// from one that does not.
type ResultShape struct {
	// Member is the top-level member holding the created object, such as
	// "data"; "" when the whole body is the object.
	Member string
	// Array says that Member holds an array of created objects (Konvo's
	// batch): at least one of them must be an object.
	Array bool
	// SuccessFlag is the member of an envelope whose JSON false makes a 2xx
	// a failure ("success"), or "".
	SuccessFlag string
}

// Body is an encoded request body: JSON in memory, or Length bytes of JSON
// read from a new reader that Open returns for each attempt.
type Body struct {
	JSON   []byte
	Open   func() io.Reader
	Length int64
}

// JSONBody encodes v with encoding/json.
func JSONBody[T any](v *T) (Body, error) {
	b, err := json.Marshal(v)
	return Body{JSON: b}, err
}

var errNilContext = errors.New("nil Context")

// Do sends req to the operation at path, below the base URL and with its
// parameters already escaped, and returns the decoded success body. Any
// other outcome is one of the apierror types. Do validates nothing: the
// vendor package does that first.
func Do[Req, Res any](ctx context.Context, c *Client, op *Operation[Req, Res], path string, req *Req, opts ...CallOption) (*Res, error) {
	if c == nil {
		return nil, errNilClient
	}
	var cc callConfig
	for _, o := range opts {
		if o != nil {
			o(&cc)
		}
	}
	cl := &call{c: c, op: op.Name, method: op.Method, path: path}
	m := &Meta{}
	if cc.report != nil {
		defer func() { cc.report(m) }()
	}
	target := c.baseString + path
	if ctx == nil {
		// As http.NewRequestWithContext: deriving from nil would panic.
		return nil, c.notSent(op.Method, target, errNilContext)
	}
	body, err := encode(op, req)
	if err != nil {
		return nil, c.notSent(op.Method, target, c.secret.redact.Error(err))
	}
	ctx = context.WithValue(ctx, callKey{}, cl)
	rreq, err := c.newRequest(ctx, op.Method, target, body, cc, cl)
	if err != nil {
		return nil, c.notSent(op.Method, target, c.secret.redact.Error(err))
	}
	if err := cl.pace(ctx); err != nil {
		return nil, c.notSent(op.Method, target, err)
	}
	resp, err := c.retrier.Do(rreq)
	// Only a WithResponseInto or WithReport caller sees the attempts and
	// the headers: copying and scrubbing them took 4 allocations and about
	// 0.8 µs of the 24 µs in-memory konvo call (BenchmarkOverhead profile).
	if cc.report != nil {
		m.attemptsFrom(cl)
	}
	if err != nil {
		return nil, c.failed(cl, op.Method, target, err)
	}
	defer resp.Body.Close()
	m.StatusCode, m.RequestID = resp.StatusCode, c.requestID(resp.Header)
	if cc.report != nil {
		m.Header = c.secret.redact.Header(resp.Header)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := c.apiError(cl, resp)
		m.Body = e.Body
		return nil, e
	}
	return decodeSuccess[Res](c, cl, &op.Result, op.Success, resp, m)
}

// encode runs the operation's encoder, or encoding/json.
func encode[Req, Res any](op *Operation[Req, Res], req *Req) (Body, error) {
	if op.Encode != nil {
		return op.Encode(req)
	}
	return JSONBody(req)
}

// newRequest builds the call's request: its own header map, with the
// credential, the User-Agent, the Content-Type and the idempotency key, and
// the body that go-retryablehttp rewinds for each attempt.
func (c *Client) newRequest(ctx context.Context, method, target string, body Body, cc callConfig, cl *call) (*retryablehttp.Request, error) {
	var raw any = body.JSON
	if body.Open != nil {
		raw = retryablehttp.ReaderFunc(func() (io.Reader, error) { return body.Open(), nil })
	}
	rreq, err := retryablehttp.NewRequestWithContext(ctx, method, target, raw)
	if err != nil {
		return nil, err
	}
	if body.Open != nil {
		// go-retryablehttp cannot learn a ReaderFunc's length, and 0 would
		// send the body chunked.
		rreq.ContentLength = body.Length
	}
	h := make(http.Header, 5)
	h["Content-Type"] = []string{"application/json"}
	h["Accept"] = []string{"application/json"}
	h["User-Agent"] = []string{c.userAgent}
	// Set as the vendor spells it; HTTP/2 lower-cases it on the wire.
	h[c.authHeader] = []string{c.secret.authValue}
	if cc.idempotencyKey != "" {
		h["Idempotency-Key"] = []string{cc.idempotencyKey}
	}
	rreq.Header = h
	cl.header = h
	return rreq, nil
}

// notSent is the error of a call that sent nothing.
func (c *Client) notSent(method, target string, err error) error {
	return &apierror.RequestError{Vendor: c.vendor.Name, Method: method, URL: c.secret.redact.String(target), Err: err}
}

// failed is the error of a call that ended without a response to decode:
// how its last attempt ended decides whether the order may exist.
func (c *Client) failed(cl *call, method, target string, err error) error {
	e := &apierror.RequestError{Vendor: c.vendor.Name, Method: method, URL: c.secret.redact.String(target)}
	var re *apierror.RedirectError
	switch {
	case errors.As(err, &re):
		// The vendor answered with a redirect the SDK would not follow:
		// it may have created the order before redirecting.
		e.Sent, e.Err = true, re
	case !cl.stopped:
		// The policy chose to retry, and the wait or the pacing before the
		// retry ended the call: nothing more was sent.
		e.Sent, e.Err = cl.mayExist, c.secret.redact.Error(err)
	default:
		e.Sent = cl.final.Verdict == apierror.Unknown || cl.mayExist
		e.Err = c.secret.redact.Error(err)
	}
	return e
}
