package core

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// call is the state of one call, owned by the SDK: the attempts made so far
// and the retry policy's decisions. It travels in the request's context under
// callKey, as the context package documents for request-scoped values, so
// that go-retryablehttp's hooks and the SDK's transport find it. It never
// travels in an error.
type call struct {
	c *Client
	// op, method and path name the operation and where it is sent, for
	// the log.
	op, method, path string
	// attempts holds one record per attempt; the last is the one under way.
	attempts []*attempt
	// budgetUsed counts the retries that spend WithMaxRetries; rateWaited
	// sums the waits before retries that do not (429, and 503 with a hint).
	budgetUsed int
	rateWaited time.Duration
	// wait is the delay afterAttempt chose before the next attempt, taken by
	// beforeRetry.
	wait time.Duration
	// mayExist records that an attempt whose outcome was unknown was
	// retried (WithRetryAmbiguous): whatever the later attempts get, the
	// order may exist.
	mayExist bool
	// final is the row of the classification table that ended the call,
	// once stopped says the policy decided not to retry.
	final   apierror.Row
	stopped bool
	// header is the request's header as the SDK built it; each retry starts
	// from a copy, so that nothing a Transport or cookie jar added to one
	// attempt carries to the next.
	header http.Header
	// paced is set while the pacer counts the attempt under way, sent at
	// sentAt.
	paced  bool
	sentAt time.Time
}

type callKey struct{}

// callFrom returns the call whose request carries ctx, or nil.
func callFrom(ctx context.Context) *call {
	cl, _ := ctx.Value(callKey{}).(*call)
	return cl
}

// current returns the attempt under way.
func (cl *call) current() *attempt { return cl.attempts[len(cl.attempts)-1] }

// attempt is what the SDK saw of one attempt on the wire, recorded by the
// attempt's httptrace hooks and by the request body reader of the SDK's own
// (wireBody). A Transport or http.Client setting can wrap or replace the
// errors net/http returns, but not this record.
type attempt struct {
	n     int // 1-based
	start time.Time
	// reached is the furthest wire phase the attempt got to; hooks run on
	// net/http's goroutines, so it is atomic.
	reached atomic.Int32
	// hops counts the requests the attempt sent, redirects followed
	// included.
	hops int
	// status is the response's status, 0 without a response.
	status int
	// failure names the transport failure, "" without one.
	failure string
	// requestID is the vendor's id of the response, for the log.
	requestID string
	// hint is the retry hint of the response, before the cap; explicitHint
	// says it came from Retry-After or retry-after-ms rather than from
	// RateLimit-Reset.
	hint         time.Duration
	explicitHint bool
	// row is how the classification table decided the attempt.
	row apierror.Row
	// wait is the delay chosen before the next attempt.
	wait time.Duration
	took time.Duration
}

// Wire phases an attempt goes through, in order.
const (
	phaseNone     int32 = iota // nothing yet
	phaseConn                  // a connection was obtained
	phaseWritten               // request bytes were handed to the connection
	phaseResponse              // the response's headers arrived
)

// raise records that the attempt got at least as far as p.
func (a *attempt) raise(p int32) {
	for {
		old := a.reached.Load()
		if old >= p || a.reached.CompareAndSwap(old, p) {
			return
		}
	}
}

// phase returns the classification phase of a finished attempt.
func (a *attempt) phase() apierror.Phase {
	switch a.reached.Load() {
	case phaseResponse:
		return apierror.Answered
	case phaseWritten:
		return apierror.Written
	}
	// A connection was obtained at most: nothing was handed to it.
	return apierror.Unsent
}

// trace returns the hooks that record the attempt's wire phases. They are
// installed per request the attempt sends, redirects included.
func (a *attempt) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { a.raise(phaseConn) },
		// WroteHeaders runs once the headers are in the connection's
		// buffer, which may be flushed at any moment after.
		WroteHeaders:         func() { a.raise(phaseWritten) },
		GotFirstResponseByte: func() { a.raise(phaseResponse) },
	}
}

// wireBody is the request body as net/http reads it: a Read means that body
// bytes are being handed to the connection, whatever a Transport does with
// the hooks.
type wireBody struct {
	body    io.ReadCloser
	attempt *attempt
}

func (b *wireBody) Read(p []byte) (int, error) {
	b.attempt.raise(phaseWritten)
	return b.body.Read(p)
}

func (b *wireBody) Close() error { return b.body.Close() }
