package slugorders

import (
	"encoding/json"
	"strings"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// Error types and categories, shared by every ordersdk-go vendor package.
type (
	// APIError is a non-2xx response from Enad, or a 2xx whose envelope says
	// success: false. Enad documents no error body; Message holds the
	// "message" and "details" of a {success, message, details} body, joined,
	// and Code is always empty.
	APIError = apierror.APIError
	// FieldError is one field the vendor rejected; Enad reports none.
	FieldError = apierror.FieldError
	// ValidationError lists the constraints a request broke; it was not sent.
	ValidationError = apierror.ValidationError
	// Violation is one broken constraint, with its JSON path.
	Violation = apierror.Violation
	// RequestError is a failure to get any response.
	RequestError = apierror.RequestError
	// DecodeError is a 2xx response that could not be decoded, or that
	// carried no order.
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

// decodeError reads the error body leniently, because Enad documents none:
// the inferred {success, message, details} envelope. Message becomes
// "message: detail; detail", or whichever half is present. Details are not
// FieldErrors because Enad's name no field. Members of the wrong type are
// skipped one by one, and a body that is not a JSON object leaves e alone;
// the raw body stays in e.Body, where ErrorBody can decode it.
func decodeError(body []byte, e *apierror.APIError) {
	var members map[string]json.RawMessage
	if json.Unmarshal(body, &members) != nil || members == nil {
		return
	}
	var message string
	if raw, ok := members["message"]; ok && json.Unmarshal(raw, &message) != nil {
		message = ""
	}
	message = strings.TrimSpace(message)
	details := decodeDetails(members["details"])
	switch {
	case message != "" && len(details) > 0:
		e.Message = message + ": " + strings.Join(details, "; ")
	case message != "":
		e.Message = message
	default:
		e.Message = strings.Join(details, "; ")
	}
}

// decodeDetails accepts an array of strings or a single string, and skips
// empty and non-string entries.
func decodeDetails(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		raw = json.RawMessage(`[` + string(raw) + `]`)
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	var out []string
	for _, it := range items {
		var s string
		if json.Unmarshal(it, &s) == nil && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}
