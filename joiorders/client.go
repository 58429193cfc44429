package joiorders

import (
	"context"
	"errors"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
	"github.com/ordersdk/ordersdk-go/joiorders/internal/api"
)

// vendor is what the shared core needs to know about the vendor. It has no
// DefaultBaseURL because the vendor documents no public server, so core.New
// demands WithBaseURL.
var vendor = core.Vendor{
	Name:            "joiorders",
	AuthHeader:      "accessToken",
	DecodeError:     decodeError,
	SuccessEnvelope: true,
	CheckResult:     checkResult,
}

// orderSchema holds the request body's constraints, read from the embedded
// spec, plus the address rules the spec can only describe.
var orderSchema = validate.MustRequestBody(api.GetSpec, "/orders", validate.RuleFor(shippingAddressRule), validate.RuleFor(billingAddressRule))

// ordersPath is the path of POST /orders below the base URL, as the
// generated request builder resolves it (see paths_internal_test.go).
const ordersPath = "orders"

// shippingAddressRule is the vendor's "either shippingAddressId or
// newShippingAddress". Both may be set, as in the vendor's own sample.
func shippingAddressRule(r *CreateOrderRequest) []apierror.Violation {
	if r.ShippingAddressID == nil && r.NewShippingAddress == nil {
		return []apierror.Violation{{Rule: "shippingAddress", Message: "needs shippingAddressId or newShippingAddress"}}
	}
	return nil
}

// billingAddressRule is the vendor's "either billingAddress or
// newBillingAddress". Both may be set.
func billingAddressRule(r *CreateOrderRequest) []apierror.Violation {
	if r.BillingAddressID == nil && r.NewBillingAddress == nil {
		return []apierror.Violation{{Rule: "billingAddress", Message: "needs billingAddress or newBillingAddress"}}
	}
	return nil
}

// Client creates orders through the vendor's API. It is safe for concurrent
// use.
type Client struct {
	core *core.Client
	// ordersURL is where orders are posted: the base URL and ordersPath.
	ordersURL string
}

// New returns a client that authenticates with accessToken. Because the
// vendor has no public server, New fails unless [WithBaseURL] is among opts;
// it also fails on an empty token or an invalid option.
func New(accessToken string, opts ...Option) (*Client, error) {
	c, err := core.New(vendor, accessToken, opts...)
	if err != nil {
		return nil, err
	}
	return &Client{core: c, ordersURL: c.BaseURL() + ordersPath}, nil
}

// String describes the client without its access token.
func (c *Client) String() string { return c.core.String() }

// CloseIdleConnections closes the keep-alive connections the client holds
// open, as http.Client's method of the same name does; calls in progress are
// not affected.
func (c *Client) CloseIdleConnections() { c.core.CloseIdleConnections() }

// CreateOrder creates an order with POST /orders (the vendor's "Create Order"
// page; no public URL is known) and returns the order the vendor sends back
// in the data member of its {success, message, data} envelope.
//
// The order is validated first; a *ValidationError lists every violation with
// its JSON path, such as "lineItems[0].quantity", and nothing is sent. A
// non-2xx response, or a 2xx whose envelope says success:false, is an
// *APIError; a failure to get any response is a *RequestError; a 2xx without
// data is a *DecodeError. Use errors.Is(err, ErrOutcomeUnknown) to find
// failures after which the order may exist: the vendor documents no
// idempotency key, so look the order up before creating it again.
func (c *Client) CreateOrder(ctx context.Context, req CreateOrderRequest, opts ...CallOption) (*Order, error) {
	if err := core.Validate(c.core, orderSchema, &req); err != nil {
		return nil, err
	}
	var out api.CreateOrderResponse
	if err := c.core.PostJSON(ctx, c.ordersURL, &req, &out, opts...); err != nil {
		return nil, err
	}
	return out.Data, nil
}

// errNoData is why a 2xx envelope that does not report failure but carries no
// order cannot be decoded: the order was probably created, its id is lost.
var errNoData = errors.New(`success envelope has no "data" object`)

// checkResult refuses a success envelope without its order, which the core
// then reports as a *DecodeError.
func checkResult(result any) error {
	if r, ok := result.(*api.CreateOrderResponse); ok && r.Data == nil {
		return errNoData
	}
	return nil
}
