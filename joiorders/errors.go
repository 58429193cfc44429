package joiorders

import (
	"encoding/json"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// Error types and categories, shared by every ordersdk-go vendor package.
type (
	// APIError is a non-2xx response, or a 2xx whose envelope says
	// success:false. The vendor documents no error body; when one reads as
	// {success, message}, Message holds its message. Code is always empty, and
	// Body keeps the raw body.
	APIError = apierror.APIError
	// FieldError is one field the vendor rejected; this vendor reports none.
	FieldError = apierror.FieldError
	// ValidationError lists the constraints a request broke; it was not sent.
	ValidationError = apierror.ValidationError
	// Violation is one broken constraint, with its JSON path.
	Violation = apierror.Violation
	// RequestError is a failure to get any response.
	RequestError = apierror.RequestError
	// DecodeError is a 2xx response that could not be decoded.
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
	// ErrOutcomeUnknown matches failures after which the order may or may not
	// exist.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
)

// decodeError reads an error body as {success?, message?}, the shape of the
// vendor's success envelope; the vendor documents none for 400, 401 or 500.
// Anything else, including a message that is not a string, leaves e alone, so
// that only the raw body remains.
func decodeError(body []byte, e *apierror.APIError) {
	var env map[string]json.RawMessage
	if json.Unmarshal(body, &env) != nil {
		return
	}
	e.Message = envelopeMessage(env)
}

// envelopeMessage returns the envelope's message when it is a string, else "".
func envelopeMessage(env map[string]json.RawMessage) string {
	var msg string
	if raw, ok := env["message"]; ok && json.Unmarshal(raw, &msg) == nil {
		return msg
	}
	return ""
}
