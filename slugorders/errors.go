package slugorders

import "github.com/ordersdk/ordersdk-go/internal/core"

// errorEnvelope is where Enad's error body keeps its fields. Enad documents
// no error body; the shape {success, message, details} is inferred from the
// success envelope (ErrorBody). APIError.Message becomes "message: detail;
// detail", or whichever half is present; details may be an array of strings
// or one string, and blank or non-string entries are skipped. The details
// are not FieldErrors because Enad's name no field, and Code is always empty
// because Enad has none. The same envelope is read from a 2xx whose success
// is false.
var errorEnvelope = core.ErrorEnvelope{
	Message: []string{"/message"},
	Details: "/details",
}
