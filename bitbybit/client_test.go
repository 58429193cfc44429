package bitbybit_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
)

func ptr[T any](v T) *T { return &v }

// secretKey is a live-looking key that the leak checks search for.
const secretKey = "bbb_live_s3cr3t_DO_NOT_LEAK_42"

func setup(t *testing.T, opts ...bitbybit.Option) (*bitbybit.Client, *bitbybittest.Server) {
	t.Helper()
	srv := bitbybittest.NewServer(t, bitbybittest.WithAPIKey(secretKey))
	c, err := srv.Client(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// noLeak fails if the API key appears in anything a caller might print.
func noLeak(t *testing.T, err error, c *bitbybit.Client) {
	t.Helper()
	if err != nil {
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%v", err)} {
			if strings.Contains(s, secretKey) {
				t.Errorf("error text leaks the API key: %s", s)
			}
		}
		var apiErr *bitbybit.APIError
		if errors.As(err, &apiErr) && strings.Contains(string(apiErr.Body), secretKey) {
			t.Errorf("APIError.Body leaks the API key: %s", apiErr.Body)
		}
	}
	for _, s := range []string{fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprint(c), c.String()} {
		if strings.Contains(s, secretKey) {
			t.Errorf("client text leaks the API key: %s", s)
		}
	}
}

func decode(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return v
}

func TestCreateOrderWireJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, golden string
		order        bitbybit.CreateOrderRequest
	}{
		{"full", "full_order.json", bitbybittest.FullOrder()},
		{"minimal", "minimal_order.json", bitbybittest.MinimalOrder()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			order, err := c.CreateOrder(context.Background(), tt.order)
			if err != nil {
				t.Fatal(err)
			}
			reqs := srv.Received()
			if len(reqs) != 1 {
				t.Fatalf("fake received %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			want, err := os.ReadFile(filepath.Join("testdata", tt.golden))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decode(t, want), decode(t, r.Body)); diff != "" {
				t.Errorf("wire JSON (-want +got):\n%s", diff)
			}
			if r.Method != http.MethodPost || r.Path != "/orders" {
				t.Errorf("request line = %s %s, want POST /orders", r.Method, r.Path)
			}
			if got := r.Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := r.Header.Get("User-Agent"); got != "ordersdk-go/0.1.0 (bitbybit)" {
				t.Errorf("User-Agent = %q", got)
			}
			if order == nil || order.ID == nil || *order.ID == "" {
				t.Errorf("order = %+v, want one with a server-assigned id", order)
			}
			if got := srv.Orders(); len(got) != 1 || cmp.Diff(tt.order, got[0]) != "" {
				t.Errorf("ledger = %+v, want the one order as sent", got)
			}
		})
	}
}

func TestCredentialHeader(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, key string }{
		{"live key", "bbb_live_AbC123xyz"},
		{"test key", "bbb_test_AbC123xyz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := bitbybittest.NewServer(t, bitbybittest.WithAPIKey(tt.key))
			c, err := srv.Client()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.CreateOrder(context.Background(), bitbybittest.MinimalOrder()); err != nil {
				t.Fatal(err)
			}
			h := srv.Received()[0].Header
			// Sent raw: no "Bearer" or other scheme word, and no other header
			// carries it.
			if got := h.Values("X-Api-Key"); len(got) != 1 || got[0] != tt.key {
				t.Errorf("x-api-key on the wire = %q, want exactly [%q]", got, tt.key)
			}
			if got := h.Get("Authorization"); got != "" {
				t.Errorf("Authorization = %q, want none", got)
			}
		})
	}
}

func TestWrongKeyIsUnauthorized(t *testing.T) {
	t.Parallel()
	srv := bitbybittest.NewServer(t)
	c, err := bitbybit.New(secretKey, bitbybit.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateOrder(context.Background(), bitbybittest.MinimalOrder())
	var apiErr *bitbybit.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, bitbybit.ErrUnauthorized) {
		t.Fatalf("err = %v, want a 401 *APIError", err)
	}
	if apiErr.StatusCode != http.StatusUnauthorized || apiErr.Code != bitbybit.CodeInvalidAPIKey {
		t.Errorf("APIError = %d %q, want 401 %s", apiErr.StatusCode, apiErr.Code, bitbybit.CodeInvalidAPIKey)
	}
	if n := srv.Requests(); n != 1 {
		t.Errorf("fake received %d requests, want 1: a 401 is never retried", n)
	}
	noLeak(t, err, c)
}

// TestBaseURLPath checks that operation paths resolve beneath the base URL's
// path, as bitbybit's /customer/api/open/v1 needs, with or without a trailing
// slash.
func TestBaseURLPath(t *testing.T) {
	t.Parallel()
	for _, suffix := range []string{"/customer/api/open/v1", "/customer/api/open/v1/", "/customer/open/v1"} {
		t.Run(suffix, func(t *testing.T) {
			t.Parallel()
			_, srv := setup(t)
			c, err := srv.Client(bitbybit.WithBaseURL(srv.URL() + suffix))
			if err != nil {
				t.Fatal(err)
			}
			// The fake serves /orders at its root, so it answers NOT_FOUND: what
			// bitbybit answers on a wrong base URL.
			_, err = c.CreateOrder(context.Background(), bitbybittest.MinimalOrder())
			var apiErr *bitbybit.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || apiErr.Code != bitbybit.CodeNotFound {
				t.Errorf("err = %v, want 404 NOT_FOUND", err)
			}
			want := strings.TrimSuffix(suffix, "/") + "/orders"
			if got := srv.Received()[0].Path; got != want {
				t.Errorf("path on the wire = %q, want %q", got, want)
			}
		})
	}
}

