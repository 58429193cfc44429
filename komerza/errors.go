package komerza

import "github.com/ordersdk/ordersdk-go/internal/core"

// errorEnvelope is where Komerza's {success, message, code, data} envelope
// keeps its fields, on an error status and on a 2xx whose success is false:
// the code (a number is kept as its text), the message, and invalidFields,
// whose shape Komerza does not document and which the core reads in every
// shape it knows (field names, {field, message} objects in any key case, or
// an object of field to messages).
var errorEnvelope = core.ErrorEnvelope{
	Code:        []string{"/code"},
	Message:     []string{"/message"},
	FieldErrors: "/invalidFields",
}

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
