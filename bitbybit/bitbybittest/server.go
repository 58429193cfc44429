// Package bitbybittest runs a fake bitbybit in-process, for testing code that
// uses package bitbybit without calling bitbybit.
//
// The fake checks the x-api-key header, validates every request against the
// spec, answers 201 with {"data": Order} built from the request (with
// server-assigned ids), keeps a ledger of the orders created, answers errors
// in bitbybit's {"error": {"code", "message"}} envelope with the codes
// bitbybit documents, can enforce a rate limit with bitbybit's RateLimit
// headers (WithRateLimit), and injects faults on demand.
package bitbybittest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// APIKey is the API key the fake accepts unless WithAPIKey says otherwise;
// it has the shape of a bitbybit test key.
const APIKey = "bbb_test_0123456789abcdef"

// WithAPIKey sets the API key the fake accepts.
func WithAPIKey(key string) Option { return func(c *config) { c.credential = key } }

// Start starts a fake outside a test, for example in an example program; call
// Close when done.
func Start(opts ...Option) (*Server, error) {
	doc, err := GetSpec()
	if err != nil {
		return nil, err
	}
	var orderNumber atomic.Int64
	orderNumber.Store(1000)
	return start(fake.Vendor{
		Name:          "bitbybit",
		Spec:          doc,
		AuthHeader:    "x-api-key",
		SuccessStatus: http.StatusCreated,
		Create: func(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
			return create(req, ids, orderNumber.Add(1))
		},
		ErrorBody: errorBody,
	}, config{credential: APIKey}, opts)
}

// Client returns a bitbybit.Client for the fake: its API key and base URL, an
// http.Client that trusts it under WithTLS, and a short backoff so that
// retries in tests take milliseconds. opts come after those and may replace
// them.
func (s *Server) Client(opts ...bitbybit.Option) (*bitbybit.Client, error) {
	base := []bitbybit.Option{bitbybit.WithBaseURL(s.URL()), bitbybit.WithBackoff(time.Millisecond, 10*time.Millisecond)}
	if s.cfg.tls {
		base = append(base, bitbybit.WithHTTPClient(s.HTTPClient()))
	}
	return bitbybit.New(s.Credential(), append(base, opts...)...)
}

// Orders returns the orders the fake created, as the client sent them.
func (s *Server) Orders() []bitbybit.CreateOrderRequest {
	var out []bitbybit.CreateOrderRequest
	for _, o := range s.srv.Orders() {
		var in bitbybit.CreateOrderRequest
		if err := json.Unmarshal(o.Body, &in); err == nil {
			out = append(out, in)
		}
	}
	return out
}

// statusCodes gives an injected fault without a body the code bitbybit
// documents for its status, in place of the engine's status text.
var statusCodes = map[int]string{
	http.StatusBadRequest:         bitbybit.CodeValidationError,
	http.StatusUnauthorized:       bitbybit.CodeInvalidAPIKey,
	http.StatusForbidden:          bitbybit.CodeInsufficientScope,
	http.StatusNotFound:           bitbybit.CodeNotFound,
	http.StatusTooManyRequests:    bitbybit.CodeRateLimitExceeded,
	http.StatusServiceUnavailable: bitbybit.CodeServiceUnavailable,
}

// errorBody builds bitbybit's {"error": {"code", "message"}} envelope.
func errorBody(status int, code, message string) any {
	if c, ok := statusCodes[status]; ok && code == http.StatusText(status) {
		code = c
	}
	return bitbybit.ErrorBody{Error: &bitbybit.ErrorDetail{Code: &code, Message: &message}}
}

// create answers a valid request with the Order bitbybit would store: new ids
// for the order, its lines, its address and a new customer, and the statuses
// of a new unpaid order.
func create(req *fake.Request, ids *fake.IDs, number int64) (any, []fake.Order, error) {
	var in bitbybit.CreateOrderRequest
	if err := json.Unmarshal(req.Body, &in); err != nil {
		return nil, nil, fmt.Errorf("body: %w", err)
	}
	switch {
	case in.CustomerID == nil && in.Customer == nil:
		return nil, nil, fmt.Errorf("either customerId or customer is required")
	case in.CustomerID != nil && in.Customer != nil:
		return nil, nil, fmt.Errorf("only one of customerId and customer may be set")
	}
	now := time.Now().UTC().Format(time.RFC3339)
	id := ids.UUID()
	o := bitbybit.Order{
		ID:                &id,
		OrderNumber:       ptr(fmt.Sprintf("#%d", number)),
		Status:            ptr(bitbybit.OrderStatusActive),
		FinancialStatus:   ptr(bitbybit.OrderFinancialStatusPending),
		FulfillmentStatus: ptr(bitbybit.OrderFulfillmentStatusUnfulfilled),
		Notes:             in.Notes,
		Tags:              in.Tags,
		CreatedAt:         &now,
		UpdatedAt:         &now,
	}
	if in.CustomerID != nil {
		o.Customer = &bitbybit.OrderCustomer{ID: in.CustomerID}
	} else {
		c := in.Customer
		o.Customer = &bitbybit.OrderCustomer{ID: ptr(ids.UUID()), FirstName: &c.FirstName, LastName: &c.LastName,
			Email: c.Email, PhoneNumber: c.Phone}
	}
	for _, li := range in.LineItems {
		o.LineItems = append(o.LineItems, bitbybit.LineItem{
			ID:             ptr(ids.UUID()),
			Quantity:       ptr(li.Quantity),
			ProductVariant: &bitbybit.ProductVariant{ID: ptr(li.ProductVariantID)},
		})
	}
	a := in.ShippingAddress
	o.ShippingAddress = &bitbybit.Address{ID: ptr(ids.UUID()), FirstName: &a.FirstName, LastName: &a.LastName,
		Phone: &a.Phone, Address1: &a.Address1, Address2: a.Address2, City: &a.City, Province: &a.Province,
		Country: a.Country, Zip: &a.Zip}
	return bitbybit.CreateOrderResult{Data: &o}, []fake.Order{{ID: id, Body: req.Body}}, nil
}

func ptr[T any](v T) *T { return &v }
