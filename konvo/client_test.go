package konvo_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

func setup(t *testing.T, opts ...konvo.Option) (*konvo.Client, *konvotest.Server) {
	t.Helper()
	srv := konvotest.NewServer(t)
	c, err := srv.Client(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestCreateOrdersWireJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, golden string
		order        konvo.OrderInput
	}{
		{"full", "full_order.json", konvotest.FullOrder()},
		{"minimal", "minimal_order.json", konvotest.MinimalOrder()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			res, err := c.CreateOrders(context.Background(), []konvo.OrderInput{tt.order})
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
			if got := reqs[0].Header.Get("x-api-key"); got != konvotest.APIKey {
				t.Errorf("x-api-key on the wire = %q, want the configured key", got)
			}
			if got := reqs[0].Header.Get("User-Agent"); got != "ordersdk-go/0.1.0 (konvo)" {
				t.Errorf("User-Agent = %q", got)
			}
			if res.Count == nil || *res.Count != 1 || len(res.Result) != 1 || res.Result[0].ID == nil || *res.Result[0].ID == "" {
				t.Errorf("result = %+v, want one order with a server-assigned id", res)
			}
			if got := srv.Orders(); len(got) != 1 || got[0].ID != tt.order.ID {
				t.Errorf("ledger = %+v, want the one order", got)
			}
		})
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

func TestNewRejectsBadConfiguration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		key  string
		opts []konvo.Option
	}{
		{"empty key", "", nil},
		{"blank key", "  ", nil},
		{"unparsable base URL", "k", []konvo.Option{konvo.WithBaseURL("://nope")}},
		{"relative base URL", "k", []konvo.Option{konvo.WithBaseURL("/orders")}},
		{"plain http off loopback", "k", []konvo.Option{konvo.WithBaseURL("http://api.konvoai.com")}},
		{"negative retries", "k", []konvo.Option{konvo.WithMaxRetries(-1)}},
		{"nil http client", "k", []konvo.Option{konvo.WithHTTPClient(nil)}},
		{"zero option", "k", []konvo.Option{{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := konvo.New(tt.key, tt.opts...)
			if err == nil || c != nil {
				t.Fatalf("New() = %v, %v; want an error", c, err)
			}
		})
	}
	if _, err := konvo.New("k", konvo.WithBaseURL("http://127.0.0.1:1")); err != nil {
		t.Errorf("http on loopback refused: %v", err)
	}
}

func TestDefaultBaseURL(t *testing.T) {
	t.Parallel()
	c, err := konvo.New("k")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "konvo.Client{BaseURL: https://api.konvoai.com/}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestCreateOrdersValidationSendsNothing(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	bad := konvotest.MinimalOrder()
	bad.Items = append(bad.Items, konvo.OrderedItem{ID: "v2", Sku: "", Currency: "EUR"})
	bad.Items = append(bad.Items, konvo.OrderedItem{ID: "v3", Sku: "", Currency: "EURO"})
	_, err := c.CreateOrders(context.Background(), []konvo.OrderInput{bad})
	var ve *konvo.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, konvo.ErrInvalidRequest) {
		t.Fatalf("err = %v, want a *ValidationError matching ErrInvalidRequest", err)
	}
	want := []konvo.Violation{
		{Path: "[0].items[1].sku", Rule: "minLength", Message: "must be at least 1 characters"},
		{Path: "[0].items[2].currency", Rule: "maxLength", Message: "must be at most 3 characters"},
		{Path: "[0].items[2].sku", Rule: "minLength", Message: "must be at least 1 characters"},
	}
	if diff := cmp.Diff(want, ve.Violations); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if n := srv.Requests(); n != 0 {
		t.Errorf("fake received %d requests, want 0", n)
	}
}

func TestCloseIdleConnections(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	if _, err := c.CreateOrders(context.Background(), []konvo.OrderInput{konvotest.MinimalOrder()}); err != nil {
		t.Fatal(err)
	}
	if n := srv.OpenConns(); n != 1 {
		t.Fatalf("open connections after a call = %d, want the one kept alive", n)
	}
	c.CloseIdleConnections()
	// The fake learns of the close asynchronously.
	deadline := time.Now().Add(5 * time.Second)
	for srv.OpenConns() != 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := srv.OpenConns(); n != 0 {
		t.Errorf("open connections after CloseIdleConnections = %d, want 0", n)
	}
}

// TestCreateOrdersUnencodableBody shows a batch that cannot be encoded as
// JSON failing before anything is sent, as an unsent *RequestError.
func TestCreateOrdersUnencodableBody(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	o := konvotest.MinimalOrder()
	o.Metadata = map[string]interface{}{"callback": func() {}}
	_, err := c.CreateOrders(context.Background(), []konvo.OrderInput{o})
	var re *konvo.RequestError
	if !errors.As(err, &re) || re.Sent || re.Method != "POST" || !strings.HasSuffix(re.URL, "/orders") {
		t.Fatalf("err = %#v, want an unsent *RequestError for POST .../orders", err)
	}
	if errors.Is(err, konvo.ErrOutcomeUnknown) {
		t.Error("an unsent request matches ErrOutcomeUnknown")
	}
	if n := srv.Requests(); n != 0 {
		t.Errorf("fake received %d requests, want 0", n)
	}
}
