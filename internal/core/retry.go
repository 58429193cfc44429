package core

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// call is the state of one call: the retry policy's decisions for it, what
// the log records need, and whether its attempt under way was written.
//
// go-retryablehttp's hooks are per client, and checkRetry hands the wait it
// chose to Backoff through the client, so each call borrows a
// retryablehttp.Client of its own from Client.retriers for as long as it
// runs. The hooks are plain functions that find the call in the request's
// context (callFrom) rather than closures over it, which would cost an
// allocation each.
//
// The call is itself that context: the caller's, with the call's
// ClientTrace, and answering callKey with the call. A context.WithValue
// would cost one allocation more per call.
type call struct {
	context.Context
	c  *Client
	rc *retryablehttp.Client
	// trace records in wrote whether the attempt under way wrote its
	// request: a failure before that proves the order was not created.
	trace   httptrace.ClientTrace
	wrote   atomic.Bool
	attempt int // 1-based number of the attempt under way
	started time.Time
	// mayExist records that an attempt retried under WithRetryAmbiguous may
	// have created the order, so that a later failure (a cancel during the
	// backoff, a 429 to the retry) still reports the outcome as unknown.
	mayExist bool
	// paced and sentAt are set when the pacer let the attempt go.
	paced  bool
	sentAt time.Time
	// rreq is the request go-retryablehttp sends, and payload the body
	// of a call whose body is in memory: they live in the call so that its
	// one allocation holds them too.
	rreq    retryablehttp.Request
	payload bytes.Reader
}

type callKey struct{}

// Value returns the call for callKey, and else what the caller's context
// holds for key.
func (cl *call) Value(key any) any {
	if _, ok := key.(callKey); ok {
		return cl
	}
	return cl.Context.Value(key)
}

// callFrom returns the call whose request carries ctx, or nil.
func callFrom(ctx context.Context) *call {
	cl, _ := ctx.Value(callKey{}).(*call)
	return cl
}

func (cl *call) wroteRequest(i httptrace.WroteRequestInfo) {
	if i.Err == nil {
		cl.wrote.Store(true)
	}
}

// send runs the attempts of one call through go-retryablehttp and returns the
// final response (2xx or not), or an error from apierror. The body is
// payload, or when stream is not nil what stream reads, encoded as it is
// read; length is its length in bytes. ambiguous reports that an earlier
// attempt, retried under WithRetryAmbiguous, may have created the order, so
// that no final response can prove it was not.
func (c *Client) send(ctx context.Context, url string, payload []byte, stream retryablehttp.ReaderFunc, length int64, cs callSettings) (resp *http.Response, ambiguous bool, err error) {
	cl := &call{c: c}
	cl.trace.WroteRequest = cl.wroteRequest
	cl.Context = httptrace.WithClientTrace(ctx, &cl.trace)
	req, err := http.NewRequestWithContext(cl, http.MethodPost, url, nil)
	if err == nil {
		cl.rreq.Request = req
		if stream != nil {
			err = cl.rreq.SetBody(stream)
		} else {
			// SetBody gives each attempt a copy of the reader.
			cl.payload.Reset(payload)
			err = cl.rreq.SetBody(&cl.payload)
		}
	}
	if err != nil {
		return nil, false, c.BuildError(url, err)
	}
	// SetBody cannot learn the length of a ReaderFunc and sets 0, which
	// would send the body chunked.
	req.ContentLength = length
	c.prepare(req, cs.idempotencyKey)
	if err := cl.pace(); err != nil {
		return nil, false, c.requestError(req, err, false)
	}
	cl.rc = c.retriers.Get().(*retryablehttp.Client)
	resp, err = cl.rc.Do(&cl.rreq)
	c.retriers.Put(cl.rc)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		var ae *attemptError
		sent := (errors.As(err, &ae) && ae.sent) || cl.mayExist
		return nil, cl.mayExist, c.requestError(req, err, sent)
	}
	return resp, cl.mayExist, nil
}

