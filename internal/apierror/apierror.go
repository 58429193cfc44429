// Package apierror defines the errors every ordersdk-go client returns. The vendor
// packages re-export these types and sentinels, so callers never import this
// package.
package apierror

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Category sentinels. Test for them with errors.Is; the concrete error types
// below report which categories they belong to.
var (
	// ErrUnauthorized is matched by 401 and 403 responses: a wrong, revoked or
	// under-scoped credential.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrRateLimited is matched by 429 responses, after the client's retries.
	ErrRateLimited = errors.New("rate limited")
	// ErrInvalidRequest is matched by 400 and 422 responses and by client-side
	// validation failures: the request must change before it can succeed.
	ErrInvalidRequest = errors.New("invalid request")
	// ErrServer is matched by every 5xx response.
	ErrServer = errors.New("server error")
	// ErrOutcomeUnknown is matched when the request may have reached the
	// vendor but the client cannot tell whether the order was created: any
	// 5xx but 503, a redirect the SDK did not follow, a failure after request
	// bytes were handed to a connection (timeout, reset, lost connection), a
	// 2xx whose body could not be read, or any failure of a call one of whose
	// earlier attempts was one of these and was retried under
	// WithRetryAmbiguous. Table lists every case. Do not blindly retry such a
	// call: look the order up first, or retry with the same idempotency key or
	// order id.
	ErrOutcomeUnknown = errors.New("outcome unknown: the order may or may not have been created")
)

// MaxErrorBody is how many bytes of an error response body are kept; the rest
// is never read.
const MaxErrorBody = 1 << 20

// APIError is a response from the vendor with a non-2xx status, or a 2xx whose
// envelope reports failure. Its Error method never includes the raw body or the
// credential.
type APIError struct {
	// Vendor is the short name of the vendor package, such as "konvo".
	Vendor string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Code is the vendor's error code, such as "RATE_LIMIT_EXCEEDED"; Konvo's
	// integer code is kept as its decimal text. Empty when the body had none.
	Code string
	// Message is the vendor's human-readable message, when the body had one.
	Message string
	// FieldErrors lists per-field problems when the vendor reports them
	// (Komerza's invalidFields).
	FieldErrors []FieldError
	// RequestID is the vendor's request identifier from the response headers,
	// for support tickets.
	RequestID string
	// RetryAfter is the wait the server asked for (Retry-After, retry-after-ms
	// or RateLimit-Reset), capped at WithMaxRetryWait as the SDK's own
	// retries are: a hint above the cap reads as the cap. Zero when the
	// server asked for none.
	RetryAfter time.Duration
	// Body is the raw response body, at most MaxErrorBody bytes.
	Body []byte
	// BodyTruncated reports that the body was longer than MaxErrorBody.
	BodyTruncated bool
	// Ambiguous reports that an earlier attempt of the same call failed in a
	// way that may have created the order (see Table) and was retried under
	// WithRetryAmbiguous: whatever
	// this response says, the call's outcome is unknown, and the error
	// matches ErrOutcomeUnknown.
	Ambiguous bool
}

// FieldError is one field the vendor rejected.
type FieldError struct {
	// Field is the vendor's name or path for the field.
	Field string `json:"field,omitempty"`
	// Message says what is wrong with it.
	Message string `json:"message,omitempty"`
}

