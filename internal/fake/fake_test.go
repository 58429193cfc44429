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

type reply struct {
	status int
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
	resp, err := hc.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, b}, err
}

func mustSend(t *testing.T, s *fake.Server, c call) reply {
	t.Helper()
	r, err := send(context.Background(), s.Client(), s.URL(), c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCreate(t *testing.T) {
	t.Parallel()
	s := start(t)
	r := mustSend(t, s, validCall)
	if r.status != http.StatusCreated {
		t.Fatalf("status = %d, body %s", r.status, r.body)
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

func TestDropFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		fault      fake.Fault
		wantOrders int
		wantBody   string
	}{
		{"CloseBeforeBody", fake.Fault{CloseBeforeBody: true}, 0, ""},
		{"CloseAfterRecord", fake.Fault{CloseAfterRecord: true}, 1, validCall.body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := start(t)
			s.Inject(tt.fault)
			r, err := send(context.Background(), &http.Client{Transport: &http.Transport{}}, s.URL(), validCall)
			if err == nil {
				t.Fatalf("got a %d answer, want the connection dropped", r.status)
			}
			if n := len(s.Orders()); n != tt.wantOrders {
				t.Errorf("ledger holds %d orders, want %d", n, tt.wantOrders)
			}
			got := s.Received()
			if len(got) != 1 || string(got[0].Body) != tt.wantBody {
				t.Errorf("recorded %+v, want one request with body %q", got, tt.wantBody)
			}
			// The next request is answered normally.
			if r := mustSend(t, s, validCall); r.status != http.StatusCreated {
				t.Errorf("after the fault: status %d", r.status)
			}
		})
	}
}

func TestDelay(t *testing.T) {
	t.Parallel()
	t.Run("holds the answer back", func(t *testing.T) {
		t.Parallel()
		s := start(t)
		s.Inject(fake.Fault{Delay: 40 * time.Millisecond})
		began := time.Now()
		if r := mustSend(t, s, validCall); r.status != http.StatusCreated {
			t.Fatalf("status %d", r.status)
		}
		if took := time.Since(began); took < 40*time.Millisecond {
			t.Errorf("answered after %v, want at least the 40ms delay", took)
		}
	})
	t.Run("creates the order after the client has gone", func(t *testing.T) {
		t.Parallel()
		s := start(t)
		s.Inject(fake.Fault{Delay: 60 * time.Millisecond})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		if _, err := send(ctx, s.Client(), s.URL(), validCall); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want the deadline", err)
		}
		waitFor(t, "the order to be created", func() bool { return len(s.Orders()) == 1 })
	})
	t.Run("Close does not wait for it", func(t *testing.T) {
		t.Parallel()
		s := start(t)
		s.Inject(fake.Fault{Delay: time.Hour})
		done := make(chan error, 1)
		go func() {
			_, err := send(context.Background(), &http.Client{Transport: &http.Transport{}}, s.URL(), validCall)
			done <- err
		}()
		waitFor(t, "the request to arrive", func() bool { return s.Requests() == 1 })
		began := time.Now()
		s.Close()
		s.Close() // a second Close is harmless
		if took := time.Since(began); took > 2*time.Second {
			t.Errorf("Close took %v", took)
		}
		if err := <-done; err == nil {
			t.Error("the delayed request was answered after Close")
		}
		if n := len(s.Orders()); n != 0 {
			t.Errorf("ledger holds %d orders after Close", n)
		}
	})
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
				r, err := send(context.Background(), s.Client(), s.URL(), validCall.with(func(c *call) { c.key = "same" }))
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
		}
		want := []answer{
			{"Created", "2", "1", "60"},
			{"Created", "2", "0", "60"},
			{"Too Many Requests", "2", "0", "60"},
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
		if r := mustSend(t, s, validCall); r.status != 201 || r.header.Get("RateLimit-Reset") != "1" {
			t.Fatalf("first: %d, reset %q; want 201 and a reset rounded up to 1s", r.status, r.header.Get("RateLimit-Reset"))
		}
		if r := mustSend(t, s, validCall); r.status != 429 {
			t.Fatalf("second: %d, want 429", r.status)
		}
		time.Sleep(40 * time.Millisecond)
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

func TestConnections(t *testing.T) {
	t.Parallel()
	s := start(t)
	tr := &http.Transport{}
	hc := &http.Client{Transport: tr}
	for i := 0; i < 3; i++ {
		if r, err := send(context.Background(), hc, s.URL(), validCall); err != nil || r.status != 201 {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if a, o := s.ConnsAccepted(), s.OpenConns(); a != 1 || o != 1 {
		t.Errorf("after 3 keep-alive requests: accepted %d, open %d; want 1, 1", a, o)
	}
	tr.CloseIdleConnections()
	waitFor(t, "the connection to close", func() bool { return s.OpenConns() == 0 })

	noKeepAlive := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for i := 0; i < 2; i++ {
		if _, err := send(context.Background(), noKeepAlive, s.URL(), validCall); err != nil {
			t.Fatal(err)
		}
	}
	if a := s.ConnsAccepted(); a != 3 {
		t.Errorf("accepted %d connections, want 3", a)
	}
	// A dropped connection is hijacked, and no longer open.
	s.Inject(fake.Fault{CloseAfterRecord: true})
	if _, err := send(context.Background(), hc, s.URL(), validCall); err == nil {
		t.Fatal("want the connection dropped")
	}
	waitFor(t, "every connection to close", func() bool { return s.OpenConns() == 0 })
	if a := s.ConnsAccepted(); a != 4 {
		t.Errorf("accepted %d connections, want 4", a)
	}
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

// waitFor polls cond for up to two seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
