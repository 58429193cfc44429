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
	"fmt"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/internal/api"
)

// AccessToken is the access token the fake accepts unless WithAccessToken says
// otherwise.
const AccessToken = "joiorders_test_token_0123456789"

// CreatedMessage is the message of the fake's success envelope.
const CreatedMessage = "Order created"

type (
	// Fault is one injected failure; see Server.Inject.
	Fault = fake.Fault
	// Request is a request the fake received.
	Request = fake.Request
)

// Option configures the fake.
type Option func(*config)

type config struct {
	fake   []fake.Option
	bearer bool
}

// WithAccessToken sets the access token the fake accepts.
func WithAccessToken(token string) Option {
	return func(c *config) { c.fake = append(c.fake, fake.WithCredential(token)) }
}

// WithBearerPrefix makes the fake expect "Bearer <token>" in the accessToken
// header, as a client built with joiorders.WithBearerPrefix sends it, and
// refuse the raw token with 401.
func WithBearerPrefix() Option { return func(c *config) { c.bearer = true } }

// WithIdempotency makes the fake deduplicate calls by Idempotency-Key, as a
// deduplicating proxy would; the vendor documents no such header.
func WithIdempotency() Option {
	return func(c *config) { c.fake = append(c.fake, fake.WithIdempotency()) }
}

// WithRateLimit limits the fake to limit requests per window, with 429 beyond.
func WithRateLimit(limit int, window time.Duration) Option {
	return func(c *config) { c.fake = append(c.fake, fake.WithRateLimit(limit, window)) }
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	*fake.Server
	bearer bool
}

// NewServer starts a fake for a test and stops it when the test ends.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake outside a test, for example in an example program; call
// Close when done.
func Start(opts ...Option) (*Server, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	doc, err := api.GetSpec()
	if err != nil {
		return nil, err
	}
	v := fake.Vendor{
		Name:          "joiorders",
		Spec:          doc,
		AuthHeader:    "accessToken",
		Credential:    AccessToken,
		SuccessStatus: 200,
		Create:        create,
		ErrorBody: func(_ int, _, message string) any {
			f := false
			return api.Error{Success: &f, Message: &message}
		},
	}
	if cfg.bearer {
		v.AuthScheme = "Bearer"
	}
	s, err := fake.Start(v, cfg.fake...)
	if err != nil {
		return nil, err
	}
	return &Server{Server: s, bearer: cfg.bearer}, nil
}

// Client returns a joiorders.Client for the fake, with its access token, its
// base URL, the Bearer prefix when the fake expects it, and short backoff so
// that retries in tests take milliseconds.
func (s *Server) Client(opts ...joiorders.Option) (*joiorders.Client, error) {
	base := []joiorders.Option{joiorders.WithBaseURL(s.URL()), joiorders.WithBackoff(time.Millisecond, 10*time.Millisecond)}
	if s.bearer {
		base = append(base, joiorders.WithBearerPrefix())
	}
	return joiorders.New(s.Credential(), append(base, opts...)...)
}

// Orders returns the orders the fake created, as the client sent them.
func (s *Server) Orders() []joiorders.CreateOrderRequest {
	var out []joiorders.CreateOrderRequest
	for _, o := range s.Server.Orders() {
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
		return nil, nil, fmt.Errorf("body: not an object")
	}
	delete(echo, "id") // the server assigns it
	id := ids.ObjectID()
	ok, msg := true, CreatedMessage
	res := api.CreateOrderResponse{
		Success: &ok,
		Message: &msg,
		Data:    &api.Order{ID: &id, AdditionalProperties: echo},
	}
	return res, []fake.Order{{ID: id, Body: json.RawMessage(req.Body)}}, nil
}
