package komerza

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// Error types and categories, shared by every ordersdk-go vendor package.
type (
	// APIError is a non-2xx response from Komerza, or a 2xx whose envelope
	// says success:false, with its {success, message, code, data} envelope
	// decoded: Code is Komerza's error code, such as CodeValidationError, and
	// FieldErrors holds invalidFields when present.
	APIError = apierror.APIError
	// FieldError is one entry of Komerza's invalidFields.
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
	// ErrOutcomeUnknown matches failures after which the order may or may not
	// exist.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
)

// Komerza's error codes, as found in APIError.Code. Komerza's docs name
// ValidationError and AccessDenied; the rest come from a third-party SDK's
// list, which may not be exhaustive, so compare with these and keep a default
// case. Beyond the five tied to a status (400, 401, 403, 404, 429), the
// meanings below are read from the codes' names.
const (
	// CodeAccessDenied is a 403: the API key lacks a scope, such as
	// stores.orders.create, or the endpoint is privileged.
	CodeAccessDenied = "AccessDenied"
	// CodeBadToken is a 401: the API key is missing, malformed or revoked.
	CodeBadToken = "BadToken"
	// CodeTwoFactorRequired asks for a second factor; API keys should not get it.
	CodeTwoFactorRequired = "TwoFactorRequired"
	// CodeOAuthLoginRequired asks for an OAuth login; API keys should not get it.
	CodeOAuthLoginRequired = "OAuthLoginRequired"
	// CodeValidationError is a 400: the form is invalid; FieldErrors holds
	// invalidFields when Komerza sends them.
	CodeValidationError = "ValidationError"
	// CodeBadCaptcha is a failed captcha, for dashboard logins.
	CodeBadCaptcha = "BadCaptcha"
	// CodeNotFound is a 404: the store, or a product or variant of the order,
	// does not exist.
	CodeNotFound = "NotFound"
	// CodeObjectConflict is a 409: the request conflicts with an existing object.
	CodeObjectConflict = "ObjectConflict"
	// CodeRateLimited is a 429, "You're on a cooldown"; retry after RetryAfter.
	CodeRateLimited = "RateLimited"
	// CodeProductUnavailable means a product of the order cannot be sold now,
	// such as out of stock or hidden.
	CodeProductUnavailable = "ProductUnavailable"
	// CodeNotEnoughFunds means a balance is too low for the operation.
	CodeNotEnoughFunds = "NotEnoughFunds"
	// CodeVerificationRequired means the account or store must be verified first.
	CodeVerificationRequired = "VerificationRequired"
	// CodeFeatureUnavailable means the feature is turned off for the store.
	CodeFeatureUnavailable = "FeatureUnavailable"
	// CodeUpgradeRequired means the store's plan does not include the feature.
	CodeUpgradeRequired = "UpgradeRequired"
	// CodeUnsupportedRequest means Komerza does not support the request as made.
	CodeUnsupportedRequest = "UnsupportedRequest"
	// CodeUploadFailed is a failed file upload.
	CodeUploadFailed = "UploadFailed"
	// CodeInternalServerError is a 5xx on Komerza's side.
	CodeInternalServerError = "InternalServerError"
)

// decodeError reads Komerza's {success, message, code, data, invalidFields}
// envelope into e. It accepts any bytes: a body that is not a JSON object
// leaves e alone, and a member of an unexpected type is skipped, so that only
// the raw body remains for it.
func decodeError(body []byte, e *apierror.APIError) {
	var env map[string]json.RawMessage
	if json.Unmarshal(body, &env) != nil {
		return
	}
	if s, ok := jsonString(env["message"]); ok {
		e.Message = s
	}
	if s, ok := jsonString(env["code"]); ok {
		e.Code = s
	} else if n, ok := jsonNumber(env["code"]); ok {
		e.Code = n // a numeric code is kept as its text, as for Konvo
	}
	e.FieldErrors = decodeInvalidFields(env["invalidFields"])
}

// decodeInvalidFields reads invalidFields, whose shape Komerza does not
// document. It accepts an array whose elements are field names (strings) or
// objects naming the field (field, name, property, propertyName or path) and
// the problem (message, error or errorMessage), with keys in any case; and an
// object mapping each field to a message or a list of messages. Anything else
// is skipped.
func decodeInvalidFields(raw json.RawMessage) []apierror.FieldError {
	var out []apierror.FieldError
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		for _, el := range list {
			if s, ok := jsonString(el); ok {
				out = append(out, apierror.FieldError{Field: s})
				continue
			}
			var obj map[string]json.RawMessage
			if json.Unmarshal(el, &obj) != nil || obj == nil {
				continue
			}
			f := apierror.FieldError{
				Field:   firstString(obj, "field", "name", "property", "propertyName", "path"),
				Message: firstString(obj, "message", "error", "errorMessage"),
			}
			if f != (apierror.FieldError{}) {
				out = append(out, f)
			}
		}
		return out
	}
	var byField map[string]json.RawMessage
	if json.Unmarshal(raw, &byField) != nil {
		return nil
	}
	fields := make([]string, 0, len(byField))
	for k := range byField {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	for _, k := range fields {
		if s, ok := jsonString(byField[k]); ok {
			out = append(out, apierror.FieldError{Field: k, Message: s})
			continue
		}
		var msgs []json.RawMessage
		n := 0
		if json.Unmarshal(byField[k], &msgs) == nil {
			for _, m := range msgs {
				if s, ok := jsonString(m); ok {
					out = append(out, apierror.FieldError{Field: k, Message: s})
					n++
				}
			}
		}
		if n == 0 {
			out = append(out, apierror.FieldError{Field: k})
		}
	}
	return out
}

// firstString returns the value of the first of keys whose value in obj is a
// JSON string, trying exact names before names that differ only in case.
func firstString(obj map[string]json.RawMessage, keys ...string) string {
	for _, want := range keys {
		if s, ok := jsonString(obj[want]); ok {
			return s
		}
	}
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	sort.Strings(names) // a stable pick when two keys differ only in case
	for _, want := range keys {
		for _, k := range names {
			if strings.EqualFold(k, want) {
				if s, ok := jsonString(obj[k]); ok {
					return s
				}
			}
		}
	}
	return ""
}

// jsonString returns raw's value when it is a JSON string.
func jsonString(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// jsonNumber returns raw's text when it is a JSON number.
func jsonNumber(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	var n json.Number
	if len(raw) == 0 || raw[0] == '"' || json.Unmarshal(raw, &n) != nil || n == "" {
		return "", false
	}
	return n.String(), true
}
