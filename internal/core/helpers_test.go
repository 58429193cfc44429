package core_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
)

// apiKey is the credential of the hand-made vendor. Tests search every error
// and log record for it.
const apiKey = "sk_live_CREDENTIAL_7f3a9c41"

// orderBody is the request body of the hand-made vendor; piiMarker stands for
// the customer data that must never reach a log.
const (
	piiMarker = "PII-ada.lovelace@example.com"
	orderBody = `{"sku":"MUG-01","customer":"` + piiMarker + `"}`
)

// acme is a hand-made vendor: bearer authentication and a {code, message,
// fields} error envelope.
var acme = core.Vendor{
	Name:       "acme",
	AuthHeader: "Authorization",
	AuthScheme: "Bearer",
	DecodeError: func(body []byte, e *apierror.APIError) {
		var env struct {
			Code    string                `json:"code"`
			Message string                `json:"message"`
			Fields  []apierror.FieldError `json:"fields"`
		}
		if json.Unmarshal(body, &env) != nil {
			return
		}
		e.Code, e.Message, e.FieldErrors = env.Code, env.Message, env.Fields
	},
}

// hit is one request a test server received.
type hit struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
	ContentLength          int64
	TransferEncoding       []string
	At                     time.Time
}

// server is an httptest server that records every request and answers with
// handle, which gets the 1-based number of the request.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	hits []hit
}

func newServer(t *testing.T, handle func(n int, w http.ResponseWriter, r *http.Request)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(s.handler(handle))
	t.Cleanup(s.Close)
	return s
}

func newTLSServer(t *testing.T, handle func(n int, w http.ResponseWriter, r *http.Request)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewTLSServer(s.handler(handle))
	t.Cleanup(s.Close)
	return s
}

func (s *server) handler(handle func(n int, w http.ResponseWriter, r *http.Request)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.hits = append(s.hits, hit{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body, r.ContentLength, r.TransferEncoding, time.Now()})
		n := len(s.hits)
		s.mu.Unlock()
		handle(n, w, r)
	})
}

func (s *server) Hits() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.hits...)
}

func (s *server) Count() int { return len(s.Hits()) }

// reply writes status with the header pairs and body.
func reply(w http.ResponseWriter, status int, body string, header ...string) {
	for i := 0; i+1 < len(header); i += 2 {
		w.Header().Set(header[i], header[i+1])
	}
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// created answers like the vendor accepting the order.
func created(w http.ResponseWriter) {
	reply(w, http.StatusCreated, `{"id":"ord_1"}`, "Content-Type", "application/json")
}

// hangUp drops the connection after the request was read, without answering.
func hangUp(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

// fast are the options every hand-made client gets, so that retries take
// milliseconds.
func fast(base string) []core.Option {
	return []core.Option{
		core.WithBaseURL(base),
		core.WithBackoff(time.Millisecond, 5*time.Millisecond),
		core.WithMaxRetryWait(50 * time.Millisecond),
	}
}

func newClient(t *testing.T, base string, opts ...core.Option) *core.Client {
	t.Helper()
	c, err := core.New(acme, apiKey, append(fast(base), opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type created201 struct {
	ID string `json:"id"`
}

// createOrder sends orderBody as a vendor package would.
func createOrder(ctx context.Context, c *core.Client, opts ...core.CallOption) (*created201, error) {
	var out created201
	if err := c.PostJSON(ctx, c.BaseURL()+"orders", json.RawMessage(orderBody), &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// logRecord is one record a logRecorder received, with its attributes.
type logRecord struct {
	Level slog.Level
	Msg   string
	Attrs map[string]slog.Value
}

// int, duration and str read an attribute; a missing one reads as zero.
func (r logRecord) int(key string) int64 {
	if v, ok := r.Attrs[key]; ok {
		return v.Int64()
	}
	return 0
}

func (r logRecord) duration(key string) time.Duration {
	if v, ok := r.Attrs[key]; ok {
		return v.Duration()
	}
	return 0
}

func (r logRecord) str(key string) string {
	if v, ok := r.Attrs[key]; ok {
		return v.String()
	}
	return ""
}

// logRecorder is a slog.Handler that keeps every record, and calls on, when
// set, after keeping it.
type logRecorder struct {
	mu   sync.Mutex
	recs []logRecord
	on   func(logRecord)
}

func (h *logRecorder) Enabled(context.Context, slog.Level) bool { return true }

func (h *logRecorder) Handle(_ context.Context, r slog.Record) error {
	rec := logRecord{Level: r.Level, Msg: r.Message, Attrs: map[string]slog.Value{}}
	r.Attrs(func(a slog.Attr) bool {
		rec.Attrs[a.Key] = a.Value.Resolve()
		return true
	})
	h.mu.Lock()
	h.recs = append(h.recs, rec)
	on := h.on
	h.mu.Unlock()
	if on != nil {
		on(rec)
	}
	return nil
}

func (h *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *logRecorder) WithGroup(string) slog.Handler      { return h }

func (h *logRecorder) records() []logRecord {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]logRecord(nil), h.recs...)
}

// konvoSetup returns a konvo client wired to a fresh konvotest fake, with
// millisecond backoff.
func konvoSetup(t *testing.T, opts ...konvo.Option) (*konvo.Client, *konvotest.Server) {
	t.Helper()
	srv := konvotest.NewServer(t)
	base := []konvo.Option{konvo.WithBackoff(time.Millisecond, 5*time.Millisecond), konvo.WithMaxRetryWait(50 * time.Millisecond)}
	c, err := srv.Client(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// konvoBatch is a valid batch of one order.
func konvoBatch() []konvo.OrderInput {
	return []konvo.OrderInput{{
		ID: "order-1", FriendlyName: "#1", OrderTotal: 3995, Currency: "USD",
		Customer: konvo.OrderCustomer{ID: "c1", FirstName: "Ada", LastName: "Lovelace"},
		Items: []konvo.OrderedItem{{ID: "v1", Sku: "MUG-01", Name: "Mug", Description: "", Price: 3995, Msrp: 3995,
			ImageURL: "https://example.com/mug.jpg", Currency: "USD"}},
	}}
}
