package komerza_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
)

const storeID = "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"

func ptr[T any](v T) *T { return &v }

func setup(t *testing.T, opts ...komerza.Option) (*komerza.Client, *komerzatest.Server) {
	t.Helper()
	srv := komerzatest.NewServer(t)
	c, err := srv.Client(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// noKey fails the test if err's text or the client's description carries the
// API key.
func noKey(t *testing.T, err error, c *komerza.Client) {
	t.Helper()
	for _, s := range []string{fmt.Sprint(err), fmt.Sprintf("%+v", err), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%v", c)} {
		if strings.Contains(s, komerzatest.APIKey) {
			t.Errorf("API key leaked in %q", s)
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
		order        komerza.CreateOrderRequest
	}{
		{"full", "full_order.json", komerzatest.FullOrder()},
		{"minimal with items", "minimal_order.json", komerzatest.MinimalOrder()},
		{"minimal with cost", "minimal_cost_order.json", komerzatest.MinimalCostOrder()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			o, err := c.CreateOrder(context.Background(), storeID, tt.order)
			if err != nil {
				t.Fatal(err)
			}
			reqs := srv.Received()
			if len(reqs) != 1 {
				t.Fatalf("fake received %d requests, want 1", len(reqs))
			}
			want, err := os.ReadFile(filepath.Join("testdata", tt.golden))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decode(t, want), decode(t, reqs[0].Body)); diff != "" {
				t.Errorf("wire JSON (-want +got):\n%s", diff)
			}
			if got := reqs[0].Method + " " + reqs[0].Path; got != "POST /stores/"+storeID+"/orders" {
				t.Errorf("request line = %q", got)
			}
			if got := reqs[0].Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := reqs[0].Header.Get("User-Agent"); got != "ordersdk-go/0.1.0 (komerza)" {
				t.Errorf("User-Agent = %q", got)
			}
			if o == nil || o.ID == nil || *o.ID == "" {
				t.Errorf("order = %+v, want a server-assigned id", o)
			}
			if got := srv.Orders(); len(got) != 1 || got[0].EmailAddress != tt.order.EmailAddress {
				t.Errorf("ledger = %+v, want the one order", got)
			}
		})
	}
}

func TestSendReceiptUnsetIsAbsent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		set  *bool
		want any // the decoded member, or nil when absent
	}{
		{"unset", nil, nil},
		{"false", ptr(false), false},
		{"true", ptr(true), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			o := komerzatest.MinimalOrder()
			o.SendReceipt = tt.set
			if _, err := c.CreateOrder(context.Background(), storeID, o); err != nil {
				t.Fatal(err)
			}
			body := decode(t, srv.Received()[0].Body).(map[string]any)
			got, present := body["sendReceipt"]
			if present != (tt.want != nil) || got != tt.want {
				t.Errorf("sendReceipt on the wire = %v (present %v), want %v", got, present, tt.want)
			}
		})
	}
}

func TestAuthorizationHeader(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	if _, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder()); err != nil {
		t.Fatal(err)
	}
	h := srv.Received()[0].Header
	if got, want := h.Values("Authorization"), []string{"Bearer " + komerzatest.APIKey}; !cmp.Equal(got, want) {
		t.Errorf("Authorization on the wire = %q, want %q", got, want)
	}
}

