package bitbybit

import "github.com/ordersdk/ordersdk-go/internal/core"

// errorEnvelope is where bitbybit's {"error": {"code", "message"}} envelope
// keeps its fields, which the errors page documents for every status. A bare
// {"error": "text"} or a top-level "message", as gateways in front of it
// send, becomes the Message.
var errorEnvelope = core.ErrorEnvelope{
	Code:    []string{"/error/code"},
	Message: []string{"/error/message", "/error", "/message"},
}

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
