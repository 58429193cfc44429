package komerza

import (
	"context"
	"net/http"
	"net/url"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// DefaultBaseURL is Komerza's production server.
const DefaultBaseURL = "https://api.komerza.com"

// vendor is what the shared core needs to know about Komerza.
var vendor = core.Vendor{
	Name:           "komerza",
	DefaultBaseURL: DefaultBaseURL,
	AuthHeader:     "Authorization",
	AuthScheme:     "Bearer",
	Errors:         errorEnvelope,
}

// createOrder is POST /stores/{storeId}/orders: 200 with the created order in
// the data member of Komerza's envelope, whose success:false turns any 2xx
// into a failure.
var createOrder = core.Operation[CreateOrderRequest, CreateOrderResult]{
	Name:    "createOrder",
	Method:  http.MethodPost,
	Success: []int{http.StatusOK},
	Result:  core.ResultShape{Member: "data", SuccessFlag: "success"},
}

// ordersPath is the path of POST /stores/{storeId}/orders below the base URL
// for storeID, escaped as one path segment.
func ordersPath(storeID string) string {
	return "stores/" + url.PathEscape(storeID) + "/orders"
}

// orderSchema holds the request body's constraints, generated from the spec
// into validation.gen.go, plus the itemsOrCost rule the spec can only describe.
var orderSchema = validate.New(&createOrderBody, validate.RuleFor(itemsOrCostRule))

// itemsOrCostRule is Komerza's "items, or cost instead": the form dropped the
// required check on items so that cost can replace them, and neither alone is
// required by the schema. An empty Items counts as unset, since it is left
// out of the request. Both may be set; Komerza then ignores items.
func itemsOrCostRule(r *CreateOrderRequest) []apierror.Violation {
	if len(r.Items) == 0 && r.Cost == nil {
		return []apierror.Violation{{Path: "items", Rule: "itemsOrCost", Message: "is required unless cost is set"}}
	}
	return nil
}

// storeIDViolations are the store ids refused even WithoutValidation: an empty
// one, or a dot segment, would address another endpoint, not an invalid
// order. createOrderParams would report an empty id as minLength, and only
// under validation.
func storeIDViolations(storeID string) []apierror.Violation {
	if storeID == "" {
		return []apierror.Violation{{Path: "storeId", Rule: "required", Message: "is required"}}
	}
	return validate.DotSegment("storeId", storeID)
}

// Client creates orders in Komerza. It is safe for concurrent use; make one
// and share it. A nil or zero Client returns an error from every call.
type Client struct {
	core *core.Client
}

// New returns a client that authenticates with apiKey, sent as
// "Authorization: Bearer <apiKey>". It fails on an empty key, a key with a
// control character, or the first invalid option.
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
		return "komerza.Client(nil)"
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

// CreateOrder creates an order in the store storeID with POST
// /stores/{storeId}/orders
// (https://docs.komerza.com/api-reference/endpoint/orders/create) and returns
// the order from the data member of Komerza's envelope. storeID is
// path-escaped, so any string but "." and ".." is sent as one path segment.
//
// The order is validated first; a *ValidationError lists every violation with
// its JSON path, such as "items[0].quantity", and nothing is sent. An empty
// storeID, or one that is "." or "..", is always such a violation (path
// "storeId"), even with WithoutValidation, because it would address another
// endpoint. A non-2xx response, or a 2xx whose envelope says success:false, is
// an *APIError whose Code is Komerza's error code (see the Code constants) and
// whose FieldErrors hold invalidFields; a call that got no response to decode
// is a *RequestError; a 2xx whose data is not an order object is a
// *DecodeError. Test errors.Is(err, ErrOutcomeUnknown) before *APIError: it
// matches every failure after which the order may exist. Komerza documents no
// idempotency key, so look the order up before creating it again.
//
// A 2xx whose members drifted from Komerza's documented types still returns
// the order: members that do not fit are left at their zero value and listed
// in the Drift of WithResponseInto's Response.
func (c *Client) CreateOrder(ctx context.Context, storeID string, req CreateOrderRequest, opts ...CallOption) (*Order, error) {
	if c == nil || c.core == nil {
		return nil, errNilClient
	}
	if err := validationError(core.Validate(c.core, orderSchema, &req, storeIDViolations(storeID)...)); err != nil {
		return nil, err
	}
	res, err := core.Do(ctx, c.core, &createOrder, ordersPath(storeID), &req, coreCallOptions(opts)...)
	if err != nil {
		return nil, publicError(err)
	}
	return res.Data, nil
}
