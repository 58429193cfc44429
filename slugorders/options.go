package slugorders

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

// WithBaseURL sets Enad's server, such as "https://api.example-enad-host.com".
// It is required: Enad documents no public base URL for its management API.
// The URL must be https unless its host is a loopback address; the operation
// path /api/v1/... is resolved beneath it.
func WithBaseURL(rawURL string) Option { return core.WithBaseURL(rawURL) }

// WithAuthHeader sends the token in header, preceded by scheme and a space,
// instead of the default "Authorization: Bearer <token>", which is an
// assumption because Enad documents no authentication. An empty scheme sends
// the token raw: WithAuthHeader("X-Api-Key", "") sends "X-Api-Key: <token>"
// and no Authorization header. New rejects an invalid header name.
func WithAuthHeader(header, scheme string) Option { return core.WithAuthHeader(header, scheme) }

// WithHTTPClient sets the http.Client whose Transport and Timeout are used. It
// is copied; the copy's redirect policy refuses any redirect off the base URL's
// host.
func WithHTTPClient(hc *http.Client) Option { return core.WithHTTPClient(hc) }

// WithMaxRetries sets how many times a failure that proves nothing was created
// (429, 503, 408, a connection that never carried the request) is retried.
// The default is 2.
func WithMaxRetries(n int) Option { return core.WithMaxRetries(n) }

// WithRetryAmbiguous also retries failures whose outcome is unknown (500, 502,
// 504, a connection lost after sending). Enad documents no deduplication, so a
// retry may create the order twice; prefer looking it up by its reference.
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

// WithUserAgent replaces the default User-Agent, "ordersdk-go/<version> (slugorders)".
func WithUserAgent(ua string) Option { return core.WithUserAgent(ua) }

// WithoutValidation turns off client-side validation of the order, so that
// invalid orders reach Enad and come back as an *APIError. Slugs that would
// address another endpoint (empty, "." or "..") are still rejected.
func WithoutValidation() Option { return core.WithoutValidation() }

// WithRateLimit paces the client to r requests per second with bursts of burst.
// Enad documents no rate limits.
func WithRateLimit(r rate.Limit, burst int) Option { return core.WithRateLimit(r, burst) }

// WithIdempotencyKey sends key as the Idempotency-Key header on every attempt of
// the call. Enad does not document the header, so it may ignore it.
func WithIdempotencyKey(key string) CallOption { return core.WithIdempotencyKey(key) }
