// Package joiorderstest runs a fake of the joiorders vendor in-process, for
// testing code that uses package joiorders without calling the vendor.
//
// The fake checks the accessToken header (the raw token, or "Bearer <token>"
// under WithBearerPrefix), validates every request against the spec, answers
// 200 with {success: true, message, data} where data echoes the order with a
// server-assigned ObjectId, answers errors with {success: false, message},
// keeps a ledger of the orders created, and injects faults on demand.
package joiorderstest

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/joiorders"
)

// AccessToken is the access token the fake accepts unless WithAccessToken says
// otherwise.
const AccessToken = "joiorders_test_token_0123456789"

// CreatedMessage is the message of the fake's success envelope.
const CreatedMessage = "Order created"

// authHeader is where the vendor documents the access token.
const authHeader = "accessToken"

// WithAccessToken sets the access token the fake accepts.
func WithAccessToken(token string) Option { return func(c *config) { c.credential = token } }

// WithBearerPrefix makes the fake expect "Bearer <token>" in the accessToken
// header, as a client built with joiorders.WithBearerPrefix sends it, and
// refuse the raw token with 401.
func WithBearerPrefix() Option {
	return func(c *config) { c.authHeader, c.authScheme = authHeader, "Bearer" }
}

// Start starts a fake outside a test, for example in an example program; call
// Close when done.
func Start(opts ...Option) (*Server, error) {
	doc, err := GetSpec()
	if err != nil {
		return nil, err
	}
	return start(fake.Vendor{
		Name:          "joiorders",
		Spec:          doc,
		AuthHeader:    authHeader,
		SuccessStatus: 200,
		Create:        create,
		ErrorBody: func(_ int, _, message string) any {
			f := false
			return joiorders.ErrorBody{Success: &f, Message: &message}
		},
	}, config{credential: AccessToken}, opts)
}

// Client returns a joiorders.Client for the fake: its access token and base
// URL, the Bearer prefix when the fake expects it, an http.Client that trusts
// it under WithTLS, and a short backoff so that retries in tests take
// milliseconds. opts come after those and may replace them.
func (s *Server) Client(opts ...joiorders.Option) (*joiorders.Client, error) {
	base := []joiorders.Option{joiorders.WithBaseURL(s.URL()), joiorders.WithBackoff(time.Millisecond, 10*time.Millisecond)}
	if s.cfg.authScheme == "Bearer" {
		base = append(base, joiorders.WithBearerPrefix())
	}
	if s.cfg.tls {
		base = append(base, joiorders.WithHTTPClient(s.HTTPClient()))
	}
	return joiorders.New(s.Credential(), append(base, opts...)...)
}

// Orders returns the orders the fake created, as the client sent them.
func (s *Server) Orders() []joiorders.CreateOrderRequest {
	var out []joiorders.CreateOrderRequest
	for _, o := range s.srv.Orders() {
		var in joiorders.CreateOrderRequest
		if err := json.Unmarshal(o.Body, &in); err == nil {
			out = append(out, in)
		}
	}
	return out
}

// create answers a valid order with the envelope the vendor documents: data
// echoes every member of the request, with a new ObjectId as its id.
func create(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
	var echo map[string]any
	if err := json.Unmarshal(req.Body, &echo); err != nil {
		return nil, nil, fmt.Errorf("body: %w", err)
	}
	if echo == nil {
		return nil, nil, errors.New("body: not an object")
	}
	delete(echo, "id") // the server assigns it
	id := ids.ObjectID()
	ok, msg := true, CreatedMessage
	res := joiorders.CreateOrderResult{
		Success: &ok,
		Message: &msg,
		Data:    &joiorders.Order{ID: &id, AdditionalProperties: echo},
	}
	return res, []fake.Order{{ID: id, Body: json.RawMessage(req.Body)}}, nil
}
