package joiorders

import "github.com/ordersdk/ordersdk-go/internal/core"

// errorEnvelope reads an error body as {success, message}, the shape of the
// vendor's success envelope: the vendor documents none for 400, 401 or 500.
// A message that is not a string leaves Message empty; Code is always empty,
// and the raw body stays in APIError.Body.
var errorEnvelope = core.ErrorEnvelope{
	Message: []string{"/message"},
}