// Error returns a one-line description: vendor, status, code, message, request id.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Vendor)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" ")
		b.WriteString(t)
	}
	// Konvo's code mirrors the status; saying it twice says nothing.
	if e.Code != "" && e.Code != strconv.Itoa(e.StatusCode) {
		b.WriteString(": ")
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	for _, f := range e.FieldErrors {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	if e.Ambiguous {
		b.WriteString(" (after an earlier attempt of unknown outcome)")
	}
	return b.String()
}

// Is reports whether the error belongs to the category target, one of the
// package's sentinels.
func (e *APIError) Is(target error) bool {
	s := e.StatusCode
	switch target {
	case ErrUnauthorized:
		return s == http.StatusUnauthorized || s == http.StatusForbidden
	case ErrRateLimited:
		return s == http.StatusTooManyRequests
	case ErrInvalidRequest:
		return s == http.StatusBadRequest || s == http.StatusUnprocessableEntity
	case ErrServer:
		return s >= 500 && s <= 599
	case ErrOutcomeUnknown:
		return e.Ambiguous || StatusOutcomeUnknown(s)
	}
	return false
}

// Violation is one broken constraint found before a request was sent.
type Violation struct {
	// Path is the JSON path of the offending value, such as "[0].items[2].sku"
	// or "lineItems[0].quantity"; empty for the whole request.
	Path string
	// Rule names the broken constraint: "required", "minLength", "enum",
	// "format", a cross-field rule's name, and so on.
	Rule string
	// Message says what the constraint demands; it never repeats the value.
	Message string
}

// String returns "path: rule: message".
func (v Violation) String() string {
	p := v.Path
	if p == "" {
		p = "(request)"
	}
	return p + ": " + v.Rule + ": " + v.Message
}

// ValidationError lists every constraint a request broke. Nothing was sent.
type ValidationError struct {
	// Vendor is the short name of the vendor package.
	Vendor string
	// Violations holds every broken constraint, in document order.
	Violations []Violation
}

// Error lists the violations on one line.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.String()
	}
	return e.Vendor + ": invalid request, not sent: " + strings.Join(parts, "; ")
}

// Is reports true for ErrInvalidRequest.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRequest }

// RequestError is a failure to get a response at all: a refused connection, a
// timeout, a lost connection, a refused redirect, a cancelled context. Sent
// reports whether the request had been written in full when it failed; if so,
// the error matches ErrOutcomeUnknown.
type RequestError struct {
	// Vendor is the short name of the vendor package.
	Vendor string
	// Method and URL identify the request; the URL never carries credentials.
	Method, URL string
	// Sent reports that the request was written in full before the failure.
	Sent bool
	// Err is the underlying error; it may wrap context.Canceled or
	// context.DeadlineExceeded.
	Err error
}

// Error describes the failure.
func (e *RequestError) Error() string {
	state := "not sent"
	if e.Sent {
		state = "sent, outcome unknown"
	}
	return fmt.Sprintf("%s: %s %s (%s): %v", e.Vendor, e.Method, e.URL, state, e.Err)
}

// Unwrap returns the underlying error.
func (e *RequestError) Unwrap() error { return e.Err }

// Is reports ErrOutcomeUnknown for a request that was sent.
func (e *RequestError) Is(target error) bool { return target == ErrOutcomeUnknown && e.Sent }

// DecodeError is a 2xx response whose body could not be decoded. The vendor
// accepted the request, so it matches ErrOutcomeUnknown: the order probably
// exists but its details are lost.
type DecodeError struct {
	// Vendor is the short name of the vendor package.
	Vendor string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Body is the raw body, at most MaxErrorBody bytes.
	Body []byte
	// Err is the decoding failure.
	Err error
}

// Error describes the failure without the body.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s: %d response could not be decoded: %v", e.Vendor, e.StatusCode, e.Err)
}

// Unwrap returns the decoding failure.
func (e *DecodeError) Unwrap() error { return e.Err }

// Is reports true for ErrOutcomeUnknown.
func (e *DecodeError) Is(target error) bool { return target == ErrOutcomeUnknown }

// RedirectError is returned when the vendor redirects to another host, to
// plain http, or in a way that would change the method: the SDK never follows
// such a redirect, so credentials and order data stay with the configured host.
type RedirectError struct {
	// StatusCode is the redirect's status, such as 302.
	StatusCode int
	// From and To are the URLs of the redirect, without credentials.
	From, To string
	// Reason says why the redirect was refused.
	Reason string
}

// Error describes the refused redirect.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("refused redirect from %s to %s: %s", e.From, e.To, e.Reason)
}
