package komerza

import (
	"context"
	"errors"
	"net/url"
	"sync/atomic"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
	"github.com/ordersdk/ordersdk-go/komerza/internal/api"
)

// DefaultBaseURL is Komerza's production server.
const DefaultBaseURL = "https://api.komerza.com"

// vendor is what the shared core needs to know about Komerza.
var vendor = core.Vendor{
	Name:            "komerza",
	DefaultBaseURL:  DefaultBaseURL,
	AuthHeader:      "Authorization",
	AuthScheme:      "Bearer",
	DecodeError:     decodeError,
	SuccessEnvelope: true,
	CheckResult:     checkResult,
}

// orderSchema holds the request body's constraints, read from the embedded
// spec, plus the itemsOrCost rule the spec can only describe.
var orderSchema = validate.MustRequestBody(api.GetSpec, "/stores/{storeId}/orders", validate.RuleFor(itemsOrCostRule))

// itemsOrCostRule is Komerza's "items, or cost instead": the form dropped the
// required check on items so that cost can replace them, and neither alone is
// required by the schema. Both may be set; Komerza then ignores items.
func itemsOrCostRule(r *CreateOrderRequest) []apierror.Violation {
	if r.Items == nil && r.Cost == nil {
		return []apierror.Violation{{Path: "items", Rule: "itemsOrCost", Message: "is required unless cost is set"}}
	}
	return nil
}

// ordersURL is the URL of POST /stores/{storeId}/orders for storeID, as the
// generated request builder resolves it (see paths_internal_test.go).
func (c *Client) ordersURL(storeID string) string {
	if last := c.lastStore.Load(); last != nil && last.id == storeID {
		return last.url
	}
	s := &storeURL{id: storeID, url: c.core.BaseURL() + "stores/" + url.PathEscape(storeID) + "/orders"}
	c.lastStore.Store(s)
	return s.url
}

// storeURL is a store's id and the URL its orders are posted to.
type storeURL struct{ id, url string }

// Client creates orders in Komerza. It is safe for concurrent use.
type Client struct {
	core *core.Client
	// lastStore is the store of the last call: a client mostly posts to
	// one store, whose URL is then escaped and joined once.
	lastStore atomic.Pointer[storeURL]
}

// New returns a client that authenticates with apiKey, sent as
// "Authorization: Bearer <apiKey>". It fails on an empty key or an invalid
// option.
func New(apiKey string, opts ...Option) (*Client, error) {
	c, err := core.New(vendor, apiKey, opts...)
	if err != nil {
		return nil, err
	}
	return &Client{core: c}, nil
}

// String describes the client without its API key.
func (c *Client) String() string { return c.core.String() }

// CloseIdleConnections closes the keep-alive connections the client holds
// open, as http.Client's method of the same name does; calls in progress are
// not affected.
func (c *Client) CloseIdleConnections() { c.core.CloseIdleConnections() }

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
// whose FieldErrors hold invalidFields; a failure to get any response is a
// *RequestError; a 2xx without an order is a *DecodeError. Use errors.Is(err, ErrOutcomeUnknown) to
// find failures after which the order may exist: Komerza documents no
// idempotency key, so look the order up before creating it again.
func (c *Client) CreateOrder(ctx context.Context, storeID string, req CreateOrderRequest, opts ...CallOption) (*Order, error) {
	violations := validate.DotSegment("storeId", storeID)
	if storeID == "" {
		violations = append(violations, apierror.Violation{Path: "storeId", Rule: "required", Message: "is required"})
	}
	if err := core.Validate(c.core, orderSchema, &req); err != nil {
		var ve *apierror.ValidationError
		if !errors.As(err, &ve) {
			return nil, err
		}
		violations = append(violations, ve.Violations...)
	}
	if len(violations) > 0 {
		return nil, &apierror.ValidationError{Vendor: vendor.Name, Violations: violations}
	}
	var out CreateOrderResult
	if err := c.core.PostJSON(ctx, c.ordersURL(storeID), &req, &out, opts...); err != nil {
		return nil, err
	}
	return out.Data, nil
}

// errNoData is why a 2xx envelope that does not report failure but carries no
// order cannot be decoded: the order was probably created, its id is lost.
var errNoData = errors.New(`success envelope has no "data" order`)

// checkResult refuses a success envelope without its order, which the core
// then reports as a *DecodeError.
func checkResult(result any) error {
	if r, ok := result.(*CreateOrderResult); ok && r.Data == nil {
		return errNoData
	}
	return nil
}