// newRetrier returns the retryablehttp.Client that runs a call's attempts:
// the retry policy's hooks, on c's http.Client. A call borrows one from
// c.retriers, whose clients are all alike but for the RetryWaitMin the
// running call last set.
func (c *Client) newRetrier() any {
	return &retryablehttp.Client{
		HTTPClient:     c.http,
		RetryMax:       c.set.maxRetries,
		CheckRetry:     checkRetry,
		Backoff:        chosenBackoff,
		ErrorHandler:   passthrough,
		RequestLogHook: beforeAttempt,
		PrepareRetry:   beforeRetry,
	}
}

// passthrough returns the last response or error as it is, so that post can
// turn a final 429 or 503 into an APIError with the vendor's message instead of
// go-retryablehttp's "giving up" text.
func passthrough(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err != nil && resp != nil {
		resp.Body.Close()
		return nil, err
	}
	return resp, err
}

func (c *Client) requestError(req *http.Request, err error, sent bool) error {
	var re *apierror.RedirectError
	if errors.As(err, &re) {
		// The Location came from the server, which may have put the
		// credential in it.
		re.From, re.To = c.scrubString(re.From), c.scrubString(re.To)
		if !sent {
			return re
		}
		// A redirect answering a retry proves nothing about the earlier
		// attempt that may have created the order.
		return &apierror.RequestError{Vendor: c.vendor.Name, Method: req.Method, URL: c.scrubString(redactURL(req.URL)), Sent: true, Err: re}
	}
	return &apierror.RequestError{Vendor: c.vendor.Name, Method: req.Method, URL: c.scrubString(redactURL(req.URL)), Sent: sent,
		Err: redact(unwrapAttempt(err), c.secret.credential)}
}

// unwrapAttempt drops the internal attemptError from the chain, keeping what it
// wrapped (and the *url.Error around it).
func unwrapAttempt(err error) error {
	var ae *attemptError
	if !errors.As(err, &ae) {
		return err
	}
	return ae.err
}

// beforeAttempt is the RequestLogHook: it counts the attempt and starts its
// clock.
func beforeAttempt(_ retryablehttp.Logger, req *http.Request, i int) {
	if cl := callFrom(req.Context()); cl != nil {
		cl.attempt = i + 1
		if cl.c.set.logger != nil {
			// Read only by log.
			cl.started = time.Now()
		}
	}
}

// beforeRetry is the PrepareRetry hook: a retry is paced like a first attempt.
func beforeRetry(req *http.Request) error {
	if cl := callFrom(req.Context()); cl != nil {
		return cl.pace()
	}
	return nil
}

// pace holds an attempt back, retries included: first for the caller's
// client-side limit, then for the vendor's rate-limit window. An error means
// the attempt must not be sent.
func (cl *call) pace() error {
	if l := cl.c.set.limiter; l != nil {
		if err := l.Wait(cl); err != nil {
			if cl.Err() == nil {
				// Wait fails at once, without wrapping the context's error,
				// when the wait would outlive the deadline; wrap it, so that
				// errors.Is(err, context.DeadlineExceeded) holds as it would
				// had the call waited for the deadline.
				err = fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
			}
			return err
		}
	}
	at, err := cl.c.pacer.wait(cl, cl.c.set.maxRetryWait)
	if err != nil {
		return err
	}
	cl.paced, cl.sentAt = true, at
	return nil
}

// checkRetry is the retry policy. A create-order POST is not idempotent, so
// only failures that prove the order was not created are retried by default.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	cl := callFrom(ctx)
	if cl == nil {
		return false, nil
	}
	if cl.paced {
		var h http.Header
		if resp != nil {
			h = resp.Header
		}
		cl.c.pacer.done(cl.sentAt, h)
		cl.paced = false
	}
	retry, delay, unknown := cl.decide(ctx, resp, err)
	if retry && cl.attempt > cl.c.set.maxRetries {
		retry = false
	}
	if !retry {
		delay = 0
	}
	if retry && unknown {
		// Whatever the next attempts get, this one may have created the order.
		cl.mayExist = true
	}
	// go-retryablehttp passes RetryWaitMin to Backoff right after this
	// returns, on this goroutine: the wait chosen here reaches chosenBackoff
	// without a closure, which resp, nil after a transport error, could not
	// carry.
	cl.rc.RetryWaitMin = delay
	cl.log(resp, err, delay)
	return retry, nil
}

