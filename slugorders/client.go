package slugorders

import (
	"context"
	"errors"
	"net/url"
	"sort"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
	"github.com/ordersdk/ordersdk-go/slugorders/internal/api"
)

// vendor is what the shared core needs to know about Enad. DefaultBaseURL is
// empty because Enad documents no server, so core.New demands WithBaseURL. The
// Bearer scheme is an assumption (see the package documentation).
var vendor = core.Vendor{
	Name:            "slugorders",
	AuthHeader:      "Authorization",
	AuthScheme:      "Bearer",
	DecodeError:     decodeError,
	SuccessEnvelope: true,
	CheckResult:     checkResult,
}

// createPath is the operation's path in the spec.
const createPath = "/api/v1/{team_slug}/{app_slug}/orders"

// ordersURL is the URL of createPath for the two slugs, as the generated
// request builder resolves it (see paths_internal_test.go).
func (c *Client) ordersURL(teamSlug, appSlug string) string {
	return c.core.BaseURL() + "api/v1/" + url.PathEscape(teamSlug) + "/" + url.PathEscape(appSlug) + "/orders"
}

// bodySchema holds the request body's constraints and slugSchema the path
// parameters', both read from the embedded spec.
var bodySchema, slugSchema = mustSchemas()

func mustSchemas() (body, slugs *validate.Schema) {
	doc, err := api.GetSpec()
	if err != nil {
		panic(err) // the spec is embedded at build time; the tests load it
	}
	op := doc.Paths.Find(createPath).Post
	b := op.RequestBody.Value.Content.Get("application/json").Schema.Value
	lineFields := memberNames(b.Properties["lines"].Value.Items.Value)
	addressFields := memberNames(b.Properties["billing_address"].Value)
	// The path parameters become the members of one object, so that their
	// violations carry the parameter's name as the path.
	p := openapi3.NewObjectSchema()
	for _, param := range op.Parameters {
		if param.Value.In != openapi3.ParameterInPath {
			continue
		}
		p.Properties[param.Value.Name] = param.Value.Schema
		if param.Value.Required {
			p.Required = append(p.Required, param.Value.Name)
		}
	}
	return validate.MustCompile(b, noShadowedFields(lineFields, addressFields)), validate.MustCompile(p, validate.RuleFor(noDotSegments))
}

func memberNames(s *openapi3.Schema) map[string]bool {
	names := make(map[string]bool, len(s.Properties))
	for n := range s.Properties {
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

// Client creates orders in Enad. It is safe for concurrent use.
type Client struct {
	core *core.Client
}

// New returns a client that authenticates with token. It fails on an empty
// token, an invalid option, or when no WithBaseURL option names Enad's server,
// for which there is no default.
func New(token string, opts ...Option) (*Client, error) {
	c, err := core.New(vendor, token, opts...)
	if err != nil {
		return nil, err
	}
	return &Client{core: c}, nil
}

// String describes the client without its token.
func (c *Client) String() string { return c.core.String() }

// CloseIdleConnections closes the keep-alive connections the client holds
// open, as http.Client's method of the same name does; calls in progress are
// not affected.
func (c *Client) CloseIdleConnections() { c.core.CloseIdleConnections() }

// CreateOrderResult is Enad's answer to a created order: the order, and the
// notes Enad attached to it without failing the call.
type CreateOrderResult struct {
	// Order is the order as Enad stored it, with its server-assigned ID. It is
	// never nil.
	Order *Order
	// Details holds Enad's non-fatal notes on the order, such as why a
	// product was set to Incomplete by a publishing rule. The order was
	// created regardless; Details is empty when Enad had nothing to add.
	Details []string
}

var errNoOrder = errors.New("the success response carries no order (data is missing or null)")

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
// response is an *APIError; a failure to get any response is a
// *RequestError; a 2xx without an order is a *DecodeError. Use
// errors.Is(err, ErrOutcomeUnknown) to find failures after which the order may
// exist: Enad documents no idempotency, so look it up by its reference before
// creating it again.
func (c *Client) CreateOrder(ctx context.Context, teamSlug, appSlug string, req CreateOrderRequest, opts ...CallOption) (*CreateOrderResult, error) {
	violations := slugSchema.Check(pathParams{TeamSlug: teamSlug, AppSlug: appSlug})
	if err := core.Validate(c.core, bodySchema, &req); err != nil {
		var ve *apierror.ValidationError
		if !errors.As(err, &ve) {
			return nil, err
		}
		violations = append(violations, ve.Violations...)
	}
	if len(violations) > 0 {
		return nil, &apierror.ValidationError{Vendor: vendor.Name, Violations: violations}
	}
	var env api.CreateOrderResponse
	if err := c.core.PostJSON(ctx, c.ordersURL(teamSlug, appSlug), &req, &env, opts...); err != nil {
		return nil, err
	}
	details := env.Details
	if details == nil {
		details = []string{}
	}
	return &CreateOrderResult{Order: env.Data, Details: details}, nil
}

// checkResult refuses a successful envelope without its order, which the core
// then reports as a *DecodeError with the status and body.
func checkResult(result any) error {
	if env, ok := result.(*api.CreateOrderResponse); ok && env.Data == nil {
		return errNoOrder
	}
	return nil
}
