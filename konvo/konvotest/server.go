// Package konvotest runs a fake Konvo in-process, for testing code that uses
// package konvo without calling Konvo.
//
// The fake checks the x-api-key header, validates every request against the
// spec, answers 201 with orders built from the request (with server-assigned
// ids), keeps a ledger of the orders created, and injects faults on demand.
package konvotest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/konvo"
)

// APIKey is the API key the fake accepts unless WithAPIKey says otherwise.
const APIKey = "konvo_test_key_0123456789"

// WithAPIKey sets the API key the fake accepts.
func WithAPIKey(key string) Option { return func(c *config) { c.credential = key } }

// Start starts a fake outside a test, for example in an example program; call
// Close when done.
func Start(opts ...Option) (*Server, error) {
	doc, err := GetSpec()
	if err != nil {
		return nil, err
	}
	return start(fake.Vendor{
		Name:          "konvo",
		Spec:          doc,
		AuthHeader:    "x-api-key",
		SuccessStatus: 201,
		Create:        create,
		ErrorBody: func(status int, _, message string) any {
			return konvo.ErrorBody{Error: int32(status), Message: message}
		},
	}, config{credential: APIKey}, opts)
}

// Client returns a konvo.Client for the fake: its API key and base URL, an
// http.Client that trusts it under WithTLS, and a short backoff so that
// retries in tests take milliseconds. opts come after those and may replace
// them.
func (s *Server) Client(opts ...konvo.Option) (*konvo.Client, error) {
	base := []konvo.Option{konvo.WithBaseURL(s.URL()), konvo.WithBackoff(time.Millisecond, 10*time.Millisecond)}
	if s.cfg.tls {
		base = append(base, konvo.WithHTTPClient(s.HTTPClient()))
	}
	return konvo.New(s.Credential(), append(base, opts...)...)
}

// Orders returns the orders the fake created, as the client sent them.
func (s *Server) Orders() []konvo.OrderInput {
	var out []konvo.OrderInput
	for _, o := range s.srv.Orders() {
		var in konvo.OrderInput
		if err := json.Unmarshal(o.Body, &in); err == nil {
			out = append(out, in)
		}
	}
	return out
}

// create answers a valid batch with one Order per input.
func create(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
	var batch []konvo.OrderInput
	raws := []json.RawMessage{}
	if err := json.Unmarshal(req.Body, &raws); err != nil {
		return nil, nil, fmt.Errorf("body: %w", err)
	}
	if err := json.Unmarshal(req.Body, &batch); err != nil {
		return nil, nil, fmt.Errorf("body: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	result := make([]konvo.Order, len(batch))
	orders := make([]fake.Order, len(batch))
	for i, in := range batch {
		id := ids.UUID()
		o := konvo.Order{
			ID:           &id,
			ExternalID:   in.ExternalID,
			ExternalName: ptr(in.FriendlyName),
			FirstName:    ptr(in.Customer.FirstName),
			LastName:     ptr(in.Customer.LastName),
			OrderTotal:   ptr(float64(in.OrderTotal)),
			Currency:     ptr(in.Currency),
			Channel:      ptr("API"),
			TrackingURL:  in.TrackingURL,
			CreatedAt:    &now,
			UpdatedAt:    &now,
		}
		if in.Status != nil {
			o.Status = ptr(strings.ToUpper(string(*in.Status)))
		}
		for _, u := range in.Customer.UserIds {
			switch u.Type {
			case konvo.OrderUserIDTypeEmail:
				o.Email = ptr(u.ID)
			case konvo.OrderUserIDTypePhone:
				o.PhoneNumber = ptr(u.ID)
			}
		}
		result[i] = o
		orders[i] = fake.Order{ID: id, Body: raws[i]}
	}
	count := len(result)
	return konvo.CreateOrdersResult{Count: &count, Result: result}, orders, nil
}

func ptr[T any](v T) *T { return &v }
