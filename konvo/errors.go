package konvo

import "github.com/ordersdk/ordersdk-go/internal/core"

// errorEnvelope is where Konvo's {error, message} envelope keeps its fields:
// the integer error, which mirrors the status, and the message. Konvo
// documents it for 400 only; it is read from every status.
var errorEnvelope = core.ErrorEnvelope{
	Code:    []string{"/error"},
	Message: []string{"/message"},
}
