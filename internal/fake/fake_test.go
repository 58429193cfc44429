package fake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

const credential = "fake-test-credential-0001"

// envelope is the error body of the test vendor.
type envelope struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "orders.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return doc
}

// create answers a valid order with its id, store and sku; the sku "REJECT"
// is refused the way a vendor refuses what its spec cannot express.
func create(req *fake.Request, ids *fake.IDs) (any, []fake.Order, error) {
	var in struct {
		Sku string `json:"sku"`
	}
	if err := json.Unmarshal(req.Body, &in); err != nil {
		return nil, nil, err
	}
	if in.Sku == "REJECT" {
		return nil, nil, errors.New("sku REJECT is discontinued")
	}
	id := ids.UUID()
	return map[string]string{"id": id, "store": req.PathParams["storeId"], "sku": in.Sku},
		[]fake.Order{{ID: id, Body: req.Body}}, nil
}

func start(t *testing.T, opts ...fake.Option) *fake.Server {
	t.Helper()
	s, err := fake.Start(fake.Vendor{
		Name: "acme", Spec: loadSpec(t), AuthHeader: "Authorization", AuthScheme: "Bearer",
		Credential: credential, SuccessStatus: http.StatusCreated, Create: create,
		ErrorBody: func(status int, code, msg string) any { return envelope{status, code, msg} },
	}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// transport is a way to call a fake.
type transport struct {
	name  string
	tls   bool
	h2    bool
	proto string // the Proto of the responses
}

var transports = []transport{
	{name: "HTTP/1.1", proto: "HTTP/1.1"},
	{name: "HTTP/1.1 over TLS", tls: true, proto: "HTTP/1.1"},
	{name: "HTTP/2", tls: true, h2: true, proto: "HTTP/2.0"},
}

// start starts a fake served over tr, and returns it with a client of its
// own that speaks tr.
func (tr transport) start(t *testing.T, opts ...fake.Option) (*fake.Server, *http.Client) {
	t.Helper()
	if tr.tls {
		opts = append(opts, fake.WithTLS())
	}
	s := start(t, opts...)
	if tr.h2 {
		return s, s.HTTPClient()
	}
	return s, s.HTTP1Client()
}

type reply struct {
	status int
	proto  string
	header http.Header
	body   []byte
}

// errorBody decodes the vendor envelope of r.
func (r reply) envelope(t *testing.T) envelope {
	t.Helper()
	var e envelope
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body %q is not the envelope: %v", r.body, err)
	}
	return e
}

type call struct {
	path, auth, contentType, body, key string
	// noGetBody clears the GetBody that http.NewRequest sets, so that the
	// client cannot replay the call.
	noGetBody bool
}

var validCall = call{path: "/stores/s1/orders", auth: "Bearer " + credential, contentType: "application/json", body: `{"sku":"MUG","quantity":1}`}

func (c call) with(f func(*call)) call { f(&c); return c }

func send(ctx context.Context, hc *http.Client, base string, c call) (reply, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+c.path, strings.NewReader(c.body))
	if err != nil {
		return reply{}, err
	}
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	}
	if c.key != "" {
		req.Header.Set("Idempotency-Key", c.key)
	}
	if c.noGetBody {
		req.GetBody = nil
	}
	resp, err := hc.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Proto, resp.Header, b}, err
}

