package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// Option configures a Client. Each vendor package wraps these in an Option
// type of its own, documented for that vendor.
type Option func(*config) error

// config is what the options build; New turns it into a Client.
type config struct {
	baseURL          string
	httpClient       *http.Client
	maxRetries       int
	retryAmbiguous   bool
	maxRetryWait     time.Duration
	maxRateLimitWait time.Duration
	backoffBase      time.Duration
	backoffCap       time.Duration
	logger           *slog.Logger
	userAgent        string
	validate         bool
	authHeader       string
	authScheme       string
	limiter          Limiter
}

// Defaults of the retry policy, documented on the vendor options.
const (
	DefaultMaxRetries       = 2
	DefaultMaxRetryWait     = 60 * time.Second
	DefaultMaxRateLimitWait = 5 * time.Minute
	DefaultBackoffBase      = 500 * time.Millisecond
	DefaultBackoffCap       = 8 * time.Second
)

// Limiter holds an attempt back until it may be sent, or returns the error
// that says why it may not (the context's, or a limiter's own). Every attempt,
// retries included, waits on it. *rate.Limiter satisfies it, and so does the
// Redis-backed limiter of module github.com/ordersdk/ordersdk-go/redislimit,
// which shares one limit across processes.
type Limiter interface {
	Wait(ctx context.Context) error
}

// WithBaseURL sets the API's base URL. It must be https unless its host is a
// loopback address.
func WithBaseURL(rawURL string) Option {
	return func(s *config) error {
		if rawURL == "" {
			return errors.New("base URL is empty")
		}
		s.baseURL = rawURL
		return nil
	}
}

// WithHTTPClient sets the http.Client whose Transport, Timeout, Jar and
// CheckRedirect the client uses. It is copied: the copy's CheckRedirect is
// wrapped by the SDK's redirect policy and its Transport by the SDK's own,
// which authenticates each request and records what reached the wire.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *config) error {
		if hc == nil {
			return errors.New("http client is nil")
		}
		s.httpClient = hc
		return nil
	}
}

// WithMaxRetries sets how many times a failure that proves the order was not
// created (but a 429) is retried.
func WithMaxRetries(n int) Option {
	return func(s *config) error {
		if n < 0 || n > 20 {
			return fmt.Errorf("max retries %d is outside 0..20", n)
		}
		s.maxRetries = n
		return nil
	}
}

// WithRetryAmbiguous opts in to retrying failures whose outcome is unknown.
func WithRetryAmbiguous() Option {
	return func(s *config) error {
		s.retryAmbiguous = true
		return nil
	}
}

// WithMaxRetryWait caps any one wait the server may ask for before a retry.
func WithMaxRetryWait(d time.Duration) Option {
	return func(s *config) error {
		if d <= 0 {
			return fmt.Errorf("max retry wait %v must be positive", d)
		}
		s.maxRetryWait = d
		return nil
	}
}

// WithMaxRateLimitWait caps the total time one call spends waiting to retry
// 429s (and 503s that carry a hint), which WithMaxRetries does not count.
func WithMaxRateLimitWait(d time.Duration) Option {
	return func(s *config) error {
		if d < 0 {
			return fmt.Errorf("max rate-limit wait %v must not be negative", d)
		}
		s.maxRateLimitWait = d
		return nil
	}
}

// WithBackoff sets the base and the cap of the exponential backoff.
func WithBackoff(base, maxWait time.Duration) Option {
	return func(s *config) error {
		if base <= 0 || maxWait < base {
			return fmt.Errorf("backoff base %v and cap %v: need 0 < base <= cap", base, maxWait)
		}
		s.backoffBase, s.backoffCap = base, maxWait
		return nil
	}
}

// WithLogger sets the logger that receives one debug record per attempt.
func WithLogger(l *slog.Logger) Option {
	return func(s *config) error {
		if l == nil {
			return errors.New("logger is nil")
		}
		s.logger = l
		return nil
	}
}

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(s *config) error {
		if ua == "" {
			return errors.New("user agent is empty")
		}
		if !validHeaderValue(ua) {
			return errors.New("user agent contains a control character")
		}
		s.userAgent = ua
		return nil
	}
}

// WithoutValidation turns off client-side validation.
func WithoutValidation() Option {
	return func(s *config) error {
		s.validate = false
		return nil
	}
}

// WithAuthHeader sets the header that carries the credential and the scheme
// word put in front of it ("Bearer"); an empty scheme sends the credential raw.
func WithAuthHeader(header, scheme string) Option {
	return func(s *config) error {
		if header == "" || !validHeaderName(header) {
			return errors.New("auth header name is not a valid header name")
		}
		if !validHeaderValue(scheme) {
			return errors.New("auth scheme contains a control character")
		}
		s.authHeader, s.authScheme = header, scheme
		return nil
	}
}

// WithAuthScheme keeps the vendor's auth header and sets the scheme word put in
// front of the credential.
func WithAuthScheme(scheme string) Option {
	return func(s *config) error {
		if !validHeaderValue(scheme) {
			return errors.New("auth scheme contains a control character")
		}
		s.authScheme = scheme
		return nil
	}
}

// WithRateLimit paces requests on the client side to at most r per second with
// bursts of burst, before any attempt is made. It is WithLimiter with a
// *rate.Limiter of this process alone.
func WithRateLimit(r rate.Limit, burst int) Option {
	return func(s *config) error {
		if r <= 0 || burst < 1 {
			return fmt.Errorf("rate limit %v with burst %d: both must be positive", r, burst)
		}
		s.limiter = rate.NewLimiter(r, burst)
		return nil
	}
}

// WithLimiter makes every attempt wait on l first.
func WithLimiter(l Limiter) Option {
	return func(s *config) error {
		if l == nil {
			return errors.New("limiter is nil")
		}
		s.limiter = l
		return nil
	}
}

// validHeaderName reports whether h is an HTTP token.
func validHeaderName(h string) bool {
	for _, c := range h {
		if c <= ' ' || c >= 0x7f || c == ':' {
			return false
		}
	}
	return true
}

// validHeaderValue reports whether v holds no control character, which
// net/http would refuse to send.
func validHeaderValue(v string) bool {
	for _, c := range v {
		if (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// CallOption configures one call.
type CallOption func(*callConfig)

// callConfig is what the call options build.
type callConfig struct {
	idempotencyKey string
	// report, when set, receives the call's response metadata when the call
	// ends, whether it succeeded or not.
	report func(*Meta)
}

// WithIdempotencyKey sends key as the Idempotency-Key header on every attempt
// of the call.
func WithIdempotencyKey(key string) CallOption {
	return func(c *callConfig) { c.idempotencyKey = key }
}

// WithReport hands the call's response metadata to report when the call
// ends, on success and on failure. Vendor packages build their
// WithResponseInto on it.
func WithReport(report func(*Meta)) CallOption {
	return func(c *callConfig) { c.report = report }
}
