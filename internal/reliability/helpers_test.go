package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

// kit is what the suites need to know about one vendor: how to start its
// fake, how to build its client, how to send an order that carries a
// reference the fake's ledger shows, and where its spec and sample orders are.
// The vendor packages' Option and CallOption are aliases of core's, so the
// suites pass core options to every vendor.
type kit struct {
	// name is the vendor package's name.
	name string
	// credential is the credential the fake accepts by default.
	credential string
	// op is the create operation's path in specs/<name>.yaml.
	op string
	// params are the path parameters of every call unless a test says
	// otherwise; nil for vendors without any.
	params map[string]string
	// samples returns the sample orders of the vendor's test package
	// (<name>test.FullOrder, MinimalOrder, ...), the full one first, as the
	// create call takes them (for konvo, a batch of one).
	samples func() []any
	// start starts the vendor's fake, closed when the test ends.
	start func(t testing.TB, c fakeConfig) *fake.Server
	// dial builds a client for the server at baseURL.
	dial func(baseURL, credential string, opts ...core.Option) (*client, error)
	// refOf returns the reference an order in the ledger carries.
	refOf func(body []byte) string
	// request returns a pointer to a new value of the vendor's request type
	// (for konvo, the batch).
	request func() any
}

// fakeConfig configures a vendor's fake.
type fakeConfig struct {
	// credential replaces the fake's default credential when set.
	credential string
	// idempotent makes the fake deduplicate calls by Idempotency-Key.
	idempotent bool
	// rateLimit, when positive, limits the fake to rateLimit requests per
	// window, with the RateLimit headers on every response.
	rateLimit int
	window    time.Duration
}

// client is one vendor's client behind a common face.
type client struct {
	// sdk is the vendor's *Client, for the tests that print it.
	sdk fmt.Stringer
	// create sends the vendor's minimal order carrying ref.
	create func(ctx context.Context, ref string, opts ...core.CallOption) (created, error)
	// createJSON decodes body (the vendor's wire JSON of a request) into the
	// vendor's request type and sends it with the path parameters params.
	createJSON func(ctx context.Context, params map[string]string, body []byte) error
}

// kits lists every vendor, in a fixed order.
var kits = []*kit{konvoKit, komerzaKit, joiordersKit, slugordersKit, bitbybitKit}

func kitNamed(name string) *kit {
	for _, k := range kits {
		if k.name == name {
			return k
		}
	}
	panic("no vendor " + name)
}

// created is what a create call returned.
type created struct {
	// value is the vendor's result, such as *konvo.CreateOrdersResult.
	value any
	// id is the order id the vendor assigned; ok is false when the result
	// carries none.
	id string
	ok bool
}

func newCreated(value any, id *string) created {
	c := created{value: value}
	if id != nil && *id != "" {
		c.id, c.ok = *id, true
	}
	return c
}

func ptr[T any](v T) *T { return &v }

var konvoKit = &kit{
	name:       "konvo",
	request:    func() any { return new([]konvo.OrderInput) },
	credential: konvotest.APIKey,
	op:         "/orders",
	samples: func() []any {
		return []any{[]konvo.OrderInput{konvotest.FullOrder()}, []konvo.OrderInput{konvotest.MinimalOrder()}}
	},
	start: func(t testing.TB, c fakeConfig) *fake.Server {
		var opts []konvotest.Option
		if c.credential != "" {
			opts = append(opts, konvotest.WithAPIKey(c.credential))
		}
		if c.idempotent {
			opts = append(opts, konvotest.WithIdempotency())
		}
		if c.rateLimit > 0 {
			opts = append(opts, konvotest.WithRateLimit(c.rateLimit, c.window))
		}
		return konvotest.NewServer(t, opts...).Server
	},
	dial: func(baseURL, credential string, opts ...core.Option) (*client, error) {
		c, err := konvo.New(credential, append([]konvo.Option{konvo.WithBaseURL(baseURL)}, opts...)...)
		if err != nil {
			return nil, err
		}
		return &client{
			sdk: c,
			create: func(ctx context.Context, ref string, opts ...core.CallOption) (created, error) {
				o := konvotest.MinimalOrder()
				o.ID = ref
				res, err := c.CreateOrders(ctx, []konvo.OrderInput{o}, opts...)
				if err != nil || res == nil || len(res.Result) != 1 {
					return created{value: res}, err
				}
				return newCreated(res, res.Result[0].ID), nil
			},
			createJSON: func(ctx context.Context, _ map[string]string, body []byte) error {
				var in []konvo.OrderInput
				if err := strictUnmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.CreateOrders(ctx, in)
				return err
			},
		}, nil
	},
	refOf: func(body []byte) string {
		var o struct {
			ID string `json:"id"`
		}
		json.Unmarshal(body, &o)
		return o.ID
	},
}

