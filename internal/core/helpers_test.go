package core

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testKey is the credential of the test clients.
const testKey = "test_key_0123456789abcdef"

// testOrder and testEnvelope stand for a vendor's generated models.
type testOrder struct {
	ID   *string `json:"id,omitempty"`
	Name string  `json:"name"`
}

type testEnvelope struct {
	Success *bool      `json:"success,omitempty"`
	Data    *testOrder `json:"data,omitempty"`
}

var testVendor = Vendor{
	Name:       "testvendor",
	AuthHeader: "x-api-key",
	Errors:     ErrorEnvelope{Code: []string{"/code"}, Message: []string{"/message"}},
}

var createTestOrder = Operation[testOrder, testEnvelope]{
	Name:    "createOrder",
	Method:  http.MethodPost,
	Success: []int{201},
	Result:  ResultShape{Member: "data", SuccessFlag: "success"},
}

// mode is one way of sending: HTTP/1.1 or HTTP/2, through the SDK's own
// transport or through a caller's http.Client.
type mode struct {
	name  string
	h2    bool
	own   bool
	setup func(hc *http.Client) // adjusts a caller's client
}

// modes covers both protocols through the SDK's own transport, and through a
// caller's client with a Timeout and with a wrapping RoundTripper.
var modes = []mode{
	{name: "h1/own", own: true},
	{name: "h2/own", h2: true, own: true},
	{name: "h1/caller-timeout", setup: func(hc *http.Client) { hc.Timeout = time.Minute }},
	{name: "h2/caller-wrapped", h2: true, setup: func(hc *http.Client) { hc.Transport = wrapped{hc.Transport} }},
	{name: "h1/caller-hides-trace", setup: func(hc *http.Client) { hc.Transport = hidesTrace{hc.Transport} }},
}

// hidesTrace is a caller's RoundTripper that hands the next one a context
// without the request's values, so that net/http runs none of the SDK's
// trace hooks: only the SDK's body reader sees the request written.
type hidesTrace struct{ next http.RoundTripper }

func (h hidesTrace) RoundTrip(r *http.Request) (*http.Response, error) {
	return h.next.RoundTrip(r.WithContext(noValues{r.Context()}))
}

// noValues is a context that keeps its parent's deadline and cancellation,
// and none of its values.
type noValues struct{ context.Context }

func (noValues) Value(any) any { return nil }

// wrapped is a caller's RoundTripper in front of another, as otelhttp is.
type wrapped struct{ next http.RoundTripper }

func (w wrapped) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(context.WithValue(r.Context(), wrappedKey{}, true))
	r.Header.Set("Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
	return w.next.RoundTrip(r)
}

type wrappedKey struct{}

// server is an httptest server that counts what it received.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	requests []received
	conns    atomic.Int32
}

// received is one request as the server read it.
type received struct {
	method, path string
	header       http.Header
	body         []byte
	proto        string
}

// newServer starts a server on h1 or h2 (TLS) whose handler is handle; n
// counts requests from 1.
func newServer(t *testing.T, h2 bool, handle func(n int, w http.ResponseWriter, r *http.Request)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.requests = append(s.requests, received{r.Method, r.URL.EscapedPath(), r.Header.Clone(), body, r.Proto})
		n := len(s.requests)
		s.mu.Unlock()
		handle(n, w, r)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	if h2 {
		s.EnableHTTP2 = true
		s.StartTLS()
	} else {
		s.Start()
	}
	t.Cleanup(s.Close)
	return s
}

func (s *server) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.requests...)
}

func (s *server) count() int { return len(s.received()) }

// newClient builds a client for s in mode m. With the SDK's own transport
// on h2, the transport is taught the server's certificate, as a system root
// would be.
func newClient(t *testing.T, s *server, m mode, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithBaseURL(s.URL), WithBackoff(time.Millisecond, 5*time.Millisecond)}
	if !m.own {
		hc := s.Client()
		hc.Transport = hc.Transport.(*http.Transport).Clone()
		if m.setup != nil {
			m.setup(hc)
		}
		base = append(base, WithHTTPClient(hc))
	}
	c, err := New(testVendor, testKey, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	if m.own && m.h2 {
		c.transport.(*http.Transport).TLSClientConfig = s.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// create sends one test order.
func create(ctx context.Context, c *Client, opts ...CallOption) (*testEnvelope, error) {
	return Do(ctx, c, &createTestOrder, "orders", &testOrder{Name: "mug"}, opts...)
}

// reply writes a JSON answer.
func reply(w http.ResponseWriter, status int, body string, header ...string) {
	for i := 0; i+1 < len(header); i += 2 {
		w.Header().Set(header[i], header[i+1])
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

const createdBody = `{"success":true,"data":{"id":"ord_1","name":"mug"}}`
