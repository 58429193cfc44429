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
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/slugorders"
)

// Token is the token the fake accepts unless WithToken says otherwise.
const Token = "enad_test_token_0123456789"

// WarningSource is the order source for which the fake adds a publishing-rule
// note to the response's details.
const WarningSource = "test-warning"

// WithToken sets the token the fake accepts.
func WithToken(token string) Option { return func(c *config) { c.credential = token } }

// WithAuthHeader makes the fake expect the token in header, preceded by scheme
// and a space, or raw when scheme is empty, as slugorders.WithAuthHeader sends
// it. Server.Client configures its client to match. An empty header keeps
// the default, "Authorization: Bearer <token>".
func WithAuthHeader(header, scheme string) Option {
	return func(c *config) { c.authHeader, c.authScheme = header, scheme }
}

// Start starts a fake outside a test, for example in an example program; call
// Close when done.
func Start(opts ...Option) (*Server, error) {
	doc, err := GetSpec()
	if err != nil {
		return nil, err
	}
	return start(fake.Vendor{
		Name:          "slugorders",
		Spec:          doc,
		AuthHeader:    "Authorization",
		AuthScheme:    "Bearer",
		SuccessStatus: 201,
		Create:        create,
		ErrorBody: func(_ int, _, message string) any {
			return slugorders.ErrorBody{Success: ptr(false), Message: &message}
		},
	}, config{credential: Token}, opts)
}

// Client returns a slugorders.Client for the fake: its token, auth header and
// base URL, an http.Client that trusts it under WithTLS, and a short backoff
// so that retries in tests take milliseconds. opts come after those and may
// replace them.
func (s *Server) Client(opts ...slugorders.Option) (*slugorders.Client, error) {
	base := []slugorders.Option{
		slugorders.WithBaseURL(s.URL()),
		slugorders.WithBackoff(time.Millisecond, 10*time.Millisecond),
	}
	if s.cfg.authHeader != "" {
		base = append(base, slugorders.WithAuthHeader(s.cfg.authHeader, s.cfg.authScheme))
	}
	if s.cfg.tls {
		base = append(base, slugorders.WithHTTPClient(s.HTTPClient()))
	}
	return slugorders.New(s.Credential(), append(base, opts...)...)
}

// Orders returns the orders the fake created, as the client sent them.
func (s *Server) Orders() []slugorders.CreateOrderRequest {
	var out []slugorders.CreateOrderRequest
	for _, o := range s.srv.Orders() {
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
	Data    slugorders.Order `json:"data"`
	Details []string         `json:"details"`
	Success bool             `json:"success"`
}

// create answers a valid request with the order it describes.
func create(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
	var in slugorders.CreateOrderRequest
	if err := json.Unmarshal(req.Body, &in); err != nil {
		return nil, nil, fmt.Errorf("body: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	id := ids.UUID()
	o := slugorders.Order{
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
		Discounts:         []slugorders.OrderDiscount{},
		UserContent:       []slugorders.UserContent{},
		CreatedAt:         &now,
		UpdatedAt:         &now,
	}
	if in.MerchantUserID != nil {
		o.MerchantUser = &slugorders.MerchantUser{ID: in.MerchantUserID}
	}
	o.OrderLines = make([]slugorders.OrderLine, len(in.Lines))
	for i, l := range in.Lines {
		o.OrderLines[i] = slugorders.OrderLine{
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
func address(in *slugorders.AddressInput, ids *fake.IDs, now string) *slugorders.Address {
	if in == nil {
		return nil
	}
	return &slugorders.Address{
		ID: ptr(ids.UUID()), AddressType: in.AddressType, GivenName: in.GivenName, FamilyName: in.FamilyName,
		StreetAddress: in.StreetAddress, StreetAddress2: in.StreetAddress2, PostalCode: in.PostalCode,
		City: in.City, StateOrProvince: in.StateOrProvince, CountryCode: in.CountryCode, Email: in.Email,
		TelephoneNumber: in.TelephoneNumber, CreatedAt: &now, UpdatedAt: &now,
	}
}

func ptr[T any](v T) *T { return &v }
