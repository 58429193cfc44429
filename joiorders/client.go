package joiorders

import (
	"context"
	"net/http"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// vendor is what the shared core needs to know about the vendor. It has no
// DefaultBaseURL because the vendor documents no public server, so core.New
// demands WithBaseURL. The credential goes in a header spelled accessToken,
// as the vendor documents it; HTTP/2 lower-cases it on the wire.
var vendor = core.Vendor{
	Name:       "joiorders",
	AuthHeader: "accessToken",
	Errors:     errorEnvelope,
}

// createOrder is POST /orders: an order in, 200 (documented as "200
// Created"; 201 is accepted too) with the created order in the data member
// of a {success, message, data} envelope, whose success:false on a 2xx is a
// failure.
var createOrder = core.Operation[CreateOrderRequest, CreateOrderResult]{
	Name:    "createOrder",
	Method:  http.MethodPost,
	Success: []int{http.StatusOK, http.StatusCreated},
	Result:  core.ResultShape{Member: "data", SuccessFlag: "success"},
}

// ordersPath is the path of POST /orders below the base URL (see
// paths_internal_test.go).
const ordersPath = "orders"

// orderSchema holds the request body's constraints, generated from the spec
// into validation.gen.go, plus the address rules the spec can only describe.
var orderSchema = validate.New(&createOrderBody, validate.RuleFor(shippingAddressRule), validate.RuleFor(billingAddressRule))

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
// use; make one and share it. A nil or zero Client returns an error from
// every call.
type Client struct {
	core *core.Client
}

// New returns a client that authenticates with accessToken, sent raw in the
// accessToken header (see [WithBearerPrefix]). Because the vendor has no
// public server, New fails unless [WithBaseURL] is among opts; it also fails
// on an empty token, a token with a control character, or the first invalid
// option.
func New(accessToken string, opts ...Option) (*Client, error) {
	c, err := core.New(vendor, accessToken, coreOptions(opts)...)
	if err != nil {
		return nil, err
	}
	return &Client{core: c}, nil
}

// String describes the client without its access token.
func (c *Client) String() string {
	if c == nil {
		return "joiorders.Client(nil)"
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

// CreateOrder creates an order with POST /orders (the vendor's "Create Order"
// page; no public URL is known) and returns the order the vendor sends back
// in the data member of its {success, message, data} envelope.
//
// The order is validated first; a *ValidationError lists every violation with
// its JSON path, such as "lineItems[0].quantity", and nothing is sent. A
// non-2xx response, or a 2xx whose envelope says success:false, is an
// *APIError; a call that got no response to decode is a *RequestError; a 2xx
// whose body does not hold the order as a data object is a *DecodeError. Test
// errors.Is(err, ErrOutcomeUnknown) before *APIError: it matches every
// failure after which the order may exist. The vendor documents no
// idempotency key, so look the order up before creating it again.
//
// A 2xx whose members drifted from their documented types still returns the
// order: members that do not fit are left at their zero value and listed in
// the Drift of WithResponseInto's Response.
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