func TestWrongAPIKeyIsBadToken(t *testing.T) {
	t.Parallel()
	srv := komerzatest.NewServer(t)
	c, err := komerza.New("wrong-key", komerza.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
	var apiErr *komerza.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Code != komerza.CodeBadToken || !errors.Is(err, komerza.ErrUnauthorized) {
		t.Fatalf("err = %v, want a 401 BadToken *APIError matching ErrUnauthorized", err)
	}
	if strings.Contains(err.Error(), "wrong-key") {
		t.Errorf("key in error: %v", err)
	}
	if len(srv.Orders()) != 0 {
		t.Error("an order was created with a wrong key")
	}
}

// recorder records the request-target each request is sent with, which is
// what goes on the wire: the fake's own record is the decoded path.
type recorder struct {
	mu   sync.Mutex
	uris []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.uris = append(r.uris, req.URL.RequestURI())
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func TestStoreIDIsPathEscaped(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, storeID, wantURI string
		// routed is false where the fake cannot route the escaped path (its
		// router matches decoded paths); the test then serves a canned 200.
		routed bool
	}{
		{"plain", "store_1", "/stores/store_1/orders", true},
		{"space", "my store", "/stores/my%20store/orders", true},
		{"percent", "100%", "/stores/100%25/orders", true},
		{"query and fragment", "a?b#c", "/stores/a%3Fb%23c/orders", true},
		{"slash", "../admin/x", "/stores/..%2Fadmin%2Fx/orders", false},
		{"slash and space", "a/b c", "/stores/a%2Fb%20c/orders", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{}
			c, srv := setup(t, komerza.WithHTTPClient(&http.Client{Transport: rec}))
			if !tt.routed {
				srv.Inject(komerzatest.Fault{Status: 200, Body: []byte(`{"success":true,"data":{"id":"11111111-2222-4333-8444-555555555555"}}`)})
			}
			o, err := c.CreateOrder(context.Background(), tt.storeID, komerzatest.MinimalOrder())
			if err != nil {
				t.Fatal(err)
			}
			if o.ID == nil || *o.ID == "" {
				t.Errorf("order has no id: %+v", o)
			}
			if want := []string{tt.wantURI}; !cmp.Equal(rec.uris, want) {
				t.Errorf("request-target on the wire = %q, want %q", rec.uris, want)
			}
			reqs := srv.Received()
			if len(reqs) != 1 || reqs[0].Path != "/stores/"+tt.storeID+"/orders" {
				t.Fatalf("fake received %+v, want one request for the store", reqs)
			}
			if tt.routed && reqs[0].PathParams["storeId"] != tt.storeID {
				t.Errorf("fake saw storeId %q, want %q", reqs[0].PathParams["storeId"], tt.storeID)
			}
		})
	}
}

// TestStoreIDThatAddressesAnotherEndpointSendsNothing covers the store ids
// that would not name a store in the path: empty, or a dot segment that URL
// resolution would drop or climb.
func TestStoreIDThatAddressesAnotherEndpointSendsNothing(t *testing.T) {
	t.Parallel()
	dot := komerza.Violation{Path: "storeId", Rule: "dotSegment", Message: `must not be "." or "..", which URL resolution would remove from the path`}
	tests := []struct {
		storeID string
		want    komerza.Violation
	}{
		{"", komerza.Violation{Path: "storeId", Rule: "required", Message: "is required"}},
		{".", dot},
		{"..", dot},
	}
	for _, tt := range tests {
		for _, opts := range [][]komerza.Option{nil, {komerza.WithoutValidation()}} {
			c, srv := setup(t, opts...)
			_, err := c.CreateOrder(context.Background(), tt.storeID, komerzatest.MinimalOrder())
			var ve *komerza.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, komerza.ErrInvalidRequest) {
				t.Fatalf("storeID %q: err = %v, want a *ValidationError", tt.storeID, err)
			}
			if diff := cmp.Diff([]komerza.Violation{tt.want}, ve.Violations); diff != "" {
				t.Errorf("storeID %q: violations (-want +got):\n%s", tt.storeID, diff)
			}
			if n := srv.Requests(); n != 0 {
				t.Errorf("storeID %q: fake received %d requests, want 0", tt.storeID, n)
			}
		}
	}
}

func TestEmptyStoreIDReportedWithBodyViolations(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	bad := komerzatest.MinimalOrder()
	bad.Gateway = ""
	_, err := c.CreateOrder(context.Background(), "", bad)
	var ve *komerza.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	want := []komerza.Violation{
		{Path: "storeId", Rule: "required", Message: "is required"},
		{Path: "gateway", Rule: "minLength", Message: "must be at least 1 characters"},
	}
	if diff := cmp.Diff(want, ve.Violations); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if n := srv.Requests(); n != 0 {
		t.Errorf("fake received %d requests, want 0", n)
	}
}

func TestNewRejectsBadConfiguration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		key  string
		opts []komerza.Option
	}{
		{"empty key", "", nil},
		{"blank key", "  ", nil},
		{"key with line break", "k\r\nX-Evil: 1", nil},
		{"empty base URL", "k", []komerza.Option{komerza.WithBaseURL("")}},
		{"unparsable base URL", "k", []komerza.Option{komerza.WithBaseURL("://nope")}},
		{"relative base URL", "k", []komerza.Option{komerza.WithBaseURL("/stores")}},
		{"plain http off loopback", "k", []komerza.Option{komerza.WithBaseURL("http://api.komerza.com")}},
		{"user info in base URL", "k", []komerza.Option{komerza.WithBaseURL("https://u:p@api.komerza.com")}},
		{"negative retries", "k", []komerza.Option{komerza.WithMaxRetries(-1)}},
		{"nil http client", "k", []komerza.Option{komerza.WithHTTPClient(nil)}},
		{"nil logger", "k", []komerza.Option{komerza.WithLogger(nil)}},
		{"zero option", "k", []komerza.Option{{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := komerza.New(tt.key, tt.opts...)
			if err == nil || c != nil {
				t.Fatalf("New() = %v, %v; want an error", c, err)
			}
		})
	}
	if _, err := komerza.New("k", komerza.WithBaseURL("http://127.0.0.1:1")); err != nil {
		t.Errorf("http on loopback refused: %v", err)
	}
}