func TestNewRejectsBadConfiguration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		key  string
		opts []bitbybit.Option
	}{
		{"empty key", "", nil},
		{"blank key", " \t ", nil},
		{"key with a line break", "bbb_live_x\r\nX-Evil: 1", nil},
		{"empty base URL", "k", []bitbybit.Option{bitbybit.WithBaseURL("")}},
		{"unparsable base URL", "k", []bitbybit.Option{bitbybit.WithBaseURL("://nope")}},
		{"relative base URL", "k", []bitbybit.Option{bitbybit.WithBaseURL("/customer/api/open/v1")}},
		{"plain http off loopback", "k", []bitbybit.Option{bitbybit.WithBaseURL("http://api.bitbybit.studio/customer/api/open/v1")}},
		{"credentials in the base URL", "k", []bitbybit.Option{bitbybit.WithBaseURL("https://user:pass@api.bitbybit.studio/")}},
		{"ftp base URL", "k", []bitbybit.Option{bitbybit.WithBaseURL("ftp://api.bitbybit.studio/")}},
		{"negative retries", "k", []bitbybit.Option{bitbybit.WithMaxRetries(-1)}},
		{"zero max retry wait", "k", []bitbybit.Option{bitbybit.WithMaxRetryWait(0)}},
		{"backoff cap below base", "k", []bitbybit.Option{bitbybit.WithBackoff(time.Second, time.Millisecond)}},
		{"nil http client", "k", []bitbybit.Option{bitbybit.WithHTTPClient(nil)}},
		{"nil logger", "k", []bitbybit.Option{bitbybit.WithLogger(nil)}},
		{"empty user agent", "k", []bitbybit.Option{bitbybit.WithUserAgent("")}},
		{"zero rate limit", "k", []bitbybit.Option{bitbybit.WithRateLimit(0, 1)}},
		{"zero option", "k", []bitbybit.Option{{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := bitbybit.New(tt.key, tt.opts...)
			if err == nil || c != nil {
				t.Fatalf("New() = %v, %v; want an error", c, err)
			}
			if strings.Contains(err.Error(), "pass@") {
				t.Errorf("error repeats the base URL's credentials: %v", err)
			}
		})
	}
	for _, u := range []string{"http://127.0.0.1:1", "http://localhost:8080/customer/api/open/v1", "http://[::1]:1"} {
		if _, err := bitbybit.New("k", bitbybit.WithBaseURL(u)); err != nil {
			t.Errorf("http on loopback %s refused: %v", u, err)
		}
	}
}

func TestDefaultBaseURL(t *testing.T) {
	t.Parallel()
	c, err := bitbybit.New(secretKey)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "bitbybit.Client{BaseURL: https://api.bitbybit.studio/customer/api/open/v1/}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if bitbybit.DefaultBaseURL != "https://api.bitbybit.studio/customer/api/open/v1" {
		t.Errorf("DefaultBaseURL = %q", bitbybit.DefaultBaseURL)
	}
	noLeak(t, nil, c)
}

