package joiorders_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ordersdk/ordersdk-go/joiorders"
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
	doc, err := joiorderstest.GetSpec()
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

// TestAuthHeader checks where the token goes, and that the fake takes it,
// over HTTP/1.1 and HTTP/2. The fake's Header is canonicalized by net/http;
// TestAuthHeaderSpelling checks the spelling on the wire.
func TestAuthHeader(t *testing.T) {
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
	for _, proto := range []string{"HTTP/1.1", "HTTP/2.0"} {
		for _, tt := range tests {
			t.Run(proto+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				var fopts []joiorderstest.Option
				if tt.fakeBearer {
					fopts = append(fopts, joiorderstest.WithBearerPrefix())
				}
				if proto == "HTTP/2.0" {
					fopts = append(fopts, joiorderstest.WithTLS())
				}
				srv := joiorderstest.NewServer(t, fopts...)
				var opts []joiorders.Option
				if tt.clientBearer {
					opts = append(opts, joiorders.WithBearerPrefix())
				}
				// The fake's own Client trusts its certificate under WithTLS,
				// but adds WithBearerPrefix only when the fake expects it.
				hc := srv.HTTPClient()
				rec := &protoRecorder{base: hc.Transport}
				hc.Transport = rec
				c, err := joiorders.New(joiorderstest.AccessToken, append(opts,
					joiorders.WithBaseURL(srv.URL()), joiorders.WithHTTPClient(hc), joiorders.WithMaxRetries(0))...)
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
				reqs := srv.Received()
				if len(reqs) != 1 {
					t.Fatalf("fake received %d requests, want 1", len(reqs))
				}
				if got := rec.protos(); !slices.Equal(got, []string{proto}) {
					t.Errorf("responses came over %q, want [%s]", got, proto)
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
}

// protoRecorder is a RoundTripper that records the protocol of each response.
type protoRecorder struct {
	base http.RoundTripper
	mu   sync.Mutex
	got  []string
}

func (r *protoRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	if err == nil {
		r.mu.Lock()
		r.got = append(r.got, resp.Proto)
		r.mu.Unlock()
	}
	return resp, err
}

func (r *protoRecorder) protos() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

// TestAuthHeaderSpelling reads the request bytes an HTTP/1.1 client sends,
// on a loopback listener of its own: the header is spelled accessToken, as the
// vendor documents it, not net/http's canonical Accesstoken, for a server
// that matches header names case-sensitively. (HTTP/2 sends every name in
// lower case.)
func TestAuthHeaderSpelling(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []joiorders.Option
		want string
	}{
		{"raw token", nil, "accessToken: " + joiorderstest.AccessToken},
		{"WithBearerPrefix", []joiorders.Option{joiorders.WithBearerPrefix()}, "accessToken: Bearer " + joiorderstest.AccessToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { l.Close() })
			head := make(chan string, 1)
			go func() {
				defer close(head)
				conn, err := l.Accept()
				if err != nil {
					return
				}
				defer conn.Close()
				r := bufio.NewReader(conn)
				var b strings.Builder
				for {
					line, err := r.ReadString('\n')
					b.WriteString(line)
					if err != nil || line == "\r\n" {
						break
					}
				}
				head <- b.String()
				req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(b.String())))
				if err == nil {
					_, _ = io.CopyN(io.Discard, r, req.ContentLength)
				}
				body := `{"success":true,"data":{"id":"6349a1c0f1d2e3a4b5c6d7e8"}}`
				fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
			}()
			c, err := joiorders.New(joiorderstest.AccessToken, append([]joiorders.Option{
				joiorders.WithBaseURL("http://" + l.Addr().String()), joiorders.WithMaxRetries(0)}, tt.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			order, err := c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
			if err != nil || order.ID == nil {
				t.Fatalf("CreateOrder = %+v, %v; want the order", order, err)
			}
			got := <-head
			lines := strings.Split(strings.TrimSuffix(got, "\r\n\r\n"), "\r\n")
			if !slices.Contains(lines, tt.want) {
				t.Errorf("request head lacks the line %q:\n%s", tt.want, got)
			}
			for _, line := range lines[1:] {
				name, _, _ := strings.Cut(line, ":")
				if strings.EqualFold(name, "accessToken") && name != "accessToken" || strings.EqualFold(name, "Authorization") {
					t.Errorf("request head has %q", line)
				}
			}
			if !strings.HasPrefix(got, "POST /orders HTTP/1.1\r\n") {
				t.Errorf("request line of %q, want POST /orders HTTP/1.1", got)
			}
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
		{"token with a line break", "tok\r\nX-Evil: 1", []joiorders.Option{joiorders.WithBaseURL(base)}, "control character"},
		{"empty base URL", "tok", []joiorders.Option{joiorders.WithBaseURL("")}, "base URL is empty"},
		{"unparsable base URL", "tok", []joiorders.Option{joiorders.WithBaseURL("://nope")}, "base URL"},
		{"relative base URL", "tok", []joiorders.Option{joiorders.WithBaseURL("/orders")}, "absolute"},
		{"plain http off loopback", "tok", []joiorders.Option{joiorders.WithBaseURL("http://orders.example.com")}, "plain http"},
		{"user info in base URL", "tok", []joiorders.Option{joiorders.WithBaseURL("https://u:p@orders.example.com")}, "user info"},
		{"negative retries", "tok", []joiorders.Option{joiorders.WithBaseURL(base), joiorders.WithMaxRetries(-1)}, "max retries"},
		{"nil http client", "tok", []joiorders.Option{joiorders.WithBaseURL(base), joiorders.WithHTTPClient(nil)}, "http client is nil"},
		{"zero option", "tok", []joiorders.Option{joiorders.WithBaseURL(base), {}}, "option 1 is nil"},
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

// TestNilClient calls every method of a nil and of a zero Client: each
// returns an error or does nothing, and none panics.
func TestNilClient(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]*joiorders.Client{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			order, err := c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
			if order != nil || err == nil || !strings.HasPrefix(err.Error(), "joiorders: ") {
				t.Errorf("CreateOrder = %v, %v; want a joiorders error", order, err)
			}
			if errors.Is(err, joiorders.ErrOutcomeUnknown) {
				t.Errorf("err %v matches ErrOutcomeUnknown; nothing was sent", err)
			}
			if s := c.String(); s == "" {
				t.Error("String() is empty")
			}
			c.CloseIdleConnections()
		})
	}
}
