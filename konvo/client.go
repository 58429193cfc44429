package konvo

import (
	"context"
	"net/http"

	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// DefaultBaseURL is Konvo's production server.
const DefaultBaseURL = "https://api.konvoai.com"

// vendor is what the shared core needs to know about Konvo.
var vendor = core.Vendor{
	Name:           "konvo",
	DefaultBaseURL: DefaultBaseURL,
	AuthHeader:     "x-api-key",
	Errors:         errorEnvelope,
}

// createOrders is POST /orders: a batch in, 201 with the created orders in
// result.
var createOrders = core.Operation[[]OrderInput, CreateOrdersResult]{
	Name:    "createOrders",
	Method:  http.MethodPost,
	Success: []int{http.StatusCreated},
	Result:  core.ResultShape{Member: "result", Array: true},
	Encode:  encodeBatch,
}

// ordersPath is the path of POST /orders below the base URL.
const ordersPath = "orders"

// batchSchema holds the request body's constraints, generated from the spec
// into validation.gen.go.
var batchSchema = validate.New(&createOrdersBody)

// Client creates orders in Konvo. It is safe for concurrent use; make one and
// share it. A nil or zero Client returns an error from every call.
type Client struct {
	core *core.Client
}

// New returns a client that authenticates with apiKey, sent raw in the
// x-api-key header. It fails on an empty key, a key with a control
// character, or the first invalid option.
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
		return "konvo.Client(nil)"
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

// CreateOrders creates a batch of orders with POST /orders
// (https://docs.konvo.dev/api-reference/endpoint/orders/create).
//
// The batch is validated first; a *ValidationError lists every violation
// with its JSON path, such as "[0].items[2].sku", and nothing is sent. A
// non-2xx response is an *APIError; a call that got no response to decode is
// a *RequestError; a 201 whose body does not hold the created orders is a
// *DecodeError. Test errors.Is(err, ErrOutcomeUnknown) before *APIError: it
// matches every failure after which the orders may exist. Konvo documents no
// lookup by your order id: GET /orders lists orders by creation time, and
// each carries your id as externalId.
//
// A 201 whose members drifted from Konvo's documented types still returns
// the result: members that do not fit are left at their zero value and
// listed in the Drift of WithResponseInto's Response.
func (c *Client) CreateOrders(ctx context.Context, orders []OrderInput, opts ...CallOption) (*CreateOrdersResult, error) {
	if c == nil || c.core == nil {
		return nil, errNilClient
	}
	if orders == nil {
		orders = []OrderInput{}
	}
	if err := validationError(core.Validate(c.core, batchSchema, &orders)); err != nil {
		return nil, err
	}
	res, err := core.Do(ctx, c.core, &createOrders, ordersPath, &orders, coreCallOptions(opts)...)
	if err != nil {
		return nil, publicError(err)
	}
	return res, nil
}