func TestCreateOrderDecodesResult(t *testing.T) {
	t.Parallel()
	ignoreIDs := cmp.Options{
		cmpopts.IgnoreFields(bitbybit.Order{}, "ID", "CreatedAt", "UpdatedAt"),
		cmpopts.IgnoreFields(bitbybit.LineItem{}, "ID"),
		cmpopts.IgnoreFields(bitbybit.Address{}, "ID"),
	}
	tests := []struct {
		name  string
		order bitbybit.CreateOrderRequest
		want  bitbybit.Order
		// newCustomer says the fake assigned the customer an id.
		newCustomer bool
	}{
		{
			name:  "new customer, every field",
			order: bitbybittest.FullOrder(),
			want: bitbybit.Order{
				OrderNumber:       ptr("#1001"),
				Status:            ptr(bitbybit.OrderStatusActive),
				FinancialStatus:   ptr(bitbybit.OrderFinancialStatusPending),
				FulfillmentStatus: ptr(bitbybit.OrderFulfillmentStatusUnfulfilled),
				Customer: &bitbybit.OrderCustomer{FirstName: ptr("Siti"), LastName: ptr("Rahma"),
					Email: ptr("siti.rahma@example.com"), PhoneNumber: ptr("+6281234567890")},
				LineItems: []bitbybit.LineItem{
					{Quantity: ptr(2), ProductVariant: &bitbybit.ProductVariant{ID: ptr("pv_batik_shirt_m")}},
					{Quantity: ptr(1), ProductVariant: &bitbybit.ProductVariant{ID: ptr("pv_tote_bag")}},
				},
				ShippingAddress: &bitbybit.Address{FirstName: ptr("Siti"), LastName: ptr("Rahma"),
					Phone: ptr("+6281234567890"), Address1: ptr("Jl. Sudirman No. 45"),
					Address2: ptr("Apartemen Blok C, Lt. 12"), City: ptr("Jakarta Selatan"),
					Province: ptr("DKI Jakarta"), Country: ptr("Indonesia"), Zip: ptr("12190")},
				Notes: ptr("Please gift-wrap the tote bag."),
				Tags:  []string{"whatsapp", "vip"},
			},
			newCustomer: true,
		},
		{
			name:  "existing customer",
			order: bitbybittest.MinimalOrder(),
			want: bitbybit.Order{
				OrderNumber:       ptr("#1001"),
				Status:            ptr(bitbybit.OrderStatusActive),
				FinancialStatus:   ptr(bitbybit.OrderFinancialStatusPending),
				FulfillmentStatus: ptr(bitbybit.OrderFulfillmentStatusUnfulfilled),
				Customer:          &bitbybit.OrderCustomer{ID: ptr("cus_01HZX4")},
				LineItems:         []bitbybit.LineItem{{Quantity: ptr(1), ProductVariant: &bitbybit.ProductVariant{ID: ptr("pv_1")}}},
				ShippingAddress: &bitbybit.Address{FirstName: ptr("A"), LastName: ptr("B"), Phone: ptr("1"),
					Address1: ptr("C"), City: ptr("D"), Province: ptr("E"), Zip: ptr("F")},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			before := time.Now().Add(-time.Second)
			got, err := c.CreateOrder(context.Background(), tt.order)
			if err != nil {
				t.Fatal(err)
			}
			opts := ignoreIDs
			if tt.newCustomer {
				opts = append(opts, cmpopts.IgnoreFields(bitbybit.OrderCustomer{}, "ID"))
				if got.Customer == nil || got.Customer.ID == nil || *got.Customer.ID == "" {
					t.Errorf("customer = %+v, want a server-assigned id", got.Customer)
				}
			}
			if diff := cmp.Diff(tt.want, *got, opts); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
			ledger := srv.Ledger()
			if got.ID == nil || len(ledger) != 1 || *got.ID != ledger[0].ID {
				t.Errorf("order id = %v, want the id the fake assigned", got.ID)
			}
			for i, li := range got.LineItems {
				if li.ID == nil || *li.ID == "" {
					t.Errorf("lineItems[%d] has no server-assigned id", i)
				}
			}
			if got.CreatedAt == nil || got.UpdatedAt == nil {
				t.Fatalf("createdAt = %v, updatedAt = %v, want both", got.CreatedAt, got.UpdatedAt)
			}
			if created, err := time.Parse(time.RFC3339, *got.CreatedAt); err != nil || created.Before(before) {
				t.Errorf("createdAt = %q (%v), want now as RFC 3339", *got.CreatedAt, err)
			}
		})
	}
}

