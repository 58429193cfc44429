// Package komerzatest runs a fake Komerza in-process, for testing code that
// uses package komerza without calling Komerza.
//
// The fake checks the "Authorization: Bearer <key>" header, validates every
// request against the spec and the itemsOrCost rule, answers 200 with
// Komerza's {success, message, code, data} envelope around an order built from
// the request (with server-assigned ids), keeps a ledger of the orders
// created, and injects faults on demand. Errors use Komerza's envelope
// {success:false, message, code, data:null}; a request that breaks the spec
// gets 400 with code ValidationError and invalidFields.
package komerzatest

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/komerza"
)

// APIKey is the API key the fake accepts unless WithAPIKey says otherwise.
const APIKey = "komerza_test_key_0123456789"

// UnitPrice is what the fake charges for one unit of any variant, in major
// units, since it has no catalogue: an order of items costs UnitPrice times
// the total quantity.
const UnitPrice = 10.0

// Status is the status of every order the fake creates. Komerza documents no
// list of statuses; an unpaid dashboard order is assumed to be pending.
const Status = "Pending"

// CurrencyCode is the currency of every order the fake creates, Komerza's
// default.
const CurrencyCode = "USD"

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
		Name:          "komerza",
		Spec:          doc,
		AuthHeader:    "Authorization",
		AuthScheme:    "Bearer",
		SuccessStatus: http.StatusOK,
		Create:        create,
		ErrorBody:     errorBody,
	}, config{credential: APIKey}, opts)
}

// Client returns a komerza.Client for the fake: its API key and base URL, an
// http.Client that trusts it under WithTLS, and a short backoff so that
// retries in tests take milliseconds. opts come after those and may replace
// them.
func (s *Server) Client(opts ...komerza.Option) (*komerza.Client, error) {
	base := []komerza.Option{komerza.WithBaseURL(s.URL()), komerza.WithBackoff(time.Millisecond, 10*time.Millisecond)}
	if s.cfg.tls {
		base = append(base, komerza.WithHTTPClient(s.HTTPClient()))
	}
	return komerza.New(s.Credential(), append(base, opts...)...)
}

// Orders returns the orders the fake created, as the client sent them.
func (s *Server) Orders() []komerza.CreateOrderRequest {
	var out []komerza.CreateOrderRequest
	for _, o := range s.srv.Orders() {
		var in komerza.CreateOrderRequest
		if err := json.Unmarshal(o.Body, &in); err == nil {
			out = append(out, in)
		}
	}
	return out
}

// create answers a valid request with one Order. As Komerza does, it ignores
// items when cost is set and creates the order with no line items.
func create(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
	var in komerza.CreateOrderRequest
	if err := json.Unmarshal(req.Body, &in); err != nil {
		return nil, nil, err
	}
	if len(in.Items) == 0 && in.Cost == nil {
		// Phrased like the spec validator's errors, so that errorBody lists
		// the field in invalidFields.
		return nil, nil, errors.New(`Error at "/items": items is required unless cost is set`)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	id := ids.UUID()
	o := komerza.Order{
		ID:           &id,
		DateCreated:  &now,
		Status:       ptr(Status),
		Gateway:      ptr(in.Gateway),
		CurrencyCode: ptr(CurrencyCode),
		AmountPaid:   ptr(0.0),
		Customer: &komerza.CustomerDetails{
			ID:           ptr(ids.UUID()),
			DateCreated:  &now,
			EmailAddress: ptr(in.EmailAddress),
			CustomerID:   ptr(ids.UUID()),
		},
	}
	if in.CountryCode != nil {
		o.Customer.CountryCode = ptr(strings.ToUpper(*in.CountryCode))
	}
	if in.Cost != nil {
		o.Amount = ptr(*in.Cost)
	} else {
		total := 0.0
		for _, it := range in.Items {
			line := UnitPrice * float64(it.Quantity)
			total += line
			o.Items = append(o.Items, komerza.LineItem{
				ID:          ptr(ids.UUID()),
				DateCreated: &now,
				ProductID:   ptr(it.ProductID),
				VariantID:   ptr(it.VariantID),
				Quantity:    ptr(it.Quantity),
				Amount:      ptr(UnitPrice),
				LineTotal:   ptr(line),
			})
		}
		o.Amount = &total
	}
	body := komerza.CreateOrderResult{Success: ptr(true), Message: ptr("The order was created."), Data: &o}
	return body, []fake.Order{{ID: id, Body: req.Body}}, nil
}

// errorBody builds Komerza's error envelope. The fake engine names its errors
// by status; Komerza's codes follow the third-party SDK's status mapping.
func errorBody(status int, _, message string) any {
	code := komerzaCode(status)
	body := komerza.ErrorBody{Success: ptr(false), Message: &message, Code: &code, Data: json.RawMessage("null")}
	if status == http.StatusBadRequest {
		body.Message = ptr("The provided form information is not valid.")
		if f := invalidFields(message); len(f) > 0 {
			body.InvalidFields, _ = json.Marshal(f)
		}
	}
	return body
}

func komerzaCode(status int) string {
	switch {
	case status == http.StatusBadRequest:
		return komerza.CodeValidationError
	case status == http.StatusUnauthorized:
		return komerza.CodeBadToken
	case status == http.StatusForbidden:
		return komerza.CodeAccessDenied
	case status == http.StatusNotFound:
		return komerza.CodeNotFound
	case status == http.StatusConflict:
		return komerza.CodeObjectConflict
	case status == http.StatusTooManyRequests:
		return komerza.CodeRateLimited
	case status >= 500:
		return komerza.CodeInternalServerError
	}
	return strconv.Itoa(status)
}

// errorAt finds the JSON pointer and the reason in the spec validator's
// `Error at "/items/0/quantity": number must be at least 1` phrases.
var errorAt = regexp.MustCompile(`Error at "(/[^"]*)": ([^\n|]*)`)

// invalidField is one element of the fake's invalidFields; Komerza documents
// no shape, so the fake picks the most common one.
type invalidField struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// invalidFields turns the validator's message into invalidFields, with each
// path written as the SDK writes it ("items[0].quantity").
func invalidFields(message string) []invalidField {
	var out []invalidField
	seen := map[invalidField]bool{}
	for _, m := range errorAt.FindAllStringSubmatch(message, -1) {
		f := invalidField{Field: jsonPath(m[1]), Message: strings.TrimSpace(m[2])}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// jsonPath turns a JSON pointer into the SDK's path syntax.
func jsonPath(pointer string) string {
	var b strings.Builder
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		if _, err := strconv.Atoi(tok); err == nil && b.Len() > 0 {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteString(".")
		}
		b.WriteString(tok)
	}
	return b.String()
}

func ptr[T any](v T) *T { return &v }
