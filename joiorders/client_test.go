package joiorders_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/internal/api"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
)

func ptr[T any](v T) *T { return &v }

func setup(t *testing.T, opts ...joiorders.Option) (*joiorders.Client, *joiorderstest.Server) {
	t.Helper()
	srv := joiorderstest.NewServer(t)
	c, err := srv.Client(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// assertNoToken fails if the fake's access token shows in any rendering of v.
func assertNoToken(t *testing.T, v any) {
	t.Helper()
	for _, s := range []string{fmt.Sprint(v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v)} {
		if strings.Contains(s, joiorderstest.AccessToken) {
			t.Errorf("access token leaked in %q", s)
		}
	}
	if err, ok := v.(error); ok && err != nil && strings.Contains(err.Error(), joiorderstest.AccessToken) {
		t.Errorf("access token leaked in Error(): %q", err.Error())
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
		order        joiorders.CreateOrderRequest
	}{
		{"full", "full_order.json", joiorderstest.FullOrder()},
		{"minimal", "minimal_order.json", joiorderstest.MinimalOrder()},
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
			if reqs[0].Method != "POST" || reqs[0].Path != "/orders" {
				t.Errorf("request line = %s %s, want POST /orders", reqs[0].Method, reqs[0].Path)
			}
			if got := reqs[0].Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", got)
			}
			want, err := os.ReadFile(filepath.Join("testdata", tt.golden))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decode(t, want), decode(t, reqs[0].Body)); diff != "" {
				t.Errorf("wire JSON (-want +got):\n%s", diff)
			}
			if got := reqs[0].Header.Get("User-Agent"); got != "ordersdk-go/0.1.0 (joiorders)" {
				t.Errorf("User-Agent = %q", got)
			}
			if order == nil || order.ID == nil || len(*order.ID) != 24 {
				t.Fatalf("order = %+v, want one with a server-assigned ObjectId", order)
			}
			if got := order.AdditionalProperties["customer"]; got != tt.order.CustomerID {
				t.Errorf("data.customer = %v, want the echoed %q", got, tt.order.CustomerID)
			}
			ledger := srv.Orders()
			if len(ledger) != 1 {
				t.Fatalf("ledger has %d orders, want 1", len(ledger))
			}
			if diff := cmp.Diff(tt.order, ledger[0]); diff != "" {
				t.Errorf("order as the fake read it (-sent +read):\n%s", diff)
			}
		})
	}
}

// TestFullOrderCoversSpec checks that the full golden order sets every
// property the spec defines for the request, at every depth.
func TestFullOrderCoversSpec(t *testing.T) {
	t.Parallel()
	doc, err := api.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "full_order.json"))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(path string, s *openapi3.Schema, v any)
	walk = func(path string, s *openapi3.Schema, v any) {
		switch {
		case s.Type.Is("object"):
			obj, _ := v.(map[string]any)
			for name, p := range s.Properties {
				child, ok := obj[name]
				if !ok {
					t.Errorf("full_order.json lacks %s", strings.TrimPrefix(path+"."+name, "."))
					continue
				}
				walk(path+"."+name, p.Value, child)
			}
		case s.Type.Is("array"):
			arr, _ := v.([]any)
			if len(arr) == 0 {
				t.Errorf("full_order.json has no element in %s", path)
				return
			}
			walk(path+"[0]", s.Items.Value, arr[0])
		}
	}
	walk("", doc.Components.Schemas["CreateOrderRequest"].Value, decode(t, b))
}

func TestAuthHeaderOnTheWire(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		clientBearer bool // the client is built WithBearerPrefix
		fakeBearer   bool // the fake expects "Bearer <token>"
		wantHeader   string
		wantStatus   int // 0: created
	}{
		{"raw token by default", false, false, joiorderstest.AccessToken, 0},
		{"WithBearerPrefix", true, true, "Bearer " + joiorderstest.AccessToken, 0},
		{"raw token refused by a server expecting Bearer", false, true, joiorderstest.AccessToken, 401},
		{"Bearer refused by a server expecting the raw token", true, false, "Bearer " + joiorderstest.AccessToken, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var fopts []joiorderstest.Option
			if tt.fakeBearer {
				fopts = append(fopts, joiorderstest.WithBearerPrefix())
			}
			srv := joiorderstest.NewServer(t, fopts...)
			opts := []joiorders.Option{joiorders.WithBaseURL(srv.URL()), joiorders.WithMaxRetries(0)}
			if tt.clientBearer {
				opts = append(opts, joiorders.WithBearerPrefix())
			}
			c, err := joiorders.New(joiorderstest.AccessToken, opts...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
			reqs := srv.Received()
			if len(reqs) != 1 {
				t.Fatalf("fake received %d requests, want 1", len(reqs))
			}
			h := reqs[0].Header
			if got := h.Values("accessToken"); len(got) != 1 || got[0] != tt.wantHeader {
				t.Errorf("accessToken header = %q, want [%q]", got, tt.wantHeader)
			}
			if got := h.Get("Authorization"); got != "" {
				t.Errorf("Authorization = %q, want none", got)
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("CreateOrder: %v", err)
				}
				return
			}
			var apiErr *joiorders.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.wantStatus || !errors.Is(err, joiorders.ErrUnauthorized) {
				t.Fatalf("err = %v, want a %d *APIError matching ErrUnauthorized", err, tt.wantStatus)
			}
			if apiErr.Message != "missing or invalid credential" {
				t.Errorf("Message = %q, want the fake's {success:false, message}", apiErr.Message)
			}
			assertNoToken(t, err)
		})
	}
}