func TestCreateOrderValidationSendsNothing(t *testing.T) {
	t.Parallel()
	minLen := func(path string) bitbybit.Violation {
		return bitbybit.Violation{Path: path, Rule: "minLength", Message: "must be at least 1 characters"}
	}
	tests := []struct {
		name   string
		modify func(*bitbybit.CreateOrderRequest)
		want   []bitbybit.Violation
	}{
		{"customerId empty", func(o *bitbybit.CreateOrderRequest) { o.CustomerID = ptr("") },
			[]bitbybit.Violation{minLen("customerId")}},
		{"customer names empty", func(o *bitbybit.CreateOrderRequest) {
			o.CustomerID, o.Customer = nil, &bitbybit.CustomerInput{Phone: ptr("+6281")}
		}, []bitbybit.Violation{minLen("customer.firstName"), minLen("customer.lastName")}},
		{"customer email malformed", func(o *bitbybit.CreateOrderRequest) {
			o.CustomerID, o.Customer = nil, &bitbybit.CustomerInput{FirstName: "S", LastName: "R", Email: ptr("siti at example.com")}
		}, []bitbybit.Violation{{Path: "customer.email", Rule: "format", Message: "must be a valid email"}}},
		{"customer email with display name", func(o *bitbybit.CreateOrderRequest) {
			o.CustomerID, o.Customer = nil, &bitbybit.CustomerInput{FirstName: "S", LastName: "R", Email: ptr("Siti <siti@example.com>")}
		}, []bitbybit.Violation{{Path: "customer.email", Rule: "format", Message: "must be a valid email"}}},
		{"lineItems missing", func(o *bitbybit.CreateOrderRequest) { o.LineItems = nil },
			[]bitbybit.Violation{{Path: "lineItems", Rule: "required", Message: "is required"}}},
		{"lineItems empty", func(o *bitbybit.CreateOrderRequest) { o.LineItems = []bitbybit.LineItemInput{} },
			[]bitbybit.Violation{{Path: "lineItems", Rule: "minItems", Message: "must have at least 1 items"}}},
		{"quantity zero", func(o *bitbybit.CreateOrderRequest) { o.LineItems[0].Quantity = 0 },
			[]bitbybit.Violation{{Path: "lineItems[0].quantity", Rule: "minimum", Message: "must be at least 1"}}},
		{"quantity negative on a later line", func(o *bitbybit.CreateOrderRequest) {
			o.LineItems = append(o.LineItems, bitbybit.LineItemInput{ProductVariantID: "pv_2", Quantity: -3})
		}, []bitbybit.Violation{{Path: "lineItems[1].quantity", Rule: "minimum", Message: "must be at least 1"}}},
		{"productVariantId empty", func(o *bitbybit.CreateOrderRequest) { o.LineItems[0].ProductVariantID = "" },
			[]bitbybit.Violation{minLen("lineItems[0].productVariantId")}},
		{"shippingAddress empty", func(o *bitbybit.CreateOrderRequest) { o.ShippingAddress = bitbybit.ShippingAddressInput{} },
			[]bitbybit.Violation{
				minLen("shippingAddress.address1"), minLen("shippingAddress.city"), minLen("shippingAddress.firstName"),
				minLen("shippingAddress.lastName"), minLen("shippingAddress.phone"), minLen("shippingAddress.province"),
				minLen("shippingAddress.zip"),
			}},
		{"neither customerId nor customer", func(o *bitbybit.CreateOrderRequest) { o.CustomerID = nil },
			[]bitbybit.Violation{{Path: "customerId", Rule: "customerIdOrCustomer", Message: "either customerId or customer is required"}}},
		{"both customerId and customer", func(o *bitbybit.CreateOrderRequest) {
			o.Customer = &bitbybit.CustomerInput{FirstName: "S", LastName: "R"}
		}, []bitbybit.Violation{{Path: "customerId", Rule: "customerIdOrCustomer", Message: "only one of customerId and customer may be set"}}},
		{"everything at once, in document order", func(o *bitbybit.CreateOrderRequest) {
			o.CustomerID = nil
			o.LineItems = []bitbybit.LineItemInput{{ProductVariantID: "", Quantity: 0}}
			o.ShippingAddress.Zip = ""
		}, []bitbybit.Violation{
			minLen("lineItems[0].productVariantId"),
			{Path: "lineItems[0].quantity", Rule: "minimum", Message: "must be at least 1"},
			minLen("shippingAddress.zip"),
			{Path: "customerId", Rule: "customerIdOrCustomer", Message: "either customerId or customer is required"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			order := bitbybittest.MinimalOrder()
			tt.modify(&order)
			got, err := c.CreateOrder(context.Background(), order)
			var ve *bitbybit.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, bitbybit.ErrInvalidRequest) || got != nil {
				t.Fatalf("CreateOrder() = %v, %v; want a *ValidationError matching ErrInvalidRequest", got, err)
			}
			if diff := cmp.Diff(tt.want, ve.Violations); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
			if ve.Vendor != "bitbybit" {
				t.Errorf("Vendor = %q", ve.Vendor)
			}
			if n := srv.Requests(); n != 0 {
				t.Errorf("fake received %d requests, want 0", n)
			}
			noLeak(t, err, c)
		})
	}
}

// TestCreateOrderBoundariesAccepted sends each constraint's boundary value,
// which the client must let through and the fake must accept.
func TestCreateOrderBoundariesAccepted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		modify func(*bitbybit.CreateOrderRequest)
	}{
		{"customerId of one character", func(o *bitbybit.CreateOrderRequest) { o.CustomerID = ptr("c") }},
		{"customer names of one character, no contact", func(o *bitbybit.CreateOrderRequest) {
			o.CustomerID, o.Customer = nil, &bitbybit.CustomerInput{FirstName: "S", LastName: "R"}
		}},
		{"customer names of one multibyte character", func(o *bitbybit.CreateOrderRequest) {
			o.CustomerID, o.Customer = nil, &bitbybit.CustomerInput{FirstName: "é", LastName: "王"}
		}},
		{"customer with a valid email", func(o *bitbybit.CreateOrderRequest) {
			o.CustomerID, o.Customer = nil, &bitbybit.CustomerInput{FirstName: "S", LastName: "R", Email: ptr("a@b.co")}
		}},
		{"customer with an empty email", func(o *bitbybit.CreateOrderRequest) {
			o.CustomerID, o.Customer = nil, &bitbybit.CustomerInput{FirstName: "S", LastName: "R", Email: ptr(""), Phone: ptr("")}
		}},
		{"exactly one line item, quantity 1", func(o *bitbybit.CreateOrderRequest) {
			o.LineItems = []bitbybit.LineItemInput{{ProductVariantID: "p", Quantity: 1}}
		}},
		{"large quantity", func(o *bitbybit.CreateOrderRequest) { o.LineItems[0].Quantity = 1_000_000 }},
		{"many line items", func(o *bitbybit.CreateOrderRequest) {
			for i := range 50 {
				o.LineItems = append(o.LineItems, bitbybit.LineItemInput{ProductVariantID: fmt.Sprintf("pv_%d", i), Quantity: 1})
			}
		}},
		{"optional address fields empty", func(o *bitbybit.CreateOrderRequest) {
			o.ShippingAddress.Address2, o.ShippingAddress.Country = ptr(""), ptr("")
		}},
		{"empty notes and tags", func(o *bitbybit.CreateOrderRequest) { o.Notes, o.Tags = ptr(""), []string{} }},
		{"empty tag", func(o *bitbybit.CreateOrderRequest) { o.Tags = []string{""} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			order := bitbybittest.MinimalOrder()
			tt.modify(&order)
			if _, err := c.CreateOrder(context.Background(), order); err != nil {
				t.Fatalf("CreateOrder() = %v, want success", err)
			}
			if n := srv.Requests(); n != 1 {
				t.Errorf("fake received %d requests, want 1", n)
			}
		})
	}
}

