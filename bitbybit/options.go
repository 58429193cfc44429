package bitbybit

import (
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/time/rate"

	"github.com/ordersdk/ordersdk-go/internal/core"
)

// Option configures a Client. New reports the first option whose argument is
// invalid.
type Option = core.Option

// CallOption configures one call.
type CallOption = core.CallOption

// WithBaseURL replaces the default server, [DefaultBaseURL]; use it to reach
// https://api.bitbybit.studio/customer/open/v1 if that is where the live API
// answers, or a test server. The URL must be https unless its host is a
// loopback address.
func WithBaseURL(rawURL string) Option { return core.WithBaseURL(rawURL) }

// WithHTTPClient sets the http.Client whose Transport and Timeout are used. It
// is copied; the copy's redirect policy refuses any redirect off the base URL's
// host, so the API key never leaves it.
func WithHTTPClient(hc *http.Client) Option { return core.WithHTTPClient(hc) }

// WithMaxRetries sets how many times a failure that proves nothing was created
// (429 RATE_LIMIT_EXCEEDED, 503 SERVICE_UNAVAILABLE, 408, a connection that
// never carried the request) is retried. The default is 2.
func WithMaxRetries(n int) Option { return core.WithMaxRetries(n) }

// WithRetryAmbiguous also retries failures whose outcome is unknown (500, 502,
// 504, a connection lost after sending). bitbybit documents no idempotency key
// and assigns the order id itself, so a retry can create the order twice: use
// this only if duplicates are cheaper to clean up than lost orders.
func WithRetryAmbiguous() Option { return core.WithRetryAmbiguous() }

// WithMaxRetryWait caps the wait the server may ask for with RateLimit-Reset
// (which bitbybit sends, in seconds until its one-minute window resets),
// Retry-After or retry-after-ms. The default is 60 seconds.
func WithMaxRetryWait(d time.Duration) Option { return core.WithMaxRetryWait(d) }

// WithBackoff sets the exponential backoff with full jitter used when the
// server gives no hint, as on a 503. The default is a base of 500ms and a cap
// of 8s.
func WithBackoff(base, maxWait time.Duration) Option { return core.WithBackoff(base, maxWait) }

// WithLogger sends one debug record per attempt to l: method, host, path,
// status, attempt, duration and the delay chosen. Headers and bodies are never
// logged, so neither the API key nor customers' details reach the log. The
// default logs nothing.
func WithLogger(l *slog.Logger) Option { return core.WithLogger(l) }

// WithUserAgent replaces the default User-Agent, "ordersdk-go/<version> (bitbybit)".
func WithUserAgent(ua string) Option { return core.WithUserAgent(ua) }

// WithoutValidation turns off client-side validation, including the
// customerId-or-customer rule, so that invalid orders reach bitbybit and come
// back as an *APIError with CodeValidationError.
func WithoutValidation() Option { return core.WithoutValidation() }

// WithRateLimit paces the client to r requests per second with bursts of
// burst. bitbybit allows 100 requests per minute per API key, so clients that
// share a key can stay under it with, for example,
// WithRateLimit(rate.Every(600*time.Millisecond), 10).
func WithRateLimit(r rate.Limit, burst int) Option { return core.WithRateLimit(r, burst) }

// WithIdempotencyKey sends key as the Idempotency-Key header on every attempt of
// the call. bitbybit does not document the header, so it is likely ignored
// there; it helps only a proxy in between that deduplicates by it.
func WithIdempotencyKey(key string) CallOption { return core.WithIdempotencyKey(key) }
