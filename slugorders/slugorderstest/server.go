// Package slugorderstest runs a fake Enad in-process, for testing code that
// uses package slugorders without calling Enad.
//
// The fake checks the token (by default in "Authorization: Bearer <token>",
// or where WithAuthHeader says), validates every request against the spec,
// answers 201 with {data, details, success: true} where data is the order
// built from the request with server-assigned ids, keeps a ledger of the
// orders created, and injects faults on demand. Its errors are
// {success: false, message}.
//
// details is empty, except that an order whose source is WarningSource gets
// one note starting with "publishing rule: ", as Enad reports a product that
// breaks its publishing rules; tests use it to see notes reach the caller.
package slugorderstest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/internal/api"
)

// Token is the token the fake accepts unless WithToken says otherwise.
const Token = "enad_test_token_0123456789"

// WarningSource is the order source for which the fake adds a publishing-rule
// note to the response's details.
const WarningSource = "test-warning"

type (
	// Fault is one injected failure; see Server.Inject.
	Fault = fake.Fault
	// Request is a request the fake received.
	Request = fake.Request
)

// Option configures the fake.
type Option func(*config)

type config struct {
	token          string
	header, scheme string
	fakeOpts       []fake.Option
}

// WithToken sets the token the fake accepts.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithAuthHeader makes the fake expect the token in header, preceded by scheme
// and a space, or raw when scheme is empty, as slugorders.WithAuthHeader sends
// it. Server.Client configures its client to match.
func WithAuthHeader(header, scheme string) Option {
	return func(c *config) { c.header, c.scheme = header, scheme }
}

// WithIdempotency makes the fake deduplicate calls by Idempotency-Key.
func WithIdempotency() Option {
	return func(c *config) { c.fakeOpts = append(c.fakeOpts, fake.WithIdempotency()) }
}

// WithRateLimit limits the fake to limit requests per window, with 429 beyond.
func WithRateLimit(limit int, window time.Duration) Option {
	return func(c *config) { c.fakeOpts = append(c.fakeOpts, fake.WithRateLimit(limit, window)) }
}

// Server is a running fake Enad. Its methods are safe for concurrent use.
type Server struct {
	*fake.Server
	header, scheme string
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
	cfg := config{token: Token, header: "Authorization", scheme: "Bearer"}
	for _, o := range opts {
		o(&cfg)
	}
	doc, err := api.GetSpec()
	if err != nil {
		return nil, err
	}
	s, err := fake.Start(fake.Vendor{
		Name:          "slugorders",
		Spec:          doc,
		AuthHeader:    cfg.header,
		AuthScheme:    cfg.scheme,
		Credential:    cfg.token,
		SuccessStatus: 201,
		Create:        create,
		ErrorBody: func(_ int, _, message string) any {
			return api.Error{Success: ptr(false), Message: &message}
		},
	}, append(cfg.fakeOpts, fake.WithCredential(cfg.token))...)
	if err != nil {
		return nil, err
	}
	return &Server{Server: s, header: cfg.header, scheme: cfg.scheme}, nil
}

// Client returns a slugorders.Client for the fake, with its token, auth header
// and base URL, and short backoff so that retries in tests take milliseconds.
func (s *Server) Client(opts ...slugorders.Option) (*slugorders.Client, error) {
	base := []slugorders.Option{
		slugorders.WithBaseURL(s.URL()),
		slugorders.WithAuthHeader(s.header, s.scheme),
		slugorders.WithBackoff(time.Millisecond, 10*time.Millisecond),
	}
	return slugorders.New(s.Credential(), append(base, opts...)...)
}

// Orders returns the orders the fake created, as the client sent them.
func (s *Server) Orders() []slugorders.CreateOrderRequest {
	var out []slugorders.CreateOrderRequest
	for _, o := range s.Server.Orders() {
		var in slugorders.CreateOrderRequest
		if err := json.Unmarshal(o.Body, &in); err == nil {
			out = append(out, in)
		}
	}
	return out
}