const komerzaStore = "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"

var komerzaKit = &kit{
	name:       "komerza",
	request:    func() any { return new(komerza.CreateOrderRequest) },
	credential: komerzatest.APIKey,
	op:         "/stores/{storeId}/orders",
	params:     map[string]string{"storeId": komerzaStore},
	samples: func() []any {
		return []any{komerzatest.FullOrder(), komerzatest.MinimalOrder(), komerzatest.MinimalCostOrder()}
	},
	start: func(t testing.TB, c fakeConfig) *fake.Server {
		var opts []komerzatest.Option
		if c.credential != "" {
			opts = append(opts, komerzatest.WithAPIKey(c.credential))
		}
		if c.idempotent {
			opts = append(opts, komerzatest.WithIdempotency())
		}
		if c.rateLimit > 0 {
			opts = append(opts, komerzatest.WithRateLimit(c.rateLimit, c.window))
		}
		return komerzatest.NewServer(t, opts...).Server
	},
	dial: func(baseURL, credential string, opts ...core.Option) (*client, error) {
		c, err := komerza.New(credential, append([]komerza.Option{komerza.WithBaseURL(baseURL)}, opts...)...)
		if err != nil {
			return nil, err
		}
		return &client{
			sdk: c,
			create: func(ctx context.Context, ref string, opts ...core.CallOption) (created, error) {
				o := komerzatest.MinimalOrder()
				o.Metadata = komerza.Metadata{"ref": ref}
				res, err := c.CreateOrder(ctx, komerzaStore, o, opts...)
				if err != nil || res == nil {
					return created{value: res}, err
				}
				return newCreated(res, res.ID), nil
			},
			createJSON: func(ctx context.Context, params map[string]string, body []byte) error {
				var in komerza.CreateOrderRequest
				if err := strictUnmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.CreateOrder(ctx, params["storeId"], in)
				return err
			},
		}, nil
	},
	refOf: func(body []byte) string {
		var o struct {
			Metadata map[string]string `json:"metadata"`
		}
		json.Unmarshal(body, &o)
		return o.Metadata["ref"]
	},
}

var joiordersKit = &kit{
	name:       "joiorders",
	request:    func() any { return new(joiorders.CreateOrderRequest) },
	credential: joiorderstest.AccessToken,
	op:         "/orders",
	samples:    func() []any { return []any{joiorderstest.FullOrder(), joiorderstest.MinimalOrder()} },
	start: func(t testing.TB, c fakeConfig) *fake.Server {
		var opts []joiorderstest.Option
		if c.credential != "" {
			opts = append(opts, joiorderstest.WithAccessToken(c.credential))
		}
		if c.idempotent {
			opts = append(opts, joiorderstest.WithIdempotency())
		}
		if c.rateLimit > 0 {
			opts = append(opts, joiorderstest.WithRateLimit(c.rateLimit, c.window))
		}
		return joiorderstest.NewServer(t, opts...).Server
	},
	dial: func(baseURL, credential string, opts ...core.Option) (*client, error) {
		c, err := joiorders.New(credential, append([]joiorders.Option{joiorders.WithBaseURL(baseURL)}, opts...)...)
		if err != nil {
			return nil, err
		}
		return &client{
			sdk: c,
			create: func(ctx context.Context, ref string, opts ...core.CallOption) (created, error) {
				o := joiorderstest.MinimalOrder()
				o.MetaFields = []joiorders.OrderMetaField{{Label: ptr("ref"), Value: ptr(ref)}}
				res, err := c.CreateOrder(ctx, o, opts...)
				if err != nil || res == nil {
					return created{value: res}, err
				}
				return newCreated(res, res.ID), nil
			},
			createJSON: func(ctx context.Context, _ map[string]string, body []byte) error {
				var in joiorders.CreateOrderRequest
				if err := strictUnmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.CreateOrder(ctx, in)
				return err
			},
		}, nil
	},
	refOf: func(body []byte) string {
		var o struct {
			MetaFields []struct {
				Value string `json:"value"`
			} `json:"metaFields"`
		}
		json.Unmarshal(body, &o)
		if len(o.MetaFields) == 0 {
			return ""
		}
		return o.MetaFields[0].Value
	},
}