// TestWithoutValidation lets an order that breaks the customer rule through,
// so bitbybit's own 400 comes back.
func TestWithoutValidation(t *testing.T) {
	t.Parallel()
	c, srv := setup(t, bitbybit.WithoutValidation())
	order := bitbybittest.FullOrder()
	order.CustomerID = ptr("cus_1")
	_, err := c.CreateOrder(context.Background(), order)
	var apiErr *bitbybit.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || apiErr.Code != bitbybit.CodeValidationError {
		t.Fatalf("err = %v, want 400 VALIDATION_ERROR from the fake", err)
	}
	if n := srv.Requests(); n != 1 {
		t.Errorf("fake received %d requests, want 1", n)
	}
}

// all is every category sentinel, to check that an error matches exactly the
// expected ones.
var all = map[string]error{
	"ErrUnauthorized":   bitbybit.ErrUnauthorized,
	"ErrRateLimited":    bitbybit.ErrRateLimited,
	"ErrInvalidRequest": bitbybit.ErrInvalidRequest,
	"ErrServer":         bitbybit.ErrServer,
	"ErrOutcomeUnknown": bitbybit.ErrOutcomeUnknown,
}

func checkCategories(t *testing.T, err error, want ...error) {
	t.Helper()
	for name, sentinel := range all {
		wanted := false
		for _, w := range want {
			wanted = wanted || w == sentinel
		}
		if got := errors.Is(err, sentinel); got != wanted {
			t.Errorf("errors.Is(err, %s) = %v, want %v", name, got, wanted)
		}
	}
}