func mustSend(t *testing.T, s *fake.Server, c call) reply {
	t.Helper()
	r, err := send(context.Background(), s.HTTPClient(), s.URL(), c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCreate(t *testing.T) {
	t.Parallel()
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			s, hc := tr.start(t)
			r, err := send(context.Background(), hc, s.URL(), validCall)
			if err != nil {
				t.Fatal(err)
			}
			if r.status != http.StatusCreated || r.proto != tr.proto {
				t.Fatalf("status = %d over %s, want 201 over %s; body %s", r.status, r.proto, tr.proto, r.body)
			}
			if got := r.header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q", got)
			}
			var body map[string]string
			if err := json.Unmarshal(r.body, &body); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"id": "00000000-0000-4000-8000-000000000001", "store": "s1", "sku": "MUG"}
			if diff := cmp.Diff(want, body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			got := s.Received()
			if len(got) != 1 || s.Requests() != 1 {
				t.Fatalf("Received() = %d requests, Requests() = %d; want 1", len(got), s.Requests())
			}
			if got[0].Method != "POST" || got[0].Path != "/stores/s1/orders" || string(got[0].Body) != validCall.body ||
				got[0].Header.Get("Authorization") != validCall.auth {
				t.Errorf("recorded request = %+v", got[0])
			}
			if diff := cmp.Diff(map[string]string{"storeId": "s1"}, got[0].PathParams); diff != "" {
				t.Errorf("recorded path parameters (-want +got):\n%s", diff)
			}
			orders := s.Orders()
			if len(orders) != 1 || orders[0].ID != want["id"] || string(orders[0].Body) != validCall.body || orders[0].IdempotencyKey != "" {
				t.Errorf("ledger = %+v", orders)
			}
			if s.Credential() != credential {
				t.Errorf("Credential() = %q", s.Credential())
			}
		})
	}
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []fake.Option
		auth string
		want int
	}{
		{"right", nil, "Bearer " + credential, http.StatusCreated},
		{"missing", nil, "", http.StatusUnauthorized},
		{"wrong", nil, "Bearer nope", http.StatusUnauthorized},
		{"without scheme", nil, credential, http.StatusUnauthorized},
		{"other scheme", nil, "Basic " + credential, http.StatusUnauthorized},
		{"WithCredential, old one", []fake.Option{fake.WithCredential("other")}, "Bearer " + credential, http.StatusUnauthorized},
		{"WithCredential, new one", []fake.Option{fake.WithCredential("other")}, "Bearer other", http.StatusCreated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := start(t, tt.opts...)
			r := mustSend(t, s, validCall.with(func(c *call) { c.auth = tt.auth }))
			if r.status != tt.want {
				t.Fatalf("status = %d, want %d; body %s", r.status, tt.want, r.body)
			}
			if tt.want != http.StatusUnauthorized {
				return
			}
			wantCode, wantMsg := "INVALID_API_KEY", "missing or invalid credential"
			if tt.auth == "" {
				wantCode, wantMsg = "MISSING_API_KEY", "missing credential"
			}
			if e := r.envelope(t); e.Status != 401 || e.Code != wantCode || e.Message != wantMsg {
				t.Errorf("envelope = %+v", e)
			}
			if n := len(s.Orders()); n != 0 {
				t.Errorf("ledger holds %d orders after a 401", n)
			}
		})
	}
}

func TestSpecViolations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		call       call
		wantStatus int
		wantCode   string
		wantInMsg  string
	}{
		{"missing sku", validCall.with(func(c *call) { c.body = `{"quantity":1}` }), 400, "VALIDATION_ERROR", "sku"},
		{"quantity below minimum", validCall.with(func(c *call) { c.body = `{"sku":"A","quantity":0}` }), 400, "VALIDATION_ERROR", "quantity"},
		{"quantity of the wrong type", validCall.with(func(c *call) { c.body = `{"sku":"A","quantity":"1"}` }), 400, "VALIDATION_ERROR", "quantity"},
		{"empty sku", validCall.with(func(c *call) { c.body = `{"sku":"","quantity":1}` }), 400, "VALIDATION_ERROR", "sku"},
		{"not JSON", validCall.with(func(c *call) { c.body = `{"sku":` }), 400, "VALIDATION_ERROR", ""},
		{"empty body", validCall.with(func(c *call) { c.body = `` }), 400, "VALIDATION_ERROR", ""},
		{"wrong content type", validCall.with(func(c *call) { c.contentType = "text/plain" }), 400, "VALIDATION_ERROR", ""},
		{"path parameter too short", validCall.with(func(c *call) { c.path = "/stores/s/orders" }), 400, "VALIDATION_ERROR", "storeId"},
		{"refused by Create", validCall.with(func(c *call) { c.body = `{"sku":"REJECT","quantity":1}` }), 400, "VALIDATION_ERROR", "sku REJECT is discontinued"},
		{"unknown path", validCall.with(func(c *call) { c.path = "/orders" }), 404, "NOT_FOUND", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := start(t)
			r := mustSend(t, s, tt.call)
			if r.status != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body %s", r.status, tt.wantStatus, r.body)
			}
			e := r.envelope(t)
			if e.Status != tt.wantStatus || e.Code != tt.wantCode || !strings.Contains(e.Message, tt.wantInMsg) {
				t.Errorf("envelope = %+v, want status %d, code %s, a message containing %q", e, tt.wantStatus, tt.wantCode, tt.wantInMsg)
			}
			if n := len(s.Orders()); n != 0 {
				t.Errorf("ledger holds %d orders", n)
			}
			if n := s.Requests(); n != 1 {
				t.Errorf("Requests() = %d, want 1", n)
			}
		})
	}
}