func TestNewRejectsBadConfiguration(t *testing.T) {
	t.Parallel()
	const base = "https://orders.example.com/api"
	tests := []struct {
		name    string
		token   string
		opts    []joiorders.Option
		wantMsg string
	}{
		{"no base URL", "tok", nil, "WithBaseURL"},
		{"empty token", "", []joiorders.Option{joiorders.WithBaseURL(base)}, "credential is empty"},
		{"blank token", " \t", []joiorders.Option{joiorders.WithBaseURL(base)}, "credential is empty"},
		{"token with a line break", "tok\r\nX-Evil: 1", []joiorders.Option{joiorders.WithBaseURL(base)}, "line break"},
		{"empty base URL", "tok", []joiorders.Option{joiorders.WithBaseURL("")}, "base URL is empty"},
		{"unparsable base URL", "tok", []joiorders.Option{joiorders.WithBaseURL("://nope")}, "base URL"},
		{"relative base URL", "tok", []joiorders.Option{joiorders.WithBaseURL("/orders")}, "absolute"},
		{"plain http off loopback", "tok", []joiorders.Option{joiorders.WithBaseURL("http://orders.example.com")}, "plain http"},
		{"user info in base URL", "tok", []joiorders.Option{joiorders.WithBaseURL("https://u:p@orders.example.com")}, "user info"},
		{"negative retries", "tok", []joiorders.Option{joiorders.WithBaseURL(base), joiorders.WithMaxRetries(-1)}, "max retries"},
		{"nil http client", "tok", []joiorders.Option{joiorders.WithBaseURL(base), joiorders.WithHTTPClient(nil)}, "http client is nil"},
		{"nil option", "tok", []joiorders.Option{joiorders.WithBaseURL(base), nil}, "option 1 is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := joiorders.New(tt.token, tt.opts...)
			if err == nil || c != nil {
				t.Fatalf("New() = %v, %v; want an error", c, err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) || !strings.HasPrefix(err.Error(), "joiorders: ") {
				t.Errorf("error %q does not say %q", err, tt.wantMsg)
			}
			if tt.token != "" && strings.TrimSpace(tt.token) != "" && strings.Contains(err.Error(), tt.token) {
				t.Errorf("error %q carries the token", err)
			}
		})
	}
	for _, u := range []string{"http://127.0.0.1:1", "http://localhost:8080/api", "http://[::1]:1"} {
		if _, err := joiorders.New("tok", joiorders.WithBaseURL(u)); err != nil {
			t.Errorf("http on loopback %s refused: %v", u, err)
		}
	}
}

func TestClientStringHidesToken(t *testing.T) {
	t.Parallel()
	c, err := joiorders.New(joiorderstest.AccessToken, joiorders.WithBaseURL("https://orders.example.com/api"), joiorders.WithBearerPrefix())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "joiorders.Client{BaseURL: https://orders.example.com/api/}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	assertNoToken(t, c)
	assertNoToken(t, *c)
}

func TestBaseURLPathIsKept(t *testing.T) {
	t.Parallel()
	srv := joiorderstest.NewServer(t)
	c, err := joiorders.New(srv.Credential(), joiorders.WithBaseURL(srv.URL()+"/api/v1"))
	if err != nil {
		t.Fatal(err)
	}
	// The fake serves /orders only, so a request to /api/v1/orders is a 404.
	_, err = c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
	var apiErr *joiorders.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
		t.Fatalf("err = %v, want a 404 *APIError", err)
	}
	if got := srv.Received()[0].Path; got != "/api/v1/orders" {
		t.Errorf("path = %q, want /api/v1/orders", got)
	}
}
