package core

import (
	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// Validate returns the violations always, followed by those of req against
// schema unless the client was built WithoutValidation, with the credential
// removed from their paths and messages, which name the caller's map keys.
// always holds what must be refused even without validation, such as a path
// parameter that would address another endpoint.
func Validate[T any](c *Client, schema *validate.Schema, req *T, always ...apierror.Violation) []apierror.Violation {
	vs := always
	if c.Validates() {
		vs = append(vs, schema.Check(req)...)
	}
	for i := range vs {
		vs[i].Path = c.Redact(vs[i].Path)
		vs[i].Message = c.Redact(vs[i].Message)
	}
	return vs
}