func TestErrorDecoding(t *testing.T) {
	t.Parallel()
	type fields struct {
		StatusCode  int
		Code        string
		Message     string
		FieldErrors []bitbybit.FieldError
		RequestID   string
		RetryAfter  time.Duration
	}
	envelope := func(code, msg string) []byte {
		return []byte(fmt.Sprintf(`{"error":{"code":%q,"message":%q}}`, code, msg))
	}
	tests := []struct {
		name   string
		status int
		header http.Header
		body   []byte
		want   fields
		is     []error
	}{
		{"400 validation, with a request id", 400, http.Header{"X-Request-Id": {"req_8f2a"}},
			envelope("VALIDATION_ERROR", "Invalid request body"),
			fields{StatusCode: 400, Code: bitbybit.CodeValidationError, Message: "Invalid request body", RequestID: "req_8f2a"},
			[]error{bitbybit.ErrInvalidRequest}},
		{"400 missing company id", 400, nil, envelope("MISSING_COMPANY_ID", "API key is not linked to a company"),
			fields{StatusCode: 400, Code: bitbybit.CodeMissingCompanyID, Message: "API key is not linked to a company"},
			[]error{bitbybit.ErrInvalidRequest}},
		{"401 missing key", 401, nil, envelope("MISSING_API_KEY", "API key is required"),
			fields{StatusCode: 401, Code: bitbybit.CodeMissingAPIKey, Message: "API key is required"},
			[]error{bitbybit.ErrUnauthorized}},
		{"401 invalid key, echoed back", 401, nil, envelope("INVALID_API_KEY", "Invalid API key: "+secretKey),
			fields{StatusCode: 401, Code: bitbybit.CodeInvalidAPIKey, Message: "Invalid API key: [REDACTED]"},
			[]error{bitbybit.ErrUnauthorized}},
		{"403 insufficient scope", 403, nil, envelope("INSUFFICIENT_SCOPE", "Requires orders:WRITE"),
			fields{StatusCode: 403, Code: bitbybit.CodeInsufficientScope, Message: "Requires orders:WRITE"},
			[]error{bitbybit.ErrUnauthorized}},
		{"403 ip not allowed", 403, nil, envelope("IP_NOT_ALLOWED", "IP 203.0.113.7 is not allowed"),
			fields{StatusCode: 403, Code: bitbybit.CodeIPNotAllowed, Message: "IP 203.0.113.7 is not allowed"},
			[]error{bitbybit.ErrUnauthorized}},
		{"404 not found", 404, nil, envelope("NOT_FOUND", "Route not found"),
			fields{StatusCode: 404, Code: bitbybit.CodeNotFound, Message: "Route not found"}, nil},
		{"429 with RateLimit headers", 429,
			http.Header{"Ratelimit-Limit": {"100"}, "Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"42"}},
			envelope("RATE_LIMIT_EXCEEDED", "Too many requests. Please retry after the reset period."),
			fields{StatusCode: 429, Code: bitbybit.CodeRateLimitExceeded, Message: "Too many requests. Please retry after the reset period.", RetryAfter: 42 * time.Second},
			[]error{bitbybit.ErrRateLimited}},
		{"429 with Retry-After too: Retry-After wins", 429,
			http.Header{"Retry-After": {"7"}, "Ratelimit-Reset": {"42"}},
			envelope("RATE_LIMIT_EXCEEDED", "slow down"),
			fields{StatusCode: 429, Code: bitbybit.CodeRateLimitExceeded, Message: "slow down", RetryAfter: 7 * time.Second},
			[]error{bitbybit.ErrRateLimited}},
		{"429 with a bad RateLimit-Reset", 429, http.Header{"Ratelimit-Reset": {"soon"}},
			envelope("RATE_LIMIT_EXCEEDED", "slow down"),
			fields{StatusCode: 429, Code: bitbybit.CodeRateLimitExceeded, Message: "slow down"},
			[]error{bitbybit.ErrRateLimited}},
		{"503 service unavailable: nothing was created", 503, nil, envelope("SERVICE_UNAVAILABLE", "Service temporarily unavailable"),
			fields{StatusCode: 503, Code: bitbybit.CodeServiceUnavailable, Message: "Service temporarily unavailable"},
			[]error{bitbybit.ErrServer}},
		{"422 unknown code passes through", 422, nil, envelope("SOMETHING_NEW", "m"),
			fields{StatusCode: 422, Code: "SOMETHING_NEW", Message: "m"},
			[]error{bitbybit.ErrInvalidRequest}},
		{"500 HTML page", 500, http.Header{"Content-Type": {"text/html"}}, []byte("<html><body><h1>500 Internal Server Error</h1></body></html>"),
			fields{StatusCode: 500}, []error{bitbybit.ErrServer, bitbybit.ErrOutcomeUnknown}},
		{"502 empty body", 502, nil, []byte{},
			fields{StatusCode: 502}, []error{bitbybit.ErrServer, bitbybit.ErrOutcomeUnknown}},
		{"504 null", 504, nil, []byte("null"),
			fields{StatusCode: 504}, []error{bitbybit.ErrServer, bitbybit.ErrOutcomeUnknown}},
		{"400 truncated JSON", 400, nil, []byte(`{"error":{"code":"VALIDATION_ERR`),
			fields{StatusCode: 400}, []error{bitbybit.ErrInvalidRequest}},
		{"400 wrong types: a numeric code is kept as its text", 400, nil, []byte(`{"error":{"code":42,"message":{"text":"x"}}}`),
			fields{StatusCode: 400, Code: "42"}, []error{bitbybit.ErrInvalidRequest}},
		{"400 one field of the wrong type", 400, nil, []byte(`{"error":{"code":["VALIDATION_ERROR"],"message":"Invalid request body"}}`),
			fields{StatusCode: 400, Message: "Invalid request body"}, []error{bitbybit.ErrInvalidRequest}},
		{"400 error as a string", 400, nil, []byte(`{"error":"Bad Request"}`),
			fields{StatusCode: 400, Message: "Bad Request"}, []error{bitbybit.ErrInvalidRequest}},
		{"400 gateway message", 400, nil, []byte(`{"message":"Invalid JSON"}`),
			fields{StatusCode: 400, Message: "Invalid JSON"}, []error{bitbybit.ErrInvalidRequest}},
		{"400 error null", 400, nil, []byte(`{"error":null}`),
			fields{StatusCode: 400}, []error{bitbybit.ErrInvalidRequest}},
		{"400 array", 400, nil, []byte(`[{"code":"VALIDATION_ERROR"}]`),
			fields{StatusCode: 400}, []error{bitbybit.ErrInvalidRequest}},
		{"418 plain text", 418, nil, []byte("I'm a teapot"),
			fields{StatusCode: 418}, nil},
		{"429 from the fake's own envelope", 429, nil, nil,
			fields{StatusCode: 429, Code: bitbybit.CodeRateLimitExceeded, Message: "injected fault"},
			[]error{bitbybit.ErrRateLimited}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// Neither the budget of WithMaxRetries nor the 429s' own wait
			// (WithMaxRateLimitWait) lets the one fault be retried.
			c, srv := setup(t, bitbybit.WithMaxRetries(0), bitbybit.WithMaxRateLimitWait(0))
			srv.Inject(bitbybittest.Fault{Status: tt.status, Header: tt.header, Body: tt.body})
			got, err := c.CreateOrder(context.Background(), bitbybittest.MinimalOrder())
			var apiErr *bitbybit.APIError
			if !errors.As(err, &apiErr) || got != nil {
				t.Fatalf("CreateOrder() = %v, %v; want an *APIError", got, err)
			}
			gotFields := fields{apiErr.StatusCode, apiErr.Code, apiErr.Message, apiErr.FieldErrors, apiErr.RequestID, apiErr.RetryAfter}
			if diff := cmp.Diff(tt.want, gotFields); diff != "" {
				t.Errorf("APIError (-want +got):\n%s", diff)
			}
			if apiErr.Vendor != "bitbybit" {
				t.Errorf("Vendor = %q", apiErr.Vendor)
			}
			checkCategories(t, err, tt.is...)
			if n := srv.Requests(); n != 1 {
				t.Errorf("fake received %d requests, want 1", n)
			}
			noLeak(t, err, c)
		})
	}
}

