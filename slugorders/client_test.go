package slugorders_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

func ptr[T any](v T) *T { return &v }

const (
	team = "acme"
	app  = "webshop"
)

func setup(t *testing.T, opts ...slugorders.Option) (*slugorders.Client, *slugorderstest.Server) {
	t.Helper()
	srv := slugorderstest.NewServer(t)
	c, err := srv.Client(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
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
		order        slugorders.CreateOrderRequest
	}{
		{"full", "full_order.json", slugorderstest.FullOrder()},
		{"minimal", "minimal_order.json", slugorderstest.MinimalOrder()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			res, err := c.CreateOrder(context.Background(), team, app, tt.order)
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
			r := reqs[0]
			if r.Method != http.MethodPost || r.Path != "/api/v1/acme/webshop/orders" {
				t.Errorf("request line = %s %s", r.Method, r.Path)
			}
			for h, want := range map[string]string{
				"Authorization": "Bearer " + slugorderstest.Token,
				"Content-Type":  "application/json",
				"User-Agent":    "ordersdk-go/0.1.0 (slugorders)",
			} {
				if got := r.Header.Get(h); got != want {
					t.Errorf("%s on the wire = %q, want %q", h, got, want)
				}
			}
			if res.Order == nil || res.Order.ID == nil || *res.Order.ID == "" {
				t.Errorf("result = %+v, want an order with a server-assigned id", res)
			}
			if res.Details == nil || len(res.Details) != 0 {
				t.Errorf("Details = %#v, want empty and non-nil", res.Details)
			}
			if got := srv.Orders(); len(got) != 1 || got[0].Reference != tt.order.Reference {
				t.Errorf("ledger = %+v, want the one order", got)
			}
		})
	}
}

