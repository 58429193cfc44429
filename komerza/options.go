package komerza

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

// WithBaseURL replaces the production server, https://api.komerza.com. The URL
// must be https unless its host is a loopback address.
func WithBaseURL(rawURL string) Option { return core.WithBaseURL(rawURL) }

// WithHTTPClient sets the http.Client whose Transport and Timeout are used. It
// is copied; the copy's redirect policy refuses any redirect off the base URL's
// host.
func WithHTTPClient(hc *http.Client) Option { return core.WithHTTPClient(hc) }

// WithMaxRetries sets how many times a failure that proves nothing was created
// (429, 503, 408, a connection that never carried the request) is retried.
// The default is 2.
func WithMaxRetries(n int) Option { return core.WithMaxRetries(n) }

// WithRetryAmbiguous also retries failures whose outcome is unknown (500, 502,
// 504, a connection lost after sending). Komerza documents no idempotency key,
// so such a retry may create a second order; use it only when duplicates are
// acceptable or are removed afterwards.
func WithRetryAmbiguous() Option { return core.WithRetryAmbiguous() }

// WithMaxRetryWait caps the wait the server may ask for with Retry-After,
// retry-after-ms or RateLimit-Reset. The default is 60 seconds.
func WithMaxRetryWait(d time.Duration) Option { return core.WithMaxRetryWait(d) }

// WithBackoff sets the exponential backoff with full jitter used when the
// server gives no hint. The default is a base of 500ms and a cap of 8s.
func WithBackoff(base, maxWait time.Duration) Option { return core.WithBackoff(base, maxWait) }

// WithLogger sends one debug record per attempt to l: method, host, path,
// status, attempt, duration and the delay chosen. Headers and bodies are never
// logged. The default logs nothing.
func WithLogger(l *slog.Logger) Option { return core.WithLogger(l) }

// WithUserAgent replaces the default User-Agent, "ordersdk-go/<version> (komerza)".
func WithUserAgent(ua string) Option { return core.WithUserAgent(ua) }

// WithoutValidation turns off client-side validation of the order, so that
// invalid orders reach Komerza and come back as an *APIError with code
// ValidationError. An empty store id is still refused.
func WithoutValidation() Option { return core.WithoutValidation() }

// WithRateLimit paces the client to r requests per second with bursts of burst.
// Komerza publishes no limits; it answers 429 (code RateLimited) when exceeded.
func WithRateLimit(r rate.Limit, burst int) Option { return core.WithRateLimit(r, burst) }

// WithIdempotencyKey sends key as the Idempotency-Key header on every attempt of
// the call. Komerza documents no such header, so it protects only against
// duplicates where a proxy in front of Komerza honours it.
func WithIdempotencyKey(key string) CallOption { return core.WithIdempotencyKey(key) }