var slugordersKit = &kit{
	name:       "slugorders",
	request:    func() any { return new(slugorders.CreateOrderRequest) },
	credential: slugorderstest.Token,
	op:         "/api/v1/{team_slug}/{app_slug}/orders",
	params:     map[string]string{"team_slug": "acme", "app_slug": "webshop"},
	samples:    func() []any { return []any{slugorderstest.FullOrder(), slugorderstest.MinimalOrder()} },
	start: func(t testing.TB, c fakeConfig) *fake.Server {
		var opts []slugorderstest.Option
		if c.credential != "" {
			opts = append(opts, slugorderstest.WithToken(c.credential))
		}
		if c.idempotent {
			opts = append(opts, slugorderstest.WithIdempotency())
		}
		if c.rateLimit > 0 {
			opts = append(opts, slugorderstest.WithRateLimit(c.rateLimit, c.window))
		}
		return slugorderstest.NewServer(t, opts...).Server
	},
	dial: func(baseURL, credential string, opts ...core.Option) (*client, error) {
		c, err := slugorders.New(credential, append([]slugorders.Option{slugorders.WithBaseURL(baseURL)}, opts...)...)
		if err != nil {
			return nil, err
		}
		return &client{
			sdk: c,
			create: func(ctx context.Context, ref string, opts ...core.CallOption) (created, error) {
				o := slugorderstest.MinimalOrder()
				o.Reference = ref
				res, err := c.CreateOrder(ctx, "acme", "webshop", o, opts...)
				if err != nil || res == nil || res.Order == nil {
					return created{value: res}, err
				}
				return newCreated(res, res.Order.ID), nil
			},
			createJSON: func(ctx context.Context, params map[string]string, body []byte) error {
				var in slugorders.CreateOrderRequest
				if err := strictUnmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.CreateOrder(ctx, params["team_slug"], params["app_slug"], in)
				return err
			},
		}, nil
	},
	refOf: func(body []byte) string {
		var o struct {
			Reference string `json:"reference"`
		}
		json.Unmarshal(body, &o)
		return o.Reference
	},
}

var bitbybitKit = &kit{
	name:       "bitbybit",
	request:    func() any { return new(bitbybit.CreateOrderRequest) },
	credential: bitbybittest.APIKey,
	op:         "/orders",
	samples:    func() []any { return []any{bitbybittest.FullOrder(), bitbybittest.MinimalOrder()} },
	start: func(t testing.TB, c fakeConfig) *fake.Server {
		var opts []bitbybittest.Option
		if c.credential != "" {
			opts = append(opts, bitbybittest.WithAPIKey(c.credential))
		}
		if c.idempotent {
			opts = append(opts, bitbybittest.WithIdempotency())
		}
		if c.rateLimit > 0 {
			opts = append(opts, bitbybittest.WithRateLimit(c.rateLimit, c.window))
		}
		return bitbybittest.NewServer(t, opts...).Server
	},
	dial: func(baseURL, credential string, opts ...core.Option) (*client, error) {
		c, err := bitbybit.New(credential, append([]bitbybit.Option{bitbybit.WithBaseURL(baseURL)}, opts...)...)
		if err != nil {
			return nil, err
		}
		return &client{
			sdk: c,
			create: func(ctx context.Context, ref string, opts ...core.CallOption) (created, error) {
				o := bitbybittest.MinimalOrder()
				o.Notes = ptr(ref)
				res, err := c.CreateOrder(ctx, o, opts...)
				if err != nil || res == nil {
					return created{value: res}, err
				}
				return newCreated(res, res.ID), nil
			},
			createJSON: func(ctx context.Context, _ map[string]string, body []byte) error {
				var in bitbybit.CreateOrderRequest
				if err := strictUnmarshal(body, &in); err != nil {
					return err
				}
				_, err := c.CreateOrder(ctx, in)
				return err
			},
		}, nil
	},
	refOf: func(body []byte) string {
		var o struct {
			Notes string `json:"notes"`
		}
		json.Unmarshal(body, &o)
		return o.Notes
	},
}

// strictUnmarshal decodes a test's own JSON into a request type; it refuses
// members the type does not know, so that a typo in a path cannot make a test
// pass by sending nothing.
func strictUnmarshal(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("test JSON does not fit the request type: %w", err)
	}
	return nil
}