func TestCreateOrderDecodesResult(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	res, err := c.CreateOrder(context.Background(), team, app, slugorderstest.FullOrder())
	if err != nil {
		t.Fatal(err)
	}
	// The fake hands out ids in order: the order, its two addresses, its line.
	orderID := "00000000-0000-4000-8000-000000000001"
	want := &slugorders.Order{
		ID: ptr(orderID), Reference: ptr("ORDER-1001"), Source: ptr("webshop"),
		CountryCode: ptr("SE"), CurrencyCode: ptr("SEK"), LanguageCode: ptr("sv"),
		GrandTotal: ptr(1049.5), SubTotal: ptr(998.0), TaxTotal: ptr(209.9), ShippingTotal: ptr(49.0),
		DiscountTotal: ptr(100.0), BonusTotal: ptr(20.0), GiftCardTotal: ptr(50.0),
		PaymentMethod: ptr("card"), PaymentMethodID: ptr("pm_321"), PaymentMethodName: ptr("Visa"),
		SessionID: ptr("sess_abc"), ShippingMethods: []string{"postnord_home", "instabox"},
		MerchantUser: &slugorders.MerchantUser{ID: ptr("mu_789")},
		BillingAddress: &slugorders.Address{
			ID: ptr("00000000-0000-4000-8000-000000000002"), GivenName: ptr("Astrid"), FamilyName: ptr("Lindqvist"),
			StreetAddress: ptr("Drottninggatan 12"), StreetAddress2: ptr("Lgh 1102"), PostalCode: ptr("111 51"),
			City: ptr("Stockholm"), StateOrProvince: ptr("Stockholms län"), CountryCode: ptr("SE"),
			Email: ptr("astrid@example.se"), TelephoneNumber: ptr("+46701234567"), AddressType: ptr("billing"),
		},
		ShippingAddress: &slugorders.Address{
			ID: ptr("00000000-0000-4000-8000-000000000003"), GivenName: ptr("Astrid"), FamilyName: ptr("Lindqvist"),
			StreetAddress: ptr("Sveavägen 44"), PostalCode: ptr("113 59"), City: ptr("Stockholm"),
			CountryCode: ptr("SE"), AddressType: ptr("shipping"),
		},
		OrderLines: []slugorders.OrderLine{{
			ID: ptr("00000000-0000-4000-8000-000000000004"), OrderID: ptr(orderID),
			ProductID: ptr("prod_123"), ProductName: ptr("Linen shirt"), ProductNumber: ptr("LS-100"),
			VariantID: ptr("var_456"), VariantName: ptr("Linen shirt, blue, M"), VariantNumber: ptr("LS-100-BLU-M"),
			Quantity: ptr(2), BasePriceAmount: ptr(499.0), TotalPriceAmount: ptr(998.0), TotalSalePrice: ptr(898.0),
			TotalDiscountAmount: ptr(100.0), TotalTaxAmount: ptr(179.6), TaxGroupID: ptr("tax_standard_25"),
			CurrencyCode: ptr("SEK"), ShortDescription: ptr("Relaxed fit linen shirt"),
			FirstImagePath: ptr("products/ls-100/blue.jpg"),
		}},
	}
	timestamps := cmpopts.IgnoreFields(slugorders.Order{}, "CreatedAt", "UpdatedAt")
	ignoreNested := cmpopts.IgnoreFields(slugorders.Address{}, "CreatedAt", "UpdatedAt")
	ignoreLine := cmpopts.IgnoreFields(slugorders.OrderLine{}, "CreatedAt", "UpdatedAt")
	if diff := cmp.Diff(want, res.Order, timestamps, ignoreNested, ignoreLine, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if res.Order.CreatedAt == nil || *res.Order.CreatedAt == "" {
		t.Error("created_at missing")
	}
}

func TestCreateOrderDetailsReachCaller(t *testing.T) {
	t.Parallel()
	t.Run("fake warning", func(t *testing.T) {
		t.Parallel()
		c, _ := setup(t)
		o := slugorderstest.MinimalOrder()
		o.Source = slugorderstest.WarningSource
		res, err := c.CreateOrder(context.Background(), team, app, o)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Details) != 1 || !strings.HasPrefix(res.Details[0], "publishing rule: product prod_123") {
			t.Errorf("Details = %q, want one publishing-rule note", res.Details)
		}
		if res.Order == nil || res.Order.ID == nil {
			t.Errorf("order missing next to the details: %+v", res)
		}
	})
	// Enad does not say whether it answers 200 or 201; both must work, and a
	// success member that is absent counts as success.
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   []string
	}{
		{"200 with details", 200, `{"data":{"id":"ord_1"},"details":["a","b"],"success":true}`, []string{"a", "b"}},
		{"201 without details or success", 201, `{"data":{"id":"ord_1"}}`, []string{}},
		{"201 null details", 201, `{"data":{"id":"ord_1"},"details":null,"success":true}`, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(slugorderstest.Fault{Status: tc.status, Body: []byte(tc.body)})
			res, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
			if err != nil {
				t.Fatal(err)
			}
			if res.Order == nil || res.Order.ID == nil || *res.Order.ID != "ord_1" {
				t.Errorf("order = %+v", res.Order)
			}
			if diff := cmp.Diff(tc.want, res.Details); diff != "" {
				t.Errorf("details (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAuthHeaderOnTheWire(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		header, scheme string // as given to both the client and the fake; "" keeps the default
		wantHeader     string
		wantValue      string
	}{
		{"default bearer", "", "", "Authorization", "Bearer " + slugorderstest.Token},
		{"raw api key", "X-Api-Key", "", "X-Api-Key", slugorderstest.Token},
		{"other scheme", "Authorization", "Token", "Authorization", "Token " + slugorderstest.Token},
		{"other header with bearer", "X-Enad-Token", "Bearer", "X-Enad-Token", "Bearer " + slugorderstest.Token},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var fakeOpts []slugorderstest.Option
			if tt.header != "" {
				fakeOpts = append(fakeOpts, slugorderstest.WithAuthHeader(tt.header, tt.scheme))
			}
			srv := slugorderstest.NewServer(t, fakeOpts...)
			opts := []slugorders.Option{slugorders.WithBaseURL(srv.URL())}
			if tt.header != "" {
				opts = append(opts, slugorders.WithAuthHeader(tt.header, tt.scheme))
			}
			c, err := slugorders.New(slugorderstest.Token, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder()); err != nil {
				t.Fatalf("the fake expecting %s refused the call: %v", tt.wantHeader, err)
			}
			h := srv.Received()[0].Header
			if got := h.Values(tt.wantHeader); len(got) != 1 || got[0] != tt.wantValue {
				t.Errorf("%s = %q, want exactly %q", tt.wantHeader, got, tt.wantValue)
			}
			if tt.wantHeader != "Authorization" && h.Get("Authorization") != "" {
				t.Errorf("Authorization = %q, want none when %s carries the token", h.Get("Authorization"), tt.wantHeader)
			}
			// Server.Client sends the token where the fake expects it.
			fc, err := srv.Client()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := fc.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder()); err != nil {
				t.Errorf("the fake refused its own Client: %v", err)
			}
		})
	}
	t.Run("mismatch is a 401", func(t *testing.T) {
		t.Parallel()
		srv := slugorderstest.NewServer(t, slugorderstest.WithAuthHeader("X-Api-Key", ""))
		c, err := slugorders.New(srv.Credential(), slugorders.WithBaseURL(srv.URL()))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
		var apiErr *slugorders.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || !errors.Is(err, slugorders.ErrUnauthorized) {
			t.Fatalf("err = %v, want a 401 *APIError", err)
		}
		if len(srv.Orders()) != 0 {
			t.Error("an order was created without the expected header")
		}
	})
}