// TestSuccessWithoutOrder covers 2xx bodies that do not carry the order:
// bitbybit accepted it, so the outcome is unknown rather than a failure.
func TestSuccessWithoutOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"empty object", 201, `{}`},
		{"data null", 201, `{"data":null}`},
		{"null", 201, `null`},
		{"empty", 201, ``},
		{"HTML", 200, `<html>OK</html>`},
		{"truncated", 201, `{"data":{"id":"ord_1"`},
		{"data of the wrong type", 201, `{"data":"ord_1"}`},
		{"array", 201, `[{"data":{}}]`},
		{"key echoed", 201, `{"key":"` + secretKey + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(bitbybittest.Fault{Status: tt.status, Body: []byte(tt.body)})
			got, err := c.CreateOrder(context.Background(), bitbybittest.MinimalOrder())
			var de *bitbybit.DecodeError
			if !errors.As(err, &de) || got != nil {
				t.Fatalf("CreateOrder() = %v, %v; want a *DecodeError", got, err)
			}
			if de.StatusCode != tt.status || de.Vendor != "bitbybit" {
				t.Errorf("DecodeError = %d %q, want %d bitbybit", de.StatusCode, de.Vendor, tt.status)
			}
			if strings.Contains(string(de.Body), secretKey) {
				t.Errorf("DecodeError.Body leaks the API key: %s", de.Body)
			}
			var apiErr *bitbybit.APIError
			if errors.As(err, &apiErr) {
				t.Errorf("a 2xx is not an *APIError: %v", err)
			}
			checkCategories(t, err, bitbybit.ErrOutcomeUnknown)
			if n := srv.Requests(); n != 1 {
				t.Errorf("fake received %d requests, want 1: an accepted order is never resent", n)
			}
			noLeak(t, err, c)
		})
	}
}

func TestRetryPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opts     []bitbybit.Option
		faults   []bitbybittest.Fault
		requests int
		orders   int
		is       []error // nil for success
	}{
		{"503 then success is retried", nil, []bitbybittest.Fault{{Status: 503}}, 2, 1, nil},
		{"429 without a hint is retried with backoff", nil, []bitbybittest.Fault{{Status: 429}}, 2, 1, nil},
		{"503 until retries run out", nil, []bitbybittest.Fault{{Status: 503}, {Status: 503}, {Status: 503}}, 3, 0,
			[]error{bitbybit.ErrServer}},
		{"WithMaxRetries(0)", []bitbybit.Option{bitbybit.WithMaxRetries(0)}, []bitbybittest.Fault{{Status: 503}}, 1, 0,
			[]error{bitbybit.ErrServer}},
		{"500 after creating is not retried", nil, []bitbybittest.Fault{{Status: 500, RecordOrder: true}}, 1, 1,
			[]error{bitbybit.ErrServer, bitbybit.ErrOutcomeUnknown}},
		{"500 is retried with WithRetryAmbiguous", []bitbybit.Option{bitbybit.WithRetryAmbiguous()},
			[]bitbybittest.Fault{{Status: 500}}, 2, 1, nil},
		{"400 is never retried", nil, []bitbybittest.Fault{{Status: 400}}, 1, 0, []error{bitbybit.ErrInvalidRequest}},
		{"connection lost after the order was created is not retried", nil,
			[]bitbybittest.Fault{{CloseAfterRecord: true}}, 1, 1, []error{bitbybit.ErrOutcomeUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t, tt.opts...)
			srv.Inject(tt.faults...)
			got, err := c.CreateOrder(context.Background(), bitbybittest.MinimalOrder())
			if tt.is == nil {
				if err != nil || got == nil || got.ID == nil {
					t.Fatalf("CreateOrder() = %v, %v; want success", got, err)
				}
			} else {
				checkCategories(t, err, tt.is...)
			}
			if n := srv.Requests(); n != tt.requests {
				t.Errorf("fake received %d requests, want %d", n, tt.requests)
			}
			if n := len(srv.Orders()); n != tt.orders {
				t.Errorf("fake created %d orders, want %d", n, tt.orders)
			}
			noLeak(t, err, c)
		})
	}
}

// TestRateLimitResetHonouredAndCapped shows that a 429's RateLimit-Reset is the
// wait before the retry, capped by WithMaxRetryWait: a 1s hint capped at 20ms
// waits 20ms, longer than the fake's backoff (at most 10ms) and far shorter
// than the hint.
func TestRateLimitResetHonouredAndCapped(t *testing.T) {
	t.Parallel()
	c, srv := setup(t, bitbybit.WithMaxRetryWait(20*time.Millisecond))
	srv.Inject(bitbybittest.Fault{Status: 429, Header: http.Header{
		"Ratelimit-Limit": {"100"}, "Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"1"},
	}})
	var resp bitbybit.Response
	start := time.Now()
	got, err := c.CreateOrder(context.Background(), bitbybittest.MinimalOrder(), bitbybit.WithResponseInto(&resp))
	elapsed := time.Since(start)
	if err != nil || got == nil {
		t.Fatalf("CreateOrder() = %v, %v; want success after one retry", got, err)
	}
	if n := srv.Requests(); n != 2 {
		t.Errorf("fake received %d requests, want 2", n)
	}
	if len(resp.Attempts) != 2 || resp.Attempts[0].StatusCode != 429 || resp.Attempts[0].Wait != 20*time.Millisecond {
		t.Errorf("attempts = %+v, want a 429 followed by the capped wait of 20ms, then the retry", resp.Attempts)
	}
	if elapsed < 20*time.Millisecond {
		t.Errorf("call took %v, less than the wait it chose", elapsed)
	}
}

