package konvo

import (
	"context"
	"errors"

	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
	"github.com/ordersdk/ordersdk-go/konvo/internal/api"
)

// DefaultBaseURL is Konvo's production server.
const DefaultBaseURL = "https://api.konvoai.com"

// vendor is what the shared core needs to know about Konvo.
var vendor = core.Vendor{
	Name:           "konvo",
	DefaultBaseURL: DefaultBaseURL,
	AuthHeader:     "x-api-key",
	DecodeError:    decodeError,
	CheckResult:    checkResult,
}

// errNoResult is the DecodeError cause for a 201 that names no created order:
// Konvo accepted the batch, but the orders' ids are lost.
var errNoResult = errors.New(`response has no "result" orders`)

// checkResult refuses a success body without the created orders.
func checkResult(result any) error {
	if r, ok := result.(*CreateOrdersResult); ok && len(r.Result) == 0 {
		return errNoResult
	}
	return nil
}

// batchSchema holds the request body's constraints, read from the embedded spec.
var batchSchema = validate.MustRequestBody(api.GetSpec, "/orders")

// ordersPath is the path of POST /orders below the base URL, as the
// generated request builder resolves it (see paths_internal_test.go).
const ordersPath = "orders"

// Client creates orders in Konvo. It is safe for concurrent use.
type Client struct {
	core *core.Client
	// ordersURL is where orders are posted: the base URL and ordersPath.
	ordersURL string
}

// New returns a client that authenticates with apiKey. It fails on an empty key
// or an invalid option.
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

// CreateOrders creates a batch of orders with POST /orders
// (https://docs.konvo.dev/api-reference/endpoint/orders/create).
//
// The batch is validated first; a *ValidationError lists every violation with
// its JSON path, such as "[0].items[2].sku", and nothing is sent. A non-2xx
// response is an *APIError; a failure to get any response is a
// *RequestError. Use errors.Is(err, ErrOutcomeUnknown) to find failures after
// which the orders may exist: Konvo's order id is the key to look them up or
// to retry safely.
func (c *Client) CreateOrders(ctx context.Context, orders []OrderInput, opts ...CallOption) (*CreateOrdersResult, error) {
	if orders == nil {
		orders = []OrderInput{}
	}
	if err := core.Validate(c.core, batchSchema, &orders); err != nil {
		return nil, err
	}
	var out CreateOrdersResult
	if len(orders) < partsMinOrders {
		if err := c.core.PostJSON(ctx, c.ordersURL, &orders, &out, opts...); err != nil {
			return nil, err
		}
		return &out, nil
	}
	length, body, err := encodeParts(orders)
	if err != nil {
		return nil, c.core.BuildError(c.ordersURL, err)
	}
	if err := c.core.PostStream(ctx, c.ordersURL, length, body, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}