// decide says whether to retry the attempt that ended with resp or err, after
// what delay, and whether the attempt may have created the order.
func (cl *call) decide(ctx context.Context, resp *http.Response, err error) (retry bool, delay time.Duration, unknown bool) {
	if err != nil {
		var ae *attemptError
		sent := errors.As(err, &ae) && ae.sent
		switch {
		case ctx.Err() != nil:
			// The caller gave up; nothing is retried after that.
			return false, 0, sent
		case isRedirect(err):
			return false, 0, false
		case !sent:
			// Dial, refused, TLS handshake: the vendor never saw the order.
			return true, cl.backoffDelay(nil), false
		case cl.c.set.retryAmbiguous:
			// The caller opted in: the vendor deduplicates (by idempotency key
			// or order id), so a second copy of the order is harmless.
			return true, cl.backoffDelay(nil), true
		}
		// Sent, then lost: the order may exist. Retrying could ship it twice.
		return false, 0, true
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusRequestTimeout:
		// The vendor says it did not process the request: safe to send again.
		delay := cl.backoffDelay(resp)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
			// Sleeping would outlive the caller's deadline: return the
			// rate-limit error now, with its Retry-After, instead.
			return false, 0, false
		}
		return true, delay, false
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		// The vendor may have created the order before failing; retry only
		// when the caller opted in.
		return cl.c.set.retryAmbiguous, cl.backoffDelay(resp), true
	}
	return false, 0, false
}

func isRedirect(err error) bool {
	var re *apierror.RedirectError
	return errors.As(err, &re)
}

// backoffDelay is the server's hint, capped, or else exponential backoff with
// full jitter: a random wait in [0, min(cap, base*2^(attempt-1))].
func (cl *call) backoffDelay(resp *http.Response) time.Duration {
	s := cl.c.set
	if resp != nil {
		if hint := retryHint(resp.Header); hint > 0 {
			return min(hint, s.maxRetryWait)
		}
	}
	ceiling := s.backoffCap
	if shift := cl.attempt - 1; shift < 30 {
		ceiling = min(s.backoffCap, s.backoffBase<<shift)
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// chosenBackoff is the Backoff hook: the wait checkRetry chose, which it
// left in RetryWaitMin.
func chosenBackoff(chosen, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return chosen
}

// retryHint reads the wait a response asks for: retry-after-ms, Retry-After
// (seconds or an HTTP date), or RateLimit-Reset (seconds until the window
// resets, as bitbybit sends). Zero when there is none.
func retryHint(h http.Header) time.Duration {
	if v := h.Get("Retry-After-Ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 && ms < 1e12 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.ParseInt(v, 10, 64); err == nil {
			if s > 0 && s < 1e9 {
				return time.Duration(s) * time.Second
			}
			return 0
		}
		if t, err := http.ParseTime(v); err == nil {
			if d := time.Until(t); d > 0 {
				return d
			}
		}
		return 0
	}
	if v := h.Get("Ratelimit-Reset"); v != "" {
		if s, err := strconv.ParseInt(v, 10, 64); err == nil && s > 0 && s < 1e9 {
			return time.Duration(s) * time.Second
		}
	}
	return 0
}

// log writes the attempt's one debug record. Header values and bodies are
// never logged: they carry the credential and customers' personal data.
func (cl *call) log(resp *http.Response, err error, delay time.Duration) {
	l := cl.c.set.logger
	if l == nil || !l.Enabled(cl, slog.LevelDebug) {
		return
	}
	// A retry's request is go-retryablehttp's shallow copy of the first.
	req := cl.rreq.Request
	attrs := []slog.Attr{
		slog.String("vendor", cl.c.vendor.Name),
		slog.String("method", req.Method),
		slog.String("host", req.URL.Host),
		slog.String("path", req.URL.Path),
		slog.Int("attempt", cl.attempt),
		slog.Duration("duration", time.Since(cl.started)),
		slog.Duration("delay", delay),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		var ae *attemptError
		attrs = append(attrs, slog.Bool("sent", errors.As(err, &ae) && ae.sent), slog.String("error", errorKind(err)))
	}
	l.LogAttrs(cl, slog.LevelDebug, "ordersdk attempt", attrs...)
}

// errorKind names a transport failure without its text, which can hold URLs or
// addresses the caller would rather not log.
func errorKind(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case isRedirect(err):
		return "redirect refused"
	}
	return "transport error"
}