// response is the success envelope as the fake sends it: unlike the generated
// type, it always has details and success, as Enad's example shows.
type response struct {
	Data    api.Order `json:"data"`
	Details []string  `json:"details"`
	Success bool      `json:"success"`
}

// create answers a valid request with the order it describes.
func create(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
	var in api.CreateOrderRequest
	if err := json.Unmarshal(req.Body, &in); err != nil {
		return nil, nil, fmt.Errorf("body: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	id := ids.UUID()
	o := api.Order{
		ID:                &id,
		Reference:         ptr(in.Reference),
		Source:            ptr(in.Source),
		CountryCode:       ptr(in.CountryCode),
		CurrencyCode:      ptr(in.CurrencyCode),
		LanguageCode:      ptr(in.LanguageCode),
		GrandTotal:        ptr(in.GrandTotal),
		SubTotal:          in.SubTotal,
		TaxTotal:          in.TaxTotal,
		ShippingTotal:     in.ShippingTotal,
		DiscountTotal:     in.DiscountTotal,
		BonusTotal:        in.BonusTotal,
		GiftCardTotal:     in.GiftCardTotal,
		PaymentMethod:     in.PaymentMethod,
		PaymentMethodID:   in.PaymentMethodID,
		PaymentMethodName: in.PaymentMethodName,
		SessionID:         in.SessionID,
		ShippingMethods:   in.ShippingMethods,
		BillingAddress:    address(in.BillingAddress, ids, now),
		ShippingAddress:   address(in.ShippingAddress, ids, now),
		Discounts:         []api.OrderDiscount{},
		UserContent:       []api.UserContent{},
		CreatedAt:         &now,
		UpdatedAt:         &now,
	}
	if in.MerchantUserID != nil {
		o.MerchantUser = &api.MerchantUser{ID: in.MerchantUserID}
	}
	o.OrderLines = make([]api.OrderLine, len(in.Lines))
	for i, l := range in.Lines {
		o.OrderLines[i] = api.OrderLine{
			ID: ptr(ids.UUID()), OrderID: &id,
			ProductID: ptr(l.ProductID), ProductName: l.ProductName, ProductNumber: l.ProductNumber,
			VariantID: ptr(l.VariantID), VariantName: l.VariantName, VariantNumber: l.VariantNumber,
			Quantity: ptr(l.Quantity), BasePriceAmount: l.BasePriceAmount, TotalPriceAmount: l.TotalPriceAmount,
			TotalSalePrice: l.TotalSalePrice, TotalDiscountAmount: l.TotalDiscountAmount,
			TotalTaxAmount: l.TotalTaxAmount, TaxGroupID: l.TaxGroupID, CurrencyCode: l.CurrencyCode,
			ShortDescription: l.ShortDescription, FirstImagePath: l.FirstImagePath,
			CreatedAt: &now, UpdatedAt: &now,
		}
	}
	details := []string{}
	if in.Source == WarningSource && len(in.Lines) > 0 {
		details = append(details, fmt.Sprintf(
			"publishing rule: product %s has no published variant; its status is set to Incomplete", in.Lines[0].ProductID))
	}
	return response{Data: o, Details: details, Success: true}, []fake.Order{{ID: id, Body: req.Body}}, nil
}

// address turns an address of the request into one of the response.
func address(in *api.AddressInput, ids *fake.IDs, now string) *api.Address {
	if in == nil {
		return nil
	}
	return &api.Address{
		ID: ptr(ids.UUID()), AddressType: in.AddressType, GivenName: in.GivenName, FamilyName: in.FamilyName,
		StreetAddress: in.StreetAddress, StreetAddress2: in.StreetAddress2, PostalCode: in.PostalCode,
		City: in.City, StateOrProvince: in.StateOrProvince, CountryCode: in.CountryCode, Email: in.Email,
		TelephoneNumber: in.TelephoneNumber, CreatedAt: &now, UpdatedAt: &now,
	}
}

func ptr[T any](v T) *T { return &v }