// wireRecorder is a bare server that records each request's URI exactly as it
// arrived, which the fake's router (it matches the decoded path) cannot show
// for a slug holding "/".
func wireRecorder(t *testing.T) (url string, uris func() []string) {
	t.Helper()
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.RequestURI)
		mu.Unlock()
		w.WriteHeader(201)
		w.Write([]byte(`{"data":{"id":"ord_1"},"details":[],"success":true}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
}

func TestSlugsEscapedOnTheWire(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, team, app string
		wantURI         string
	}{
		{"plain", "acme", "webshop", "/api/v1/acme/webshop/orders"},
		{"slash", "acme/eu", "web/shop", "/api/v1/acme%2Feu/web%2Fshop/orders"},
		{"query and fragment", "acme?x=1", "shop#top", "/api/v1/acme%3Fx=1/shop%23top/orders"},
		{"spaces", "my team", " app ", "/api/v1/my%20team/%20app%20/orders"},
		{"unicode", "café-ö", "日本", "/api/v1/caf%C3%A9-%C3%B6/%E6%97%A5%E6%9C%AC/orders"},
		{"percent and semicolon", "100%", "a;b", "/api/v1/100%25/a%3Bb/orders"},
		{"dots inside a slug", "...", "a..b", "/api/v1/.../a..b/orders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, uris := wireRecorder(t)
			c, err := slugorders.New("tok", slugorders.WithBaseURL(u))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.CreateOrder(context.Background(), tt.team, tt.app, slugorderstest.MinimalOrder()); err != nil {
				t.Fatal(err)
			}
			if got := uris(); len(got) != 1 || got[0] != tt.wantURI {
				t.Errorf("request URI = %q, want %q", got, tt.wantURI)
			}
		})
	}
	t.Run("base URL with a path", func(t *testing.T) {
		t.Parallel()
		u, uris := wireRecorder(t)
		c, err := slugorders.New("tok", slugorders.WithBaseURL(u+"/enad"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.CreateOrder(context.Background(), "a/b", "c", slugorderstest.MinimalOrder()); err != nil {
			t.Fatal(err)
		}
		if got, want := uris(), "/enad/api/v1/a%2Fb/c/orders"; len(got) != 1 || got[0] != want {
			t.Errorf("request URI = %q, want %q", got, want)
		}
	})
}

// TestSlugsRoundTripThroughTheFake checks that the fake, like a server, decodes
// each escaped slug back to what the caller gave. A slug holding "/" is left
// to TestSlugsEscapedOnTheWire: the fake routes on the decoded path.
func TestSlugsRoundTripThroughTheFake(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	pairs := [][2]string{{"acme?x=1", "shop#top"}, {"my team", "café-ö"}, {"100%", "日本"}}
	for _, p := range pairs {
		if _, err := c.CreateOrder(context.Background(), p[0], p[1], slugorderstest.MinimalOrder()); err != nil {
			t.Fatalf("%q: %v", p, err)
		}
	}
	for i, r := range srv.Received() {
		want := map[string]string{"team_slug": pairs[i][0], "app_slug": pairs[i][1]}
		if diff := cmp.Diff(want, r.PathParams); diff != "" {
			t.Errorf("path params of request %d (-want +got):\n%s", i, diff)
		}
	}
	if n := len(srv.Orders()); n != len(pairs) {
		t.Errorf("fake created %d orders, want %d: it did not route every escaped slug", n, len(pairs))
	}
}

func TestNewRejectsBadConfiguration(t *testing.T) {
	t.Parallel()
	base := slugorders.WithBaseURL("https://enad.example.com")
	tests := []struct {
		name    string
		token   string
		opts    []slugorders.Option
		wantMsg string
	}{
		{"no base URL", "tok", nil, "WithBaseURL"},
		{"empty base URL", "tok", []slugorders.Option{slugorders.WithBaseURL("")}, "base URL"},
		{"empty token", "", []slugorders.Option{base}, "credential is empty"},
		{"blank token", " \t", []slugorders.Option{base}, "credential is empty"},
		{"token with a line break", "tok\r\nX-Evil: 1", []slugorders.Option{base}, "control character"},
		{"unparsable base URL", "tok", []slugorders.Option{slugorders.WithBaseURL("://nope")}, "base URL"},
		{"relative base URL", "tok", []slugorders.Option{slugorders.WithBaseURL("/api")}, "absolute"},
		{"plain http off loopback", "tok", []slugorders.Option{slugorders.WithBaseURL("http://enad.example.com")}, "plain http"},
		{"user info in base URL", "tok", []slugorders.Option{slugorders.WithBaseURL("https://u:p@enad.example.com")}, "user info"},
		{"empty auth header", "tok", []slugorders.Option{base, slugorders.WithAuthHeader("", "Bearer")}, "auth header"},
		{"auth header with a colon", "tok", []slugorders.Option{base, slugorders.WithAuthHeader("X-Api-Key:", "")}, "auth header"},
		{"auth header with a space", "tok", []slugorders.Option{base, slugorders.WithAuthHeader("X Api Key", "")}, "auth header"},
		{"negative retries", "tok", []slugorders.Option{base, slugorders.WithMaxRetries(-1)}, "retries"},
		{"nil http client", "tok", []slugorders.Option{base, slugorders.WithHTTPClient(nil)}, "http client"},
		{"zero option", "tok", []slugorders.Option{base, {}}, "nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := slugorders.New(tt.token, tt.opts...)
			if err == nil || c != nil {
				t.Fatalf("New() = %v, %v; want an error", c, err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantMsg)
			}
			if !strings.HasPrefix(err.Error(), "slugorders: ") {
				t.Errorf("error %q does not name the package", err)
			}
		})
	}
	for _, u := range []string{"http://127.0.0.1:1", "http://localhost:8080/enad", "http://[::1]:1", "https://enad.example.com"} {
		if _, err := slugorders.New("tok", slugorders.WithBaseURL(u)); err != nil {
			t.Errorf("base URL %s refused: %v", u, err)
		}
	}
}

func TestString(t *testing.T) {
	t.Parallel()
	c, err := slugorders.New("tok", slugorders.WithBaseURL("https://enad.example.com/base"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "slugorders.Client{BaseURL: https://enad.example.com/base/}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	t.Run("503 is retried and creates one order", func(t *testing.T) {
		t.Parallel()
		c, srv := setup(t)
		srv.Inject(slugorderstest.Fault{Status: 503})
		if _, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder()); err != nil {
			t.Fatal(err)
		}
		if srv.Requests() != 2 || len(srv.Orders()) != 1 {
			t.Errorf("requests = %d, orders = %d; want 2 and 1", srv.Requests(), len(srv.Orders()))
		}
	})
	t.Run("500 after committing is not retried", func(t *testing.T) {
		t.Parallel()
		c, srv := setup(t)
		srv.Inject(slugorderstest.Fault{Status: 500, RecordOrder: true})
		_, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
		if !errors.Is(err, slugorders.ErrOutcomeUnknown) {
			t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
		}
		if srv.Requests() != 1 || len(srv.Orders()) != 1 {
			t.Errorf("requests = %d, orders = %d; want 1 and 1 (no duplicate)", srv.Requests(), len(srv.Orders()))
		}
	})
}

func TestWithoutValidationReachesEnad(t *testing.T) {
	t.Parallel()
	c, srv := setup(t, slugorders.WithoutValidation())
	bad := slugorderstest.MinimalOrder()
	bad.GrandTotal = -1
	_, err := c.CreateOrder(context.Background(), team, app, bad)
	var apiErr *slugorders.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !errors.Is(err, slugorders.ErrInvalidRequest) {
		t.Fatalf("err = %v, want the fake's 400", err)
	}
	if !strings.Contains(apiErr.Message, "grand_total") {
		t.Errorf("Message = %q, want the fake's message about grand_total", apiErr.Message)
	}
	if srv.Requests() != 1 {
		t.Errorf("fake received %d requests, want 1", srv.Requests())
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	const n = 20
	var wg sync.WaitGroup
	ids := make([]string, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			o := slugorderstest.MinimalOrder()
			o.Reference = "ORDER-C" + strings.Repeat("x", i+1)
			if i%2 == 0 {
				o.Source = slugorderstest.WarningSource
			}
			res, err := c.CreateOrder(context.Background(), team, app, o)
			errs[i] = err
			if err == nil {
				ids[i] = *res.Order.ID
				if got := len(res.Details); got != 1-i%2 {
					errs[i] = errors.New("details of another call: " + strings.Join(res.Details, ","))
				}
			}
		}(i)
	}
	wg.Wait()
	seen := map[string]bool{}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if seen[ids[i]] {
			t.Errorf("id %s returned twice", ids[i])
		}
		seen[ids[i]] = true
	}
	if len(srv.Orders()) != n {
		t.Errorf("fake created %d orders, want %d", len(srv.Orders()), n)
	}
}

// TestDriftedSuccessKeepsTheOrder shows that a 2xx whose members do not fit
// their documented types still returns the order with its id: what does not
// fit is left empty and listed in the Response's Drift, and Details keeps
// only the notes that are strings.
func TestDriftedSuccessKeepsTheOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		body      string
		want      *slugorders.CreateOrderResult
		wantDrift []string // paths
	}{
		{"details[0] an object", `{"data":{"id":"ord_1"},"details":[{"code":"x"},"kept"],"success":true}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1")}, Details: []string{"kept"}},
			[]string{"details[0]"}},
		{"details blank, null and padded", `{"data":{"id":"ord_1"},"details":[null,"", "  ", " note "],"success":true}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1")}, Details: []string{" note "}},
			nil},
		{"details one string", `{"data":{"id":"ord_1"},"details":"note","success":true}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1")}, Details: []string{}},
			[]string{"details"}},
		{"details an object", `{"data":{"id":"ord_1"},"details":{"a":"b"}}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1")}, Details: []string{}},
			[]string{"details"}},
		{"success as a string", `{"data":{"id":"ord_1"},"success":"true"}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1")}, Details: []string{}},
			[]string{"success"}},
		{"id a number", `{"data":{"id":123,"reference":"R"}}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("123"), Reference: ptr("R")}, Details: []string{}},
			[]string{"data.id"}},
		{"money as strings and floats", `{"data":{"id":"ord_1","grand_total":"499.50","tax_total":99.0}}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1"), GrandTotal: ptr(499.5), TaxTotal: ptr(99.0)}, Details: []string{}},
			[]string{"data.grand_total"}},
		{"quantities as floats", `{"data":{"id":"ord_1","order_lines":[{"quantity":2.0},{"quantity":2.5}]}}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1"), OrderLines: []slugorders.OrderLine{{Quantity: ptr(2)}, {}}}, Details: []string{}},
			[]string{"data.order_lines[1].quantity"}},
		{"timestamps as numbers and odd formats", `{"data":{"id":"ord_1","created_at":1717000000,"updated_at":"2024-05-29 16:26"}}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1"), CreatedAt: ptr("1717000000"), UpdatedAt: ptr("2024-05-29 16:26")}, Details: []string{}},
			[]string{"data.created_at"}},
		{"objects and arrays swapped", `{"data":{"id":"ord_1","billing_address":[],"order_lines":{},"merchant_user":"mu_1"}}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1")}, Details: []string{}},
			[]string{"data.billing_address", "data.order_lines", "data.merchant_user"}},
		{"unknown members at every level", `{"data":{"id":"ord_1","status":"placed","order_lines":[{"id":"l1","x":{}}]},"meta":{}}`,
			&slugorders.CreateOrderResult{Order: &slugorders.Order{ID: ptr("ord_1"), OrderLines: []slugorders.OrderLine{{ID: ptr("l1")}}}, Details: []string{}},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(slugorderstest.Fault{Status: 201, Body: []byte(tt.body)})
			var resp slugorders.Response
			res, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder(), slugorders.WithResponseInto(&resp))
			if err != nil {
				t.Fatalf("err = %v, want the order", err)
			}
			if diff := cmp.Diff(tt.want, res); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			var paths []string
			for _, d := range resp.Drift {
				paths = append(paths, d.Path)
			}
			if diff := cmp.Diff(tt.wantDrift, paths); diff != "" {
				t.Errorf("drift paths (-want +got):\n%s\n%v", diff, resp.Drift)
			}
			if string(resp.Body) != tt.body {
				t.Errorf("Response.Body = %q, want the raw body", resp.Body)
			}
		})
	}
}

// TestNilAndZeroClient shows a nil *Client and a zero Client returning an
// error from CreateOrder instead of panicking, and printing without one.
func TestNilAndZeroClient(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]*slugorders.Client{"nil": nil, "zero": {}} {
		res, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
		if res != nil || err == nil {
			t.Errorf("%s client: CreateOrder() = %v, %v; want an error", name, res, err)
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
	srv := slugorderstest.NewServer(t, slugorderstest.WithTLS())
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL(), "https://") || res.Order.ID == nil || len(srv.Ledger()) != 1 {
		t.Errorf("URL %s, order %+v, ledger %d; want one order over https", srv.URL(), res.Order, len(srv.Ledger()))
	}
}