// TestRateLimitDeadlineSooner shows that when the context would end before the
// requested wait, the 429 comes back at once, with its RetryAfter, instead of
// a sleep that cannot finish: had the client slept, the call would have ended
// with the context's deadline, as a *RequestError.
func TestRateLimitDeadlineSooner(t *testing.T) {
	t.Parallel()
	c, srv := setup(t, bitbybit.WithMaxRetryWait(time.Hour))
	srv.Inject(bitbybittest.Fault{Status: 429, Header: http.Header{"Ratelimit-Reset": {"600"}}})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var resp bitbybit.Response
	_, err := c.CreateOrder(ctx, bitbybittest.MinimalOrder(), bitbybit.WithResponseInto(&resp))
	var apiErr *bitbybit.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, bitbybit.ErrRateLimited) {
		t.Fatalf("err = %v, want the 429 *APIError", err)
	}
	if apiErr.StatusCode != 429 || apiErr.Code != bitbybit.CodeRateLimitExceeded || apiErr.RetryAfter != 10*time.Minute {
		t.Errorf("APIError = %d %q RetryAfter %v, want 429 %s 10m0s", apiErr.StatusCode, apiErr.Code, apiErr.RetryAfter, bitbybit.CodeRateLimitExceeded)
	}
	if n := srv.Requests(); n != 1 {
		t.Errorf("fake received %d requests, want 1", n)
	}
	if len(resp.Attempts) != 1 || resp.Attempts[0].Wait != 0 {
		t.Errorf("attempts = %+v, want one, with no wait after it", resp.Attempts)
	}
}

// TestFakeRateLimit runs the fake's own limiter, which answers as bitbybit
// does when a key's window is used up. Every call carries a deadline that
// ends long before the hour-long window does: without one, the client would
// pace the calls across the window and hold the third back until its end.
// With one, it sends at once, and the vendor's 429 comes back at once.
func TestFakeRateLimit(t *testing.T) {
	t.Parallel()
	srv := bitbybittest.NewServer(t, bitbybittest.WithAPIKey(secretKey), bitbybittest.WithRateLimit(2, time.Hour))
	c, err := srv.Client(bitbybit.WithMaxRetries(0), bitbybit.WithMaxRetryWait(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	for i := range 2 {
		if _, err := c.CreateOrder(ctx, bitbybittest.MinimalOrder()); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}
	_, err = c.CreateOrder(ctx, bitbybittest.MinimalOrder())
	var apiErr *bitbybit.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, bitbybit.ErrRateLimited) {
		t.Fatalf("third call: err = %v, want 429", err)
	}
	want := "Too many requests. Please retry after the reset period."
	if apiErr.Code != bitbybit.CodeRateLimitExceeded || apiErr.Message != want {
		t.Errorf("APIError = %q %q", apiErr.Code, apiErr.Message)
	}
	// RateLimit-Reset counts whole seconds, rounded up, to the window's end.
	if apiErr.RetryAfter <= 50*time.Minute || apiErr.RetryAfter > time.Hour {
		t.Errorf("RetryAfter = %v, want the rest of the hour-long window", apiErr.RetryAfter)
	}
	if n := srv.Requests(); n != 3 {
		t.Errorf("fake received %d requests, want 3", n)
	}
	if n := len(srv.Orders()); n != 2 {
		t.Errorf("fake created %d orders, want 2", n)
	}
	noLeak(t, err, c)
}

// TestRequestErrorDoesNotLeak covers a failure to get any response.
func TestRequestErrorDoesNotLeak(t *testing.T) {
	t.Parallel()
	srv := bitbybittest.NewServer(t)
	url := srv.URL()
	srv.Close()
	c, err := bitbybit.New(secretKey, bitbybit.WithBaseURL(url), bitbybit.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateOrder(context.Background(), bitbybittest.MinimalOrder())
	var re *bitbybit.RequestError
	if !errors.As(err, &re) || re.Sent {
		t.Fatalf("err = %v, want an unsent *RequestError", err)
	}
	checkCategories(t, err)
	noLeak(t, err, c)
}

// TestNilAndZeroClient shows a nil *Client and a zero Client returning an
// error from CreateOrder instead of panicking, and printing without one.
func TestNilAndZeroClient(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]*bitbybit.Client{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			order, err := c.CreateOrder(context.Background(), bitbybittest.MinimalOrder())
			if err == nil || order != nil {
				t.Errorf("CreateOrder() = %v, %v; want an error", order, err)
			}
			checkCategories(t, err)
			c.CloseIdleConnections()
			if s := c.String(); s == "" {
				t.Error("String() is empty")
			}
		})
	}
}