// sampleJSON returns the wire JSON of the vendor's sample orders, the full
// one first.
func (k *kit) sampleJSON(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	for _, o := range k.samples() {
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// fastRetries keeps every wait of a test short: backoff of at most 5ms, and
// any wait the server asks for capped at 5ms.
var fastRetries = []core.Option{core.WithBackoff(time.Millisecond, 5*time.Millisecond), core.WithMaxRetryWait(5 * time.Millisecond)}

// ownTransport returns a Transport sized like the SDK's own pool, for tests
// that close its idle connections at the end, and the option that uses it.
func ownTransport() (*http.Transport, core.Option) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 64, 64
	return tr, core.WithHTTPClient(&http.Client{Transport: tr})
}

// dialFake builds a client for a running fake.
func (k *kit) dialFake(t testing.TB, srv *fake.Server, opts ...core.Option) *client {
	t.Helper()
	c, err := k.dial(srv.URL(), srv.Credential(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// waitFor polls cond until it holds or d has passed, and reports whether it
// held.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// typedErr reports whether err is one of the SDK's typed errors, and names it.
func typedErr(err error) (string, bool) {
	var (
		ae *apierror.APIError
		de *apierror.DecodeError
		re *apierror.RequestError
		ve *apierror.ValidationError
		rd *apierror.RedirectError
	)
	switch {
	case errors.As(err, &ae):
		return "APIError", true
	case errors.As(err, &de):
		return "DecodeError", true
	case errors.As(err, &re):
		return "RequestError", true
	case errors.As(err, &ve):
		return "ValidationError", true
	case errors.As(err, &rd):
		return "RedirectError", true
	}
	return fmt.Sprintf("%T", err), false
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// pattern is an io.Reader of endless bytes that allocates nothing: a hostile
// server streams it as a body that never ends, or cut to a length with
// io.LimitReader.
type pattern struct{}

// patternBlock is what pattern repeats: JSON-looking text, so that a decoder
// reading it does not stop at the first byte.
var patternBlock = bytes.Repeat([]byte(`{"a":"abcdefghijklmnopqrstuvwxyz",`), 1024)

func (pattern) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], patternBlock)
	}
	return n, nil
}

// hostile is an httptest server that answers every request with the status,
// headers and body it was last given. Set and the call that reads the answer
// must not overlap: the fuzz targets and the tests that use it call one at a
// time.
type hostile struct {
	*httptest.Server
	mu     sync.Mutex
	status int
	header http.Header
	body   func() io.Reader
}

func newHostile(t testing.TB) *hostile {
	t.Helper()
	h := &hostile{status: http.StatusOK, body: func() io.Reader { return strings.NewReader("{}") }}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		h.mu.Lock()
		status, header, body := h.status, h.header, h.body()
		h.mu.Unlock()
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		io.Copy(w, body)
	}))
	t.Cleanup(h.Close)
	return h
}

// answer sets the answer to the next requests.
func (h *hostile) answer(status int, body []byte) {
	h.answerStream(status, nil, func() io.Reader { return bytes.NewReader(body) })
}

func (h *hostile) answerStream(status int, header http.Header, body func() io.Reader) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.status, h.header, h.body = status, header, body
}

// dialHostile builds a client for h that makes one attempt per call.
func (k *kit) dialHostile(t testing.TB, h *hostile, opts ...core.Option) *client {
	t.Helper()
	tr, with := ownTransport()
	t.Cleanup(tr.CloseIdleConnections)
	c, err := k.dial(h.URL, k.credential, append([]core.Option{with, core.WithMaxRetries(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkAnswer sends an order to h, which answers status and body, and checks
// that the call gives a result or a typed error that fits the status, and
// never panics. It returns the error.
func checkAnswer(t testing.TB, c *client, h *hostile, status int, body []byte) error {
	t.Helper()
	h.answer(status, body)
	// The server answers at once: a call still running after this is stuck.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := c.create(ctx, "hostile")
	if ctx.Err() != nil {
		t.Fatalf("the call did not return within 5s of a %d answer: %v", status, err)
	}
	checkOutcome(t, status, res, err)
	return err
}

func checkOutcome(t testing.TB, status int, res created, err error) {
	t.Helper()
	success := status >= 200 && status <= 299
	if err == nil {
		if !success {
			t.Fatalf("a %d answer gave a result: %+v", status, res.value)
		}
		if reflect.ValueOf(res.value).IsNil() {
			t.Fatalf("a %d answer gave neither a result nor an error", status)
		}
		return
	}
	// Rendering the error must not panic either.
	_ = fmt.Sprintf("%v %+v %#v %s", err, err, err, err.Error())
	var ae *apierror.APIError
	var de *apierror.DecodeError
	switch {
	case errors.As(err, &ae):
		if ae.StatusCode != status {
			t.Fatalf("APIError.StatusCode = %d for a %d answer", ae.StatusCode, status)
		}
		if len(ae.Body) > apierror.MaxErrorBody {
			t.Fatalf("APIError.Body holds %d bytes, more than MaxErrorBody", len(ae.Body))
		}
		if !success && errors.Is(err, apierror.ErrServer) != (status >= 500) {
			t.Fatalf("errors.Is(err, ErrServer) = %v for a %d", !(status >= 500), status)
		}
	case errors.As(err, &de) && success:
		if !errors.Is(err, apierror.ErrOutcomeUnknown) {
			t.Fatalf("a DecodeError for a %d answer must match ErrOutcomeUnknown: %v", status, err)
		}
		if len(de.Body) > apierror.MaxErrorBody {
			t.Fatalf("DecodeError.Body holds %d bytes, more than MaxErrorBody", len(de.Body))
		}
	default:
		kind, _ := typedErr(err)
		t.Fatalf("a %d answer gave a %s: %v", status, kind, err)
	}
}
