package slugorders

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// vendor is what the shared core needs to know about Enad. DefaultBaseURL is
// empty because Enad documents no server, so core.New demands WithBaseURL. The
// Bearer scheme is an assumption (see the package documentation).
var vendor = core.Vendor{
	Name:       "slugorders",
	AuthHeader: "Authorization",
	AuthScheme: "Bearer",
	Errors:     errorEnvelope,
}

// createOrder is POST /api/v1/{team_slug}/{app_slug}/orders: an order in, 200
// or 201 (Enad does not say which) with the created order in the data member
// of a {data, details, success} envelope, whose success:false on a 2xx is a
// failure.
var createOrder = core.Operation[CreateOrderRequest, CreateOrderResponse]{
	Name:    "createOrder",
	Method:  http.MethodPost,
	Success: []int{http.StatusOK, http.StatusCreated},
	Result:  core.ResultShape{Member: "data", SuccessFlag: "success"},
}

// ordersPath is the path of the operation below the base URL for the two
// slugs, each escaped into its own segment, as the spec's path template
// /api/v1/{team_slug}/{app_slug}/orders resolves (see paths_internal_test.go).
func ordersPath(teamSlug, appSlug string) string {
	return "api/v1/" + url.PathEscape(teamSlug) + "/" + url.PathEscape(appSlug) + "/orders"
}

// bodySchema holds the request body's constraints and slugSchema the path
// parameters', whose violations carry the parameter's name as the path, both
// generated from the spec into validation.gen.go. The shadowedField rule
// takes the member names of a line and of an address from the same table.
var (
	bodySchema = validate.New(&createOrderBody, noShadowedFields(
		memberNames(createOrderBody.Members("lines[0]")), memberNames(createOrderBody.Members("billing_address"))))
	slugSchema = validate.New(&createOrderParams, validate.RuleFor(noDotSegments))
)

func memberNames(list []string) map[string]bool {
	names := make(map[string]bool, len(list))
	for _, n := range list {
		names[n] = true
	}
	return names
}

// pathParams is what slugSchema checks; the json tags are the spec's names.
type pathParams struct {
	TeamSlug string `json:"team_slug"`
	AppSlug  string `json:"app_slug"`
}

// noDotSegments is the rule "dotSegment" (validate.DotSegment) on both slugs.
func noDotSegments(p *pathParams) []apierror.Violation {
	return append(validate.DotSegment("team_slug", p.TeamSlug), validate.DotSegment("app_slug", p.AppSlug)...)
}

