package bitbybit

import (
	"encoding/json"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// Error types and categories, shared by every ordersdk-go vendor package.
type (
	// APIError is a non-2xx response from bitbybit, with its
	// {"error": {"code", "message"}} envelope decoded: compare Code with the
	// Code constants.
	APIError = apierror.APIError
	// FieldError is one field the vendor rejected; bitbybit reports none, so
	// APIError.FieldErrors stays empty.
	FieldError = apierror.FieldError
	// ValidationError lists the constraints a request broke; it was not sent.
	ValidationError = apierror.ValidationError
	// Violation is one broken constraint, with its JSON path.
	Violation = apierror.Violation
	// RequestError is a failure to get any response.
	RequestError = apierror.RequestError
	// DecodeError is a 2xx response that could not be decoded, or had no data.
	DecodeError = apierror.DecodeError
	// RedirectError is a redirect the client refused to follow.
	RedirectError = apierror.RedirectError
)

// Categories for errors.Is; see package apierror's documentation of each.
var (
	// ErrUnauthorized matches 401 and 403 responses.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrRateLimited matches 429 responses.
	ErrRateLimited = apierror.ErrRateLimited
	// ErrInvalidRequest matches 400 and 422 responses and validation failures.
	ErrInvalidRequest = apierror.ErrInvalidRequest
	// ErrServer matches 5xx responses.
	ErrServer = apierror.ErrServer
	// ErrOutcomeUnknown matches failures after which the order may or may
	// not exist.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
)

// The error codes bitbybit documents
// (https://knowledge.bitbybit.studio/api-reference/errors), for comparison
// with APIError.Code.
const (
	// CodeMissingAPIKey (401) means the request carried no x-api-key header.
	CodeMissingAPIKey = "MISSING_API_KEY"
	// CodeInvalidAPIKey (401) means the key is unknown, revoked, or past the
	// 24-hour grace period after a rotation.
	CodeInvalidAPIKey = "INVALID_API_KEY"
	// CodeInsufficientScope (403) means the key lacks the orders WRITE scope.
	CodeInsufficientScope = "INSUFFICIENT_SCOPE"
	// CodeIPNotAllowed (403) means the key's IP allowlist excludes the caller.
	CodeIPNotAllowed = "IP_NOT_ALLOWED"
	// CodeValidationError (400) means bitbybit rejected the request body.
	CodeValidationError = "VALIDATION_ERROR"
	// CodeMissingCompanyID (400) means the key is not tied to a company; it is
	// a problem with the key's setup, not with the order.
	CodeMissingCompanyID = "MISSING_COMPANY_ID"
	// CodeNotFound (404) means the path does not exist, which for a create
	// call usually means a wrong base URL; see DefaultBaseURL.
	CodeNotFound = "NOT_FOUND"
	// CodeRateLimitExceeded (429) means the key used its 100 requests for the
	// minute; APIError.RetryAfter holds RateLimit-Reset.
	CodeRateLimitExceeded = "RATE_LIMIT_EXCEEDED"
	// CodeServiceUnavailable (503) means bitbybit is down for a moment and did
	// not create the order; it is retried with backoff.
	CodeServiceUnavailable = "SERVICE_UNAVAILABLE"
)

// decodeError reads bitbybit's {"error": {"code", "message"}} envelope. It
// takes each field only when it has the documented type, so a proxy's page, a
// truncated body or a changed envelope leaves e as the status alone. A bare
// {"error": "text"} or top-level "message", as gateways send, becomes the
// Message.
func decodeError(body []byte, e *apierror.APIError) {
	var env struct {
		Error   json.RawMessage `json:"error"`
		Message json.RawMessage `json:"message"`
	}
	if json.Unmarshal(body, &env) != nil {
		return
	}
	var detail struct {
		Code    json.RawMessage `json:"code"`
		Message json.RawMessage `json:"message"`
	}
	if json.Unmarshal(env.Error, &detail) == nil {
		e.Code = stringOf(detail.Code)
		e.Message = stringOf(detail.Message)
	} else if s := stringOf(env.Error); s != "" {
		e.Message = s
	}
	if e.Message == "" {
		e.Message = stringOf(env.Message)
	}
}

// stringOf returns raw as a string if it is a JSON string, else "".
func stringOf(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
