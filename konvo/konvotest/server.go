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
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/internal/api"
)

// APIKey is the API key the fake accepts unless WithAPIKey says otherwise.
const APIKey = "konvo_test_key_0123456789"

type (
	// Fault is one injected failure; see Server.Inject.
	Fault = fake.Fault
	// Request is a request the fake received.
	Request = fake.Request
	// Option configures the fake.
	Option = fake.Option
)

// WithAPIKey sets the API key the fake accepts.
func WithAPIKey(key string) Option { return fake.WithCredential(key) }

// WithIdempotency makes the fake deduplicate calls by Idempotency-Key.
func WithIdempotency() Option { return fake.WithIdempotency() }

// WithRateLimit limits the fake to limit requests per window, with 429 beyond.
func WithRateLimit(limit int, window time.Duration) Option { return fake.WithRateLimit(limit, window) }

// Server is a running fake Konvo. Its methods are safe for concurrent use.
type Server struct {
	*fake.Server
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
	doc, err := api.GetSpec()
	if err != nil {
		return nil, err
	}
	s, err := fake.Start(fake.Vendor{
		Name:          "konvo",
		Spec:          doc,
		AuthHeader:    "x-api-key",
		Credential:    APIKey,
		SuccessStatus: 201,
		Create:        create,
		ErrorBody: func(status int, _, message string) any {
			return api.Error{Error: int32(status), Message: message}
		},
	}, opts...)
	if err != nil {
		return nil, err
	}
	return &Server{Server: s}, nil
}

// Client returns a konvo.Client for the fake, with its API key and base URL,
// and short backoff so that retries in tests take milliseconds.
func (s *Server) Client(opts ...konvo.Option) (*konvo.Client, error) {
	base := []konvo.Option{konvo.WithBaseURL(s.URL()), konvo.WithBackoff(time.Millisecond, 10*time.Millisecond)}
	return konvo.New(s.Credential(), append(base, opts...)...)
}

// Orders returns the orders the fake created, as the client sent them.
func (s *Server) Orders() []konvo.OrderInput {
	var out []konvo.OrderInput
	for _, o := range s.Server.Orders() {
		var in konvo.OrderInput
		if err := json.Unmarshal(o.Body, &in); err == nil {
			out = append(out, in)
		}
	}
	return out
}

// create answers a valid batch with one Order per input.
func create(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
	var batch []api.OrderInput
	raws := []json.RawMessage{}
	if err := json.Unmarshal(req.Body, &raws); err != nil {
		return nil, nil, fmt.Errorf("body: %w", err)
	}
	if err := json.Unmarshal(req.Body, &batch); err != nil {
		return nil, nil, fmt.Errorf("body: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	result := make([]api.Order, len(batch))
	orders := make([]fake.Order, len(batch))
	for i, in := range batch {
		id := ids.UUID()
		o := api.Order{
			ID:           &id,
			ExternalID:   in.ExternalID,
			ExternalName: ptr(in.FriendlyName),
			FirstName:    ptr(in.Customer.FirstName),
			LastName:     ptr(in.Customer.LastName),
			OrderTotal:   ptr(in.OrderTotal),
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
			case api.OrderUserIDTypeEmail:
				o.Email = ptr(u.ID)
			case api.OrderUserIDTypePhone:
				o.PhoneNumber = ptr(u.ID)
			}
		}
		result[i] = o
		orders[i] = fake.Order{ID: id, Body: raws[i]}
	}
	count := len(result)
	return api.CreateOrdersResponse{Count: &count, Result: result}, orders, nil
}

func ptr[T any](v T) *T { return &v }