func TestDefaultBaseURL(t *testing.T) {
	t.Parallel()
	c, err := komerza.New(komerzatest.APIKey)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "komerza.Client{BaseURL: https://api.komerza.com/}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	noKey(t, nil, c)
}

func TestCreateOrderDecodesOrder(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	req := komerzatest.MinimalOrder()
	req.Items[0].Quantity = 3
	req.CountryCode = ptr("de")
	o, err := c.CreateOrder(context.Background(), storeID, req)
	if err != nil {
		t.Fatal(err)
	}
	// The fake hands out ids in order: the order, its customer and customer
	// profile, then one per line.
	want := &komerza.Order{
		ID:           ptr("00000000-0000-4000-8000-000000000001"),
		Status:       ptr(komerzatest.Status),
		Gateway:      ptr("stripe"),
		CurrencyCode: ptr(komerzatest.CurrencyCode),
		Amount:       ptr(3 * komerzatest.UnitPrice),
		AmountPaid:   ptr(0.0),
		Customer: &komerza.CustomerDetails{
			ID:           ptr("00000000-0000-4000-8000-000000000002"),
			CustomerID:   ptr("00000000-0000-4000-8000-000000000003"),
			EmailAddress: ptr("customer@example.com"),
			CountryCode:  ptr("DE"),
		},
		Items: []komerza.LineItem{{
			ID:        ptr("00000000-0000-4000-8000-000000000004"),
			ProductID: ptr(req.Items[0].ProductID),
			VariantID: ptr(req.Items[0].VariantID),
			Quantity:  ptr(int32(3)),
			Amount:    ptr(komerzatest.UnitPrice),
			LineTotal: ptr(3 * komerzatest.UnitPrice),
		}},
	}
	if o.DateCreated == nil || *o.DateCreated == "" {
		t.Error("order has no dateCreated")
	}
	ignoreDates := cmp.FilterPath(func(p cmp.Path) bool {
		return strings.HasSuffix(p.String(), "DateCreated")
	}, cmp.Ignore())
	if diff := cmp.Diff(want, o, ignoreDates); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestCostReplacesItems(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	o, err := c.CreateOrder(context.Background(), storeID, komerzatest.FullOrder())
	if err != nil {
		t.Fatal(err)
	}
	if o.Amount == nil || *o.Amount != 49.95 || len(o.Items) != 0 {
		t.Errorf("amount %v with %d items, want the cost and no line items", o.Amount, len(o.Items))
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		fault        komerzatest.Fault
		wantErr      error // nil when the retry succeeds
		wantRequests int
	}{
		{"503 is retried", komerzatest.Fault{Status: 503}, nil, 2},
		{"429 is retried", komerzatest.Fault{Status: 429, Header: http.Header{"Retry-After": {"0"}}}, nil, 2},
		{"500 is not retried", komerzatest.Fault{Status: 500}, komerza.ErrOutcomeUnknown, 1},
		{"400 is not retried", komerzatest.Fault{Status: 400}, komerza.ErrInvalidRequest, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(tt.fault)
			o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
			if tt.wantErr == nil && (err != nil || o == nil) {
				t.Fatalf("err = %v, want the order after a retry", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if n := srv.Requests(); n != tt.wantRequests {
				t.Errorf("fake received %d requests, want %d", n, tt.wantRequests)
			}
			noKey(t, err, c)
		})
	}
}

func TestNilAndZeroClient(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]*komerza.Client{"nil": nil, "zero": {}} {
		o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
		if o != nil || err == nil {
			t.Errorf("%s client: CreateOrder() = %v, %v; want an error", name, o, err)
		}
		c.CloseIdleConnections()
		if s := c.String(); s == "" {
			t.Errorf("%s client: String() is empty", name)
		}
	}
}

// TestFakeOverTLS creates an order through the fake's HTTPS server, which
// negotiates HTTP/2, with the client Server.Client builds for it.
func TestFakeOverTLS(t *testing.T) {
	t.Parallel()
	srv := komerzatest.NewServer(t, komerzatest.WithTLS())
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL(), "https://") || o.ID == nil || len(srv.Ledger()) != 1 {
		t.Errorf("URL %s, order %+v, ledger %d; want one order over https", srv.URL(), o, len(srv.Ledger()))
	}
}
