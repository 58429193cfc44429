package bitbybit

import (
	"context"
	"net/http"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// DefaultBaseURL is bitbybit's production server, as the servers entry of its
// OpenAPI document gives it. The authentication docs show
// https://api.bitbybit.studio/customer/open/v1 (no /api); see the package
// documentation, and override it with WithBaseURL.
const DefaultBaseURL = "https://api.bitbybit.studio/customer/api/open/v1"

// vendor is what the shared core needs to know about bitbybit.
var vendor = core.Vendor{
	Name:           "bitbybit",
	DefaultBaseURL: DefaultBaseURL,
	AuthHeader:     "x-api-key",
	Errors:         errorEnvelope,
}

// createOrder is POST /orders: one order in, 201 with the created order in
// data.
var createOrder = core.Operation[CreateOrderRequest, CreateOrderResult]{
	Name:    "createOrder",
	Method:  http.MethodPost,
	Success: []int{http.StatusCreated},
	Result:  core.ResultShape{Member: "data"},
}

// ordersPath is the path of POST /orders below the base URL (see
// paths_internal_test.go).
const ordersPath = "orders"

// orderSchema holds the request body's constraints, generated from the spec
// into validation.gen.go, plus the customer rule the spec cannot express.
var orderSchema = validate.New(&createOrderBody, validate.RuleFor(customerIDOrCustomer))

// customerIDOrCustomer enforces what bitbybit's description says and its schema
// cannot: an order names an existing customer (customerId) or describes one to
// create or match (customer), never neither and never both.
func customerIDOrCustomer(req *CreateOrderRequest) []apierror.Violation {
	switch hasID, hasCustomer := req.CustomerID != nil, req.Customer != nil; {
	case !hasID && !hasCustomer:
		return []apierror.Violation{{Path: "customerId", Rule: "customerIdOrCustomer", Message: "either customerId or customer is required"}}
	case hasID && hasCustomer:
		return []apierror.Violation{{Path: "customerId", Rule: "customerIdOrCustomer", Message: "only one of customerId and customer may be set"}}
	}
	return nil
}

// Client creates orders in bitbybit. It is safe for concurrent use; make one
// and share it. A nil or zero Client returns an error from every call.
type Client struct {
	core *core.Client
}

// New returns a client that authenticates with apiKey, a bbb_live_… or
// bbb_test_… key sent raw in the x-api-key header. It fails on an empty key,
// a key with a control character, or the first invalid option.
func New(apiKey string, opts ...Option) (*Client, error) {
	c, err := core.New(vendor, apiKey, coreOptions(opts)...)
	if err != nil {
		return nil, err
	}
	return &Client{core: c}, nil
}

// String describes the client without its API key.
func (c *Client) String() string {
	if c == nil {
		return "bitbybit.Client(nil)"
	}
	return c.core.String()
}

// CloseIdleConnections closes the keep-alive connections the client holds
// open, as http.Client's method of the same name does; calls in progress are
// not affected.
func (c *Client) CloseIdleConnections() {
	if c != nil {
		c.core.CloseIdleConnections()
	}
}

// CreateOrder creates one order with POST /orders (the "Create Order" page of
// https://knowledge.bitbybit.studio) and returns it as bitbybit stored it,
// with its server-assigned ID.
//
// The order is validated first; a *ValidationError lists every violation with
// its JSON path, such as "lineItems[0].quantity", and nothing is sent. A
// non-2xx response is an *APIError whose Code is one of the Code constants; a
// call that got no response to decode is a *RequestError; a 2xx whose body is
// not JSON, or has no data object, is a *DecodeError. Test
// errors.Is(err, ErrOutcomeUnknown) before *APIError: it matches every failure
// after which the order may exist. bitbybit documents no idempotency key;
// GET /orders lists orders, so a unique tag set on the order is the way to
// look it up before creating it again.
//
// A 2xx whose members drifted from bitbybit's documented types still returns
// the order: members that do not fit are left at their zero value and listed
// in the Drift of WithResponseInto's Response.
func (c *Client) CreateOrder(ctx context.Context, req CreateOrderRequest, opts ...CallOption) (*Order, error) {
	if c == nil || c.core == nil {
		return nil, errNilClient
	}
	if err := validationError(core.Validate(c.core, orderSchema, &req)); err != nil {
		return nil, err
	}
	res, err := core.Do(ctx, c.core, &createOrder, ordersPath, &req, coreCallOptions(opts)...)
	if err != nil {
		return nil, publicError(err)
	}
	return res.Data, nil
}
