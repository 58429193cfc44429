package core

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// Option configures a Client. Each vendor package re-exports the options as
// functions of its own.
type Option func(*settings) error

// settings is what the options build; New turns it into a Client.
type settings struct {
	baseURL        string
	httpClient     *http.Client
	maxRetries     int
	retryAmbiguous bool
	maxRetryWait   time.Duration
	backoffBase    time.Duration
	backoffCap     time.Duration
	logger         *slog.Logger
	userAgent      string
	validate       bool
	authHeader     string
	authScheme     string
	limiter        *rate.Limiter
}

// Defaults of the retry policy, documented on the vendor options.
const (
	DefaultMaxRetries   = 2
	DefaultMaxRetryWait = 60 * time.Second
	DefaultBackoffBase  = 500 * time.Millisecond
	DefaultBackoffCap   = 8 * time.Second
)

// WithBaseURL sets the API's base URL. It must be https unless its host is a
// loopback address.
func WithBaseURL(rawURL string) Option {
	return func(s *settings) error {
		if rawURL == "" {
			return errors.New("base URL is empty")
		}
		s.baseURL = rawURL
		return nil
	}
}

// WithHTTPClient sets the http.Client whose Transport and Timeout the client
// uses. The client is copied: its CheckRedirect is wrapped by the SDK's
// redirect policy and its Transport by the SDK's authentication.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) error {
		if hc == nil {
			return errors.New("http client is nil")
		}
		s.httpClient = hc
		return nil
	}
}

// WithMaxRetries sets how many times a safe-to-retry failure is retried.
func WithMaxRetries(n int) Option {
	return func(s *settings) error {
		if n < 0 || n > 20 {
			return fmt.Errorf("max retries %d is outside 0..20", n)
		}
		s.maxRetries = n
		return nil
	}
}

// WithRetryAmbiguous opts in to retrying failures whose outcome is unknown.
func WithRetryAmbiguous() Option {
	return func(s *settings) error {
		s.retryAmbiguous = true
		return nil
	}
}

// WithMaxRetryWait caps the wait a server may ask for before a retry.
func WithMaxRetryWait(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("max retry wait %v must be positive", d)
		}
		s.maxRetryWait = d
		return nil
	}
}

// WithBackoff sets the base and the cap of the exponential backoff.
func WithBackoff(base, maxWait time.Duration) Option {
	return func(s *settings) error {
		if base <= 0 || maxWait < base {
			return fmt.Errorf("backoff base %v and cap %v: need 0 < base <= cap", base, maxWait)
		}
		s.backoffBase, s.backoffCap = base, maxWait
		return nil
	}
}

// WithLogger sets the logger that receives one debug record per attempt.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		if l == nil {
			return errors.New("logger is nil")
		}
		s.logger = l
		return nil
	}
}

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(s *settings) error {
		if ua == "" {
			return errors.New("user agent is empty")
		}
		s.userAgent = ua
		return nil
	}
}

// WithoutValidation turns off client-side validation.
func WithoutValidation() Option {
	return func(s *settings) error {
		s.validate = false
		return nil
	}
}

// WithAuthHeader sets the header that carries the credential and the scheme
// word put in front of it ("Bearer"); an empty scheme sends the credential raw.
func WithAuthHeader(header, scheme string) Option {
	return func(s *settings) error {
		if header == "" || !validHeaderName(header) {
			return fmt.Errorf("auth header name %q is not a valid header name", header)
		}
		s.authHeader, s.authScheme = header, scheme
		return nil
	}
}

// WithAuthScheme keeps the vendor's auth header and sets the scheme word put in
// front of the credential.
func WithAuthScheme(scheme string) Option {
	return func(s *settings) error {
		s.authScheme = scheme
		return nil
	}
}

// WithRateLimit paces requests on the client side to at most r per second with
// bursts of burst, before any attempt is made.
func WithRateLimit(r rate.Limit, burst int) Option {
	return func(s *settings) error {
		if r <= 0 || burst < 1 {
			return fmt.Errorf("rate limit %v with burst %d: both must be positive", r, burst)
		}
		s.limiter = rate.NewLimiter(r, burst)
		return nil
	}
}

func validHeaderName(h string) bool {
	for _, c := range h {
		if c <= ' ' || c >= 0x7f || c == ':' {
			return false
		}
	}
	return true
}

// CallOption configures one call.
type CallOption func(*callSettings)

type callSettings struct {
	idempotencyKey string
}

// applyCallOptions returns the settings opts make. It is apart from post so
// that a call without options does not put its settings on the heap.
func applyCallOptions(opts []CallOption) callSettings {
	var cs callSettings
	for _, o := range opts {
		if o != nil {
			o(&cs)
		}
	}
	return cs
}

// WithIdempotencyKey sends key as the Idempotency-Key header on every attempt
// of the call.
func WithIdempotencyKey(key string) CallOption {
	return func(c *callSettings) { c.idempotencyKey = key }
}