func TestInjectInOrder(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.Inject(
		fake.Fault{Status: 503},
		fake.Fault{Status: 429, Header: http.Header{"Retry-After": {"3"}, "X-Request-Id": {"req-2"}}},
	)
	s.Inject(
		fake.Fault{Status: 502, Body: []byte("<html>bad gateway</html>")},
		fake.Fault{Status: 500, RecordOrder: true},
		fake.Fault{}, // the zero Fault answers normally
	)
	type answer struct {
		Status int
		Header string
		Body   string
	}
	var got []answer
	for i := 0; i < 6; i++ {
		r := mustSend(t, s, validCall)
		got = append(got, answer{r.status, r.header.Get("Retry-After") + r.header.Get("X-Request-Id"), string(r.body)})
	}
	want := []answer{
		{503, "", `{"status":503,"code":"Service Unavailable","message":"injected fault"}`},
		{429, "3req-2", `{"status":429,"code":"Too Many Requests","message":"injected fault"}`},
		{502, "", "<html>bad gateway</html>"},
		{500, "", `{"status":500,"code":"Internal Server Error","message":"injected fault"}`},
		{201, "", `{"id":"00000000-0000-4000-8000-000000000002","sku":"MUG","store":"s1"}`},
		{201, "", `{"id":"00000000-0000-4000-8000-000000000003","sku":"MUG","store":"s1"}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	// The 500 with RecordOrder committed an order before failing.
	orders := s.Orders()
	if len(orders) != 3 || orders[0].ID != "00000000-0000-4000-8000-000000000001" {
		t.Errorf("ledger = %+v, want the order of the failed 500 and the two created after it", orders)
	}
}

func TestSetFaultFunc(t *testing.T) {
	t.Parallel()
	s := start(t)
	var asked []int
	var mu sync.Mutex
	s.SetFaultFunc(func(n int) *fake.Fault {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, n)
		if n%2 == 0 {
			return &fake.Fault{Status: 503}
		}
		return nil
	})
	s.Inject(fake.Fault{Status: 429}) // the queue comes first
	var got []int
	for i := 0; i < 5; i++ {
		got = append(got, mustSend(t, s, validCall).status)
	}
	s.SetFaultFunc(nil)
	got = append(got, mustSend(t, s, validCall).status)
	if diff := cmp.Diff([]int{429, 503, 201, 503, 201, 201}, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2, 3, 4, 5}, asked); diff != "" {
		t.Errorf("fault func asked for requests (-want +got):\n%s", diff)
	}
}

func TestIdempotency(t *testing.T) {
	t.Parallel()
	t.Run("replays and records once", func(t *testing.T) {
		t.Parallel()
		s := start(t, fake.WithIdempotency())
		withKey := func(k string) call { return validCall.with(func(c *call) { c.key = k }) }
		first := mustSend(t, s, withKey("k1"))
		again := mustSend(t, s, withKey("k1"))
		if first.status != 201 || again.status != 201 || !bytes.Equal(first.body, again.body) {
			t.Errorf("replay = %d %s, first = %d %s; want the same answer", again.status, again.body, first.status, first.body)
		}
		mustSend(t, s, withKey("k2"))
		mustSend(t, s, validCall)
		mustSend(t, s, validCall)
		var keys []string
		for _, o := range s.Orders() {
			keys = append(keys, o.IdempotencyKey)
		}
		if diff := cmp.Diff([]string{"k1", "k2", "", ""}, keys); diff != "" {
			t.Errorf("ledger keys (-want +got):\n%s", diff)
		}
		if n := s.Requests(); n != 5 {
			t.Errorf("Requests() = %d, want 5: a replay still counts as a request", n)
		}
	})
	t.Run("a failure is not remembered", func(t *testing.T) {
		t.Parallel()
		s := start(t, fake.WithIdempotency())
		bad := validCall.with(func(c *call) { c.key, c.body = "k", `{}` })
		if r := mustSend(t, s, bad); r.status != 400 {
			t.Fatalf("status %d", r.status)
		}
		if r := mustSend(t, s, validCall.with(func(c *call) { c.key = "k" })); r.status != 201 {
			t.Fatalf("status %d after a failed attempt with the same key", r.status)
		}
		if n := len(s.Orders()); n != 1 {
			t.Errorf("ledger holds %d orders", n)
		}
	})
	t.Run("concurrent attempts create one order", func(t *testing.T) {
		t.Parallel()
		s := start(t, fake.WithIdempotency())
		var wg sync.WaitGroup
		bodies := make([][]byte, 8)
		for i := range bodies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := send(context.Background(), s.HTTPClient(), s.URL(), validCall.with(func(c *call) { c.key = "same" }))
				if err != nil || r.status != 201 {
					t.Errorf("attempt %d: %v, %d", i, err, r.status)
				}
				bodies[i] = r.body
			}()
		}
		wg.Wait()
		if n := len(s.Orders()); n != 1 {
			t.Errorf("ledger holds %d orders, want 1", n)
		}
		for i, b := range bodies {
			if !bytes.Equal(b, bodies[0]) {
				t.Errorf("attempt %d got %s, attempt 0 got %s", i, b, bodies[0])
			}
		}
	})
	t.Run("without the option every request creates", func(t *testing.T) {
		t.Parallel()
		s := start(t)
		c := validCall.with(func(c *call) { c.key = "k1" })
		mustSend(t, s, c)
		mustSend(t, s, c)
		if n := len(s.Orders()); n != 2 {
			t.Errorf("ledger holds %d orders, want 2", n)
		}
	})
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	t.Run("429 beyond the limit", func(t *testing.T) {
		t.Parallel()
		s := start(t, fake.WithRateLimit(2, time.Minute))
		clock := newClock(s)
		type answer struct{ Status, Limit, Remaining, Reset string }
		var got []answer
		for i := 0; i < 3; i++ {
			r := mustSend(t, s, validCall)
			got = append(got, answer{http.StatusText(r.status), r.header.Get("RateLimit-Limit"), r.header.Get("RateLimit-Remaining"), r.header.Get("RateLimit-Reset")})
			if r.status == 429 {
				if e := r.envelope(t); e.Code != "RATE_LIMIT_EXCEEDED" {
					t.Errorf("429 envelope = %+v", e)
				}
			}
			clock.advance(time.Second)
		}
		want := []answer{
			{"Created", "2", "1", "60"},
			{"Created", "2", "0", "59"},
			{"Too Many Requests", "2", "0", "58"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("answers (-want +got):\n%s", diff)
		}
		if n := len(s.Orders()); n != 2 {
			t.Errorf("ledger holds %d orders, want 2", n)
		}
	})
	t.Run("the window resets", func(t *testing.T) {
		t.Parallel()
		s := start(t, fake.WithRateLimit(1, 30*time.Millisecond))
		clock := newClock(s)
		if r := mustSend(t, s, validCall); r.status != 201 || r.header.Get("RateLimit-Reset") != "1" {
			t.Fatalf("first: %d, reset %q; want 201 and a reset rounded up to 1s", r.status, r.header.Get("RateLimit-Reset"))
		}
		clock.advance(29 * time.Millisecond)
		if r := mustSend(t, s, validCall); r.status != 429 {
			t.Fatalf("second: %d, want 429", r.status)
		}
		clock.advance(time.Millisecond)
		if r := mustSend(t, s, validCall); r.status != 201 {
			t.Fatalf("after the window: %d, want 201", r.status)
		}
	})
	t.Run("no headers without the option", func(t *testing.T) {
		t.Parallel()
		s := start(t)
		if r := mustSend(t, s, validCall); r.header.Get("RateLimit-Limit") != "" {
			t.Errorf("RateLimit-Limit = %q", r.header.Get("RateLimit-Limit"))
		}
	})
}

func TestIDs(t *testing.T) {
	t.Parallel()
	var ids fake.IDs
	if got := ids.UUID(); got != "00000000-0000-4000-8000-000000000001" {
		t.Errorf("UUID() = %q", got)
	}
	if got := ids.ObjectID(); got != "000000000000000000000002" {
		t.Errorf("ObjectID() = %q", got)
	}
}

func TestStartRejectsBadSpec(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	bad := *doc
	bad.Paths = openapi3.NewPaths(openapi3.WithPath("/a/{x}/{x}", &openapi3.PathItem{Post: &openapi3.Operation{}}))
	s, err := fake.Start(fake.Vendor{Name: "bad", Spec: &bad})
	if err == nil {
		s.Close()
		t.Fatal("Start accepted a document its router cannot serve")
	}
	if !strings.HasPrefix(err.Error(), "fake bad: ") {
		t.Errorf("err = %q, want it to name the vendor", err)
	}
	t.Log(err)
}

// clock is a rate-limit clock that moves only when told to.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock(s *fake.Server) *clock {
	c := &clock{now: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
	fake.SetClock(s, func() time.Time {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.now
	})
	return c
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// waitFor polls cond until it holds. It gives up after a minute, a ceiling
// that only a hung test reaches, not a measure of speed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
