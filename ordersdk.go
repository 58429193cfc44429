package ordersdk

import "github.com/ordersdk/ordersdk-go/internal/apierror"

// Version is the SDK's version, sent in each client's default User-Agent.
const Version = "0.1.0"

// The error categories every vendor package's errors match with errors.Is.
// Each vendor package declares the same values under the same names
// (konvo.ErrOutcomeUnknown == ordersdk.ErrOutcomeUnknown), so that code
// handling several vendors can test for them in one place.
var (
	// ErrUnauthorized is matched by 401 and 403 responses.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrRateLimited is matched by 429 responses, once the client's own
	// retries of them are spent.
	ErrRateLimited = apierror.ErrRateLimited
	// ErrInvalidRequest is matched by 400 and 422 responses and by
	// client-side validation failures: the request must change.
	ErrInvalidRequest = apierror.ErrInvalidRequest
	// ErrServer is matched by every 5xx response.
	ErrServer = apierror.ErrServer
	// ErrOutcomeUnknown is matched by every failure after which the order
	// may exist: test for it before a vendor's *APIError, and look the order
	// up before sending it again.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
)
