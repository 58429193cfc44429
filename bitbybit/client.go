package bitbybit

import (
	"context"
	"errors"

	"github.com/ordersdk/ordersdk-go/bitbybit/internal/api"
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
	DecodeError:    decodeError,
	CheckResult:    checkResult,
}

// orderSchema holds the request body's constraints, read from the embedded
// spec, plus the customer rule the spec cannot express.
var orderSchema = validate.MustRequestBody(api.GetSpec, "/orders", validate.RuleFor(customerIDOrCustomer))

// ordersPath is the path of POST /orders below the base URL, as the
// generated request builder resolves it (see paths_internal_test.go).
const ordersPath = "orders"

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

// Client creates orders in bitbybit. It is safe for concurrent use.
type Client struct {
	core *core.Client
	// ordersURL is where orders are posted: the base URL and ordersPath.
	ordersURL string
}

// New returns a client that authenticates with apiKey, a bbb_live_… or
// bbb_test_… key. It fails on an empty key or an invalid option.
func New(apiKey string, opts ...Option) (*Client, error) {
	c, err := core.New(vendor, apiKey, opts...)
	if err != nil {
		return nil, err
	}
	return &Client{core: c, ordersURL: c.BaseURL() + ordersPath}, nil
}

// String describes the client without its API key.
func (c *Client) String() string { return c.core.String() }

// CloseIdleConnections closes the keep-alive connections the client holds
// open, as http.Client's method of the same name does; calls in progress are
// not affected.
func (c *Client) CloseIdleConnections() { c.core.CloseIdleConnections() }

// errNoData is the DecodeError cause for a 2xx body without the order.
var errNoData = errors.New("response has no data")

// checkResult refuses a success body without data, so that the core reports
// it as a *DecodeError carrying the real status and body: bitbybit accepted
// the order, but its details are lost.
func checkResult(result any) error {
	if r, ok := result.(*CreateOrderResult); ok && r.Data == nil {
		return errNoData
	}
	return nil
}

// CreateOrder creates one order with POST /orders (the "Create Order" page of
// https://knowledge.bitbybit.studio) and returns it as bitbybit stored it,
// with its server-assigned ID.
//
// The order is validated first; a *ValidationError lists every violation with
// its JSON path, such as "lineItems[0].quantity", and nothing is sent. A
// non-2xx response is an *APIError whose Code is one of the Code constants; a
// failure to get any response is a *RequestError; a 2xx whose body cannot be
// read, or has no data, is a *DecodeError. bitbybit documents no idempotency
// key, so use errors.Is(err, ErrOutcomeUnknown) to find failures after which
// the order may exist, and look it up before creating it again.
func (c *Client) CreateOrder(ctx context.Context, req CreateOrderRequest, opts ...CallOption) (*Order, error) {
	if err := core.Validate(c.core, orderSchema, &req); err != nil {
		return nil, err
	}
	var out CreateOrderResult
	if err := c.core.PostJSON(ctx, c.ordersURL, &req, &out, opts...); err != nil {
		return nil, err
	}
	return out.Data, nil
}