// noShadowedFields is the rule "shadowedField": the generated encoders write
// AdditionalProperties after the modelled fields, so a key such as
// "quantity" would silently replace the validated value on the wire.
func noShadowedFields(lineFields, addressFields map[string]bool) validate.Rule {
	// check appends a violation for each key of extra that is in known. The
	// member's path, name or name[index] when index >= 0, is rendered only
	// for a violation.
	check := func(out []apierror.Violation, name string, index int, extra map[string]interface{}, known map[string]bool) []apierror.Violation {
		var keys []string
		for k := range extra {
			if known[k] {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		if index >= 0 {
			name += "[" + strconv.Itoa(index) + "]"
		}
		for _, k := range keys {
			out = append(out, apierror.Violation{Path: name + "." + k, Rule: "shadowedField",
				Message: "is a modelled field: set it on the struct, not in AdditionalProperties, which would overwrite it"})
		}
		return out
	}
	return validate.RuleFor(func(req *CreateOrderRequest) []apierror.Violation {
		var out []apierror.Violation
		if req.BillingAddress != nil {
			out = check(out, "billing_address", -1, req.BillingAddress.AdditionalProperties, addressFields)
		}
		if req.ShippingAddress != nil {
			out = check(out, "shipping_address", -1, req.ShippingAddress.AdditionalProperties, addressFields)
		}
		for i, l := range req.Lines {
			out = check(out, "lines", i, l.AdditionalProperties, lineFields)
		}
		return out
	})
}

// Client creates orders in Enad. It is safe for concurrent use; make one and
// share it. A nil or zero Client returns an error from every call.
type Client struct {
	core *core.Client
}

// New returns a client that authenticates with token, sent as
// "Authorization: Bearer <token>" unless [WithAuthHeader] says otherwise.
// Because Enad documents no public server, New fails unless [WithBaseURL] is
// among opts; it also fails on an empty token, a token with a control
// character, or the first invalid option.
func New(token string, opts ...Option) (*Client, error) {
	c, err := core.New(vendor, token, coreOptions(opts)...)
	if err != nil {
		return nil, err
	}
	return &Client{core: c}, nil
}

// String describes the client without its token.
func (c *Client) String() string {
	if c == nil {
		return "slugorders.Client(nil)"
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

// CreateOrderResult is Enad's answer to a created order: the order, and the
// notes Enad attached to it without failing the call.
type CreateOrderResult struct {
	// Order is the order as Enad stored it, with its server-assigned ID. It is
	// never nil.
	Order *Order
	// Details holds Enad's non-fatal notes on the order, such as why a
	// product was set to Incomplete by a publishing rule. The order was
	// created regardless. It is never nil: it is empty when Enad had nothing
	// to add, and it leaves out blank notes and notes that were not strings
	// (those are in the Drift of WithResponseInto's Response).
	Details []string
}

// CreateOrder creates an order in the app appSlug of the team teamSlug with
// POST /api/v1/{team_slug}/{app_slug}/orders
// (https://docs.enad.io/api-reference/orders/create-order).
//
// The slugs are path-escaped, so "/", "?" and other characters stay inside
// their segment. Empty slugs and the slugs "." and "..", which would address
// another endpoint, are rejected even under WithoutValidation. The order is
// validated first; a *ValidationError lists every violation with its JSON
// path, such as "lines[0].product_id" or "team_slug", and nothing is sent.
//
// Enad answers 200 or 201 (it does not say which); any 2xx whose envelope says
// success: false is an *APIError carrying that 2xx status. Another non-2xx
// response is an *APIError; a call that got no response to decode is a
// *RequestError; a 2xx whose body does not hold the order as a data object
// is a *DecodeError. Test errors.Is(err, ErrOutcomeUnknown) before *APIError:
// it matches every failure after which the order may exist. Enad documents
// neither idempotency nor a way to read an order back, so after such a
// failure do not create the order again before Enad has confirmed whether it
// exists.
//
// A 2xx whose members drifted from Enad's documented types still returns the
// order: members that do not fit are left at their zero value and listed in
// the Drift of WithResponseInto's Response.
func (c *Client) CreateOrder(ctx context.Context, teamSlug, appSlug string, req CreateOrderRequest, opts ...CallOption) (*CreateOrderResult, error) {
	if c == nil || c.core == nil {
		return nil, errNilClient
	}
	// The slugs decide which endpoint is called, so they are checked even
	// WithoutValidation, and first.
	slugs := slugSchema.Check(&pathParams{TeamSlug: teamSlug, AppSlug: appSlug})
	if err := validationError(core.Validate(c.core, bodySchema, &req, slugs...)); err != nil {
		return nil, err
	}
	res, err := core.Do(ctx, c.core, &createOrder, ordersPath(teamSlug, appSlug), &req, coreCallOptions(opts)...)
	if err != nil {
		return nil, publicError(err)
	}
	return &CreateOrderResult{Order: res.Data, Details: notes(res.Details)}, nil
}

// notes returns the non-blank entries of details, never nil. A blank entry
// carries no note; it is also what the lenient decode leaves where Enad sent
// something other than a string.
func notes(details []string) []string {
	out := make([]string, 0, len(details))
	for _, d := range details {
		if strings.TrimSpace(d) != "" {
			out = append(out, d)
		}
	}
	return out
}
