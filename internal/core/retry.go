package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// call is the state of one Do: the retry policy's decisions for it and what
// the log records need. go-retryablehttp's hooks are per client, so each call
// gets a retryablehttp.Client whose hooks close over its own call.
type call struct {
	c       *Client
	ctx     context.Context
	req     *http.Request
	attempt int // 1-based number of the attempt under way
	started time.Time
	delay   time.Duration // the wait before the next attempt, chosen by checkRetry
	// mayExist records that an attempt retried under WithRetryAmbiguous may
	// have created the order, so that a later failure (a cancel during the
	// backoff, a 429 to the retry) still reports the outcome as unknown.
	mayExist bool
	// paced and sentAt are set when the pacer let the attempt go.
	paced  bool
	sentAt time.Time
}

// send runs the attempts of one call through go-retryablehttp and returns the
// final response (2xx or not), or an error from apierror. ambiguous reports
// that an earlier attempt, retried under WithRetryAmbiguous, may have created
// the order, so that no final response can prove it was not.
func (c *Client) send(ctx context.Context, req *http.Request, cs callSettings) (resp *http.Response, ambiguous bool, err error) {
	// Set once on the request that every attempt copies, so that the vendor
	// sees one idempotency key for the whole call.
	req = c.prepare(ctx, req, cs.idempotencyKey)
	cl := &call{c: c, ctx: ctx, req: req}
	rreq := &retryablehttp.Request{Request: req}
	if getBody := req.GetBody; getBody != nil {
		// GetBody replays the generated builder's bytes without copying them.
		length := req.ContentLength
		if err := rreq.SetBody(retryablehttp.ReaderFunc(func() (io.Reader, error) { return getBody() })); err != nil {
			return nil, false, c.requestError(req, err, false)
		}
		// SetBody cannot learn the length from a ReaderFunc and sets 0, which
		// would send the body chunked; keep the builder's Content-Length.
		rreq.ContentLength = length
	}
	if err := cl.pace(); err != nil {
		return nil, false, c.requestError(req, err, false)
	}
	rc := &retryablehttp.Client{
		HTTPClient:     c.http,
		RetryMax:       c.set.maxRetries,
		CheckRetry:     cl.checkRetry,
		Backoff:        cl.backoff,
		ErrorHandler:   passthrough,
		RequestLogHook: cl.beforeAttempt,
		PrepareRetry:   func(*http.Request) error { return cl.pace() },
	}
	resp, err = rc.Do(rreq)
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

// passthrough returns the last response or error as it is, so that Do can
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

func (cl *call) beforeAttempt(_ retryablehttp.Logger, _ *http.Request, i int) {
	cl.attempt = i + 1
	cl.started = time.Now()
}

// pace holds an attempt back, retries included: first for the caller's
// client-side limit, then for the vendor's rate-limit window. An error means
// the attempt must not be sent.
func (cl *call) pace() error {
	if l := cl.c.set.limiter; l != nil {
		if err := l.Wait(cl.ctx); err != nil {
			if cl.ctx.Err() == nil {
				// Wait fails at once, without wrapping the context's error,
				// when the wait would outlive the deadline; wrap it, so that
				// errors.Is(err, context.DeadlineExceeded) holds as it would
				// had the call waited for the deadline.
				err = fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
			}
			return err
		}
	}
	at, err := cl.c.pacer.wait(cl.ctx, cl.c.set.maxRetryWait)
	if err != nil {
		return err
	}
	cl.paced, cl.sentAt = true, at
	return nil
}

// checkRetry is the retry policy. A create-order POST is not idempotent, so
// only failures that prove the order was not created are retried by default.
func (cl *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
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
	cl.delay = delay
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

// backoff hands go-retryablehttp the wait checkRetry chose.
func (cl *call) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return cl.delay
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
	if v := h.Get("RateLimit-Reset"); v != "" {
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
	if l == nil || !l.Enabled(cl.ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("vendor", cl.c.vendor.Name),
		slog.String("method", cl.req.Method),
		slog.String("host", cl.req.URL.Host),
		slog.String("path", cl.req.URL.Path),
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
	l.LogAttrs(cl.ctx, slog.LevelDebug, "ordersdk attempt", attrs...)
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
