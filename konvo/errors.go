package konvo

import (
	"encoding/json"
	"strconv"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// Error types and categories, shared by every ordersdk-go vendor package.
type (
	// APIError is a non-2xx response from Konvo, with its {error, message}
	// envelope decoded: Code holds the integer error as text.
	APIError = apierror.APIError
	// FieldError is one field the vendor rejected.
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
	// ErrOutcomeUnknown matches failures after which the orders may or may
	// not exist.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
)

// decodeError reads Konvo's {error: int32, message} envelope.
func decodeError(body []byte, e *apierror.APIError) {
	var env struct {
		Error   *json.Number `json:"error"`
		Message *string      `json:"message"`
	}
	if json.Unmarshal(body, &env) != nil {
		return
	}
	if env.Error != nil {
		if n, err := env.Error.Int64(); err == nil {
			e.Code = strconv.FormatInt(n, 10)
		}
	}
	if env.Message != nil {
		e.Message = *env.Message
	}
}
