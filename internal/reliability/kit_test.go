package reliability

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
	"github.com/ordersdk/ordersdk-go/internal/apierror"
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

// This file describes each vendor once, as a kit: its fake, its client and
// where an order carries a reference the fake's ledger shows, behind one face
// the suites share. The vendor packages declare their own Option, CallOption,
// error and Response types, and their fakes their own Fault and ledger
// types; the generated names are the same in every package, so one generic
// adapter per concern (vendorKit, optionSet, fakeStarter, viewOf) maps the
// suites' neutral values to each vendor's, and nothing vendor-specific is
// written twice.

// kit is what the suites need to know about one vendor.
type kit struct {
	// name is the vendor package's name.
	name string
	// credential is the credential the fake accepts by default.
	credential string
	// op is the create operation's path in the vendor's spec.
	op string
	// params are the path parameters of every call unless a test says
	// otherwise; nil for vendors without any.
	params map[string]string
	// successStatus is the status of an order the fake created.
	successStatus int
	// idPath leads, in a success body, to the created order's id, as
	// member names and array indexes.
	idPath []any
	// successFlag is the envelope's member whose false makes a 2xx a
	// failure, or "".
	successFlag string
	// spec returns the vendor's spec, as its fake embeds it.
	spec func() (*openapi3.T, error)
	// samples returns the sample orders of the vendor's test package
	// (<name>test.FullOrder, MinimalOrder, ...), the full one first, as the
	// create call takes them (for konvo, a batch of one).
	samples func() []any
	// request returns a pointer to a new value of the vendor's request
	// type (for konvo, the batch).
	request func() any
	// start starts the vendor's fake, closed when the test ends.
	start func(t testing.TB, c fakeConfig) *fakeServer
	// dial builds a client for the server at baseURL.
	dial func(baseURL, credential string, opts ...option) (*client, error)
	// nilClients returns a nil and a zero (Client{}) client of the vendor.
	nilClients func() map[string]*client
	// view reads an error of the vendor package.
	view func(err error) errView
	// refOf returns the reference an order in the ledger carries.
	refOf func(body []byte) string
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

// option configures a client of any vendor; the kit maps it to the vendor's
// own Option.
type option func(*clientConfig)

// clientConfig is what the options build. A zero field leaves the vendor's
// default.
type clientConfig struct {
	httpClient       *http.Client
	maxRetries       *int
	retryAmbiguous   bool
	maxRetryWait     time.Duration
	maxRateLimitWait *time.Duration
	backoffBase      time.Duration
	backoffCap       time.Duration
	logger           *slog.Logger
	noValidation     bool
	// zeroOption passes the vendor's zero Option, which New refuses.
	zeroOption bool
}

func withHTTPClient(hc *http.Client) option { return func(c *clientConfig) { c.httpClient = hc } }
func withMaxRetries(n int) option           { return func(c *clientConfig) { c.maxRetries = &n } }
func withRetryAmbiguous() option            { return func(c *clientConfig) { c.retryAmbiguous = true } }
func withMaxRetryWait(d time.Duration) option {
	return func(c *clientConfig) { c.maxRetryWait = d }
}
func withMaxRateLimitWait(d time.Duration) option {
	return func(c *clientConfig) { c.maxRateLimitWait = &d }
}
func withBackoff(base, maxWait time.Duration) option {
	return func(c *clientConfig) { c.backoffBase, c.backoffCap = base, maxWait }
}
func withLogger(l *slog.Logger) option { return func(c *clientConfig) { c.logger = l } }
func withoutValidation() option        { return func(c *clientConfig) { c.noValidation = true } }
func withZeroOption() option           { return func(c *clientConfig) { c.zeroOption = true } }

// fastRetries keeps every wait of a test short: backoff of at most 5ms, and
// any wait the server asks for capped at 5ms.
var fastRetries = []option{withBackoff(time.Millisecond, 5*time.Millisecond), withMaxRetryWait(5 * time.Millisecond)}

// callOption configures one call of any vendor.
type callOption func(*callConfig)

type callConfig struct {
	idempotencyKey string
	response       *response
}

// withIdempotencyKey sends key as the call's Idempotency-Key.
func withIdempotencyKey(key string) callOption { return func(c *callConfig) { c.idempotencyKey = key } }

// withResponse stores the call's response metadata (the vendor's
// WithResponseInto) in *r.
func withResponse(r *response) callOption { return func(c *callConfig) { c.response = r } }

// client is one vendor's client behind the common face.
type client struct {
	// sdk is the vendor's *Client, for the tests that print it.
	sdk fmt.Stringer
	// options are the vendor Options it was built with, for the tests that
	// print them.
	options []any
	// create sends the vendor's minimal order carrying ref, with the kit's
	// path parameters.
	create func(ctx context.Context, ref string, opts ...callOption) (created, error)
	// createJSON decodes body (the vendor's wire JSON of a request) into
	// the vendor's request type and sends it with the path parameters
	// params.
	createJSON func(ctx context.Context, params map[string]string, body []byte, opts ...callOption) (created, error)
	// closeIdle is the client's CloseIdleConnections.
	closeIdle func()
}

// created is what a create call returned.
type created struct {
	// value is the vendor's result, such as *konvo.CreateOrdersResult; a
	// typed nil when the call failed.
	value any
	// id is the order id the vendor assigned; ok is false when the result
	// carries none.
	id string
	ok bool
}

// response is a vendor's Response (what WithResponseInto stores), read
// through fields of the same names.
type response struct {
	StatusCode int
	Header     http.Header
	RequestID  string
	Attempts   []attemptView
	Body       []byte
	Drift      []driftView
	// raw is the vendor's Response itself, for the tests that print it.
	raw any
}

type attemptView struct {
	StatusCode     int
	Failure        string
	Sent           bool
	Verdict        string
	Duration, Wait time.Duration
}

type driftView struct{ Path, Problem string }

// optionSet is a vendor package's option constructors: O is its Option, CO
// its CallOption and R its Response.
type optionSet[O, CO, R any] struct {
	WithBaseURL          func(string) O
	WithHTTPClient       func(*http.Client) O
	WithMaxRetries       func(int) O
	WithRetryAmbiguous   func() O
	WithMaxRetryWait     func(time.Duration) O
	WithMaxRateLimitWait func(time.Duration) O
	WithBackoff          func(base, maxWait time.Duration) O
	WithLogger           func(*slog.Logger) O
	WithoutValidation    func() O
	WithIdempotencyKey   func(string) CO
	WithResponseInto     func(*R) CO
}

// client maps the neutral options to the vendor's, base URL first.
func (s optionSet[O, CO, R]) client(baseURL string, opts []option) []O {
	var c clientConfig
	for _, o := range opts {
		o(&c)
	}
	out := []O{s.WithBaseURL(baseURL)}
	add := func(ok bool, o func() O) {
		if ok {
			out = append(out, o())
		}
	}
	add(c.httpClient != nil, func() O { return s.WithHTTPClient(c.httpClient) })
	add(c.maxRetries != nil, func() O { return s.WithMaxRetries(*c.maxRetries) })
	add(c.retryAmbiguous, s.WithRetryAmbiguous)
	add(c.maxRetryWait != 0, func() O { return s.WithMaxRetryWait(c.maxRetryWait) })
	add(c.maxRateLimitWait != nil, func() O { return s.WithMaxRateLimitWait(*c.maxRateLimitWait) })
	add(c.backoffBase != 0, func() O { return s.WithBackoff(c.backoffBase, c.backoffCap) })
	add(c.logger != nil, func() O { return s.WithLogger(c.logger) })
	add(c.noValidation, s.WithoutValidation)
	add(c.zeroOption, func() O { var zero O; return zero })
	return out
}

// vendorKit binds a vendor package to the common client face: C is its
// Client, Req and Res the create call's request and result, O, CO and R its
// Option, CallOption and Response.
type vendorKit[C, Req, Res, O, CO, R any] struct {
	newClient func(credential string, opts ...O) (*C, error)
	options   optionSet[O, CO, R]
	// order returns the vendor's minimal order carrying ref where the
	// ledger shows it (kit.refOf).
	order func(ref string) Req
	// send calls c's create method.
	send func(ctx context.Context, c *C, params map[string]string, req Req, opts ...CO) (*Res, error)
	// id returns the created order's id in res, or nil.
	id func(res *Res) *string
}

// install fills in k's client functions and returns k.
func (v vendorKit[C, Req, Res, O, CO, R]) install(k *kit) *kit {
	k.request = func() any { return new(Req) }
	k.dial = func(baseURL, credential string, opts ...option) (*client, error) {
		vopts := v.options.client(baseURL, opts)
		c, err := v.newClient(credential, vopts...)
		if err != nil {
			return nil, err
		}
		return v.wrap(c, k.params, vopts), nil
	}
	k.nilClients = func() map[string]*client {
		return map[string]*client{"nil": v.wrap(nil, k.params, nil), "zero": v.wrap(new(C), k.params, nil)}
	}
	return k
}

// wrap puts c behind the common face.
func (v vendorKit[C, Req, Res, O, CO, R]) wrap(c *C, params map[string]string, opts []O) *client {
	send := func(ctx context.Context, p map[string]string, req Req, co []callOption) (created, error) {
		var cfg callConfig
		for _, o := range co {
			o(&cfg)
		}
		var vopts []CO
		if cfg.idempotencyKey != "" {
			vopts = append(vopts, v.options.WithIdempotencyKey(cfg.idempotencyKey))
		}
		var resp R
		if cfg.response != nil {
			vopts = append(vopts, v.options.WithResponseInto(&resp))
		}
		res, err := v.send(ctx, c, p, req, vopts...)
		if cfg.response != nil {
			*cfg.response = reshape[response](resp)
			cfg.response.raw = resp
		}
		out := created{value: res}
		if res != nil {
			if id := v.id(res); id != nil && *id != "" {
				out.id, out.ok = *id, true
			}
		}
		return out, err
	}
	printable := make([]any, len(opts))
	for i, o := range opts {
		printable[i] = o
	}
	return &client{
		sdk:     any(c).(fmt.Stringer),
		options: printable,
		create: func(ctx context.Context, ref string, co ...callOption) (created, error) {
			return send(ctx, params, v.order(ref), co)
		},
		createJSON: func(ctx context.Context, p map[string]string, body []byte, co ...callOption) (created, error) {
			var req Req
			if err := strictUnmarshal(body, &req); err != nil {
				return created{}, err
			}
			return send(ctx, p, req, co)
		},
		closeIdle: any(c).(interface{ CloseIdleConnections() }).CloseIdleConnections,
	}
}

// errView is an error of a vendor package, read through views of its typed
// errors, each set when errors.As finds that type in the chain.
type errView struct {
	err        error
	api        *apiErrorView
	decode     *decodeErrorView
	request    *requestErrorView
	redirect   *redirectErrorView
	validation *validationErrorView
	// internal names a type of internal/apierror that errors.As finds in
	// the chain: users must only ever meet the vendor's own types.
	internal string
}

type apiErrorView struct {
	Vendor        string
	StatusCode    int
	Code, Message string
	FieldErrors   []struct{ Field, Message string }
	RequestID     string
	RetryAfter    time.Duration
	Body          []byte
	BodyTruncated bool
	Ambiguous     bool
}

type decodeErrorView struct {
	Vendor     string
	StatusCode int
	Body       []byte
	Err        error
}

type requestErrorView struct {
	Vendor, Method, URL string
	Sent                bool
	Err                 error
}

type redirectErrorView struct {
	StatusCode       int
	From, To, Reason string
}

type validationErrorView struct {
	Vendor     string
	Violations []struct{ Path, Rule, Message string }
}

// kind names the outermost typed error, or the error's Go type when it is
// none of them.
func (v errView) kind() string {
	switch {
	case v.api != nil:
		return "APIError"
	case v.decode != nil:
		return "DecodeError"
	case v.request != nil:
		return "RequestError"
	case v.validation != nil:
		return "ValidationError"
	case v.redirect != nil:
		return "RedirectError"
	}
	return fmt.Sprintf("%T", v.err)
}

// typed reports whether the error is one of the vendor's typed errors.
func (v errView) typed() bool {
	return v.api != nil || v.decode != nil || v.request != nil || v.validation != nil || v.redirect != nil
}

// unknown reports whether the error matches ErrOutcomeUnknown. The vendor
// packages' sentinels are apierror's values.
func (v errView) unknown() bool { return errors.Is(v.err, apierror.ErrOutcomeUnknown) }

// viewOf reads an error of the vendor package whose typed errors are AE, DE,
// RE, VE and RD.
func viewOf[AE, DE, RE, VE, RD any](err error) errView {
	v := errView{err: err}
	if err == nil {
		return v
	}
	if e, ok := as[AE](err); ok {
		v.api = ptr(reshape[apiErrorView](e))
	}
	if e, ok := as[DE](err); ok {
		v.decode = ptr(reshape[decodeErrorView](e))
	}
	if e, ok := as[RE](err); ok {
		v.request = ptr(reshape[requestErrorView](e))
	}
	if e, ok := as[VE](err); ok {
		v.validation = ptr(reshape[validationErrorView](e))
	}
	if e, ok := as[RD](err); ok {
		v.redirect = ptr(reshape[redirectErrorView](e))
	}
	for name, ok := range map[string]bool{
		"*apierror.APIError":        has[apierror.APIError](err),
		"*apierror.DecodeError":     has[apierror.DecodeError](err),
		"*apierror.RequestError":    has[apierror.RequestError](err),
		"*apierror.ValidationError": has[apierror.ValidationError](err),
		"*apierror.RedirectError":   has[apierror.RedirectError](err),
	} {
		if ok {
			v.internal = name
		}
	}
	return v
}

// as is errors.As for the error type *E.
func as[E any](err error) (*E, bool) {
	var target *E
	// As an any: vet cannot see that *E implements error for every E used.
	ok := errors.As(err, any(&target))
	return target, ok
}

func has[E any](err error) bool {
	_, ok := as[E](err)
	return ok
}

// reshape copies src, a vendor's struct or a pointer to one, into a T whose
// exported fields have the same names; slices of structs are copied element
// by element. A field of T that src lacks is a mistake in the test, and
// panics.
func reshape[T any](src any) T {
	var out T
	copyInto(reflect.ValueOf(&out).Elem(), reflect.Indirect(reflect.ValueOf(src)))
	return out
}

func copyInto(dst, src reflect.Value) {
	switch {
	case !src.IsValid():
		return
	case src.Type().ConvertibleTo(dst.Type()):
		dst.Set(src.Convert(dst.Type()))
	case dst.Kind() == reflect.Struct:
		for i := range dst.NumField() {
			f := dst.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			from := src.FieldByName(f.Name)
			if !from.IsValid() {
				panic(fmt.Sprintf("reshape: %s has no field %s", src.Type(), f.Name))
			}
			copyInto(dst.Field(i), from)
		}
	case dst.Kind() == reflect.Slice && src.Kind() == reflect.Slice:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.MakeSlice(dst.Type(), src.Len(), src.Len()))
		for i := range src.Len() {
			copyInto(dst.Index(i), src.Index(i))
		}
	default:
		panic(fmt.Sprintf("reshape: cannot copy %s into %s", src.Type(), dst.Type()))
	}
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
	// tls serves HTTPS, with HTTP/2 and HTTP/1.1 offered by ALPN.
	tls bool
}

// fakeServer is a vendor's fake behind the common face, with the fake
// engine's Fault, Request and Order.
type fakeServer struct {
	fakeBase
	tls          bool
	inject       func(...fake.Fault)
	setFaultFunc func(func(n int) *fake.Fault)
	received     func() []fake.Request
	ledger       func() []fake.Order
}

// fakeBase is what every vendor's fake has in the same types.
type fakeBase interface {
	URL() string
	Credential() string
	Close()
	Requests() int
	ConnsAccepted() int
	OpenConns() int
	HTTPClient() *http.Client
	HTTP1Client() *http.Client
}

// Inject queues faults for the next requests, one each, in order.
func (s *fakeServer) Inject(faults ...fake.Fault) { s.inject(faults...) }

// SetFaultFunc sets the function asked for a fault for every request once
// the queue is empty; nil removes it.
func (s *fakeServer) SetFaultFunc(f func(n int) *fake.Fault) { s.setFaultFunc(f) }

// Received returns the requests received, in order.
func (s *fakeServer) Received() []fake.Request { return s.received() }

// Ledger returns every order created, in order.
func (s *fakeServer) Ledger() []fake.Order { return s.ledger() }

// always makes the fake answer every request with f until told otherwise.
func (s *fakeServer) always(f fake.Fault) {
	s.SetFaultFunc(func(int) *fake.Fault { return &f })
}

// vendorFake is a vendor's generated fake server, whose Fault, LedgerEntry
// and Request are F, L and Q.
type vendorFake[F, L, Q any] interface {
	fakeBase
	Inject(...F)
	SetFaultFunc(func(n int) *F)
	Received() []Q
	Ledger() []L
}

// The vendors' Fault, LedgerEntry and Request are defined types of the fake
// engine's structs; these constraints let fakeStarter convert between them.
// A field added to the engine's types breaks the build here, not a test.
type (
	faultShape interface {
		~struct {
			Status           int
			Header           http.Header
			Body             []byte
			RecordOrder      bool
			Delay            time.Duration
			CloseBeforeBody  bool
			CloseAfterRecord bool
			ResetStream      bool
			HangAfterRecord  bool
			Raw              []byte
		}
	}
	ledgerShape interface {
		~struct {
			ID             string
			Body           json.RawMessage
			IdempotencyKey string
		}
	}
	requestShape interface {
		~struct {
			Method, Path, RawPath string
			Header                http.Header
			PathParams            map[string]string
			Body                  []byte
		}
	}
)

// fakeOptions is a vendor fake's option constructors.
type fakeOptions[FO any] struct {
	withCredential  func(string) FO
	withIdempotency func() FO
	withRateLimit   func(int, time.Duration) FO
	withTLS         func() FO
}

// fakeStarter returns the kit's start function for a vendor's fake.
func fakeStarter[FO any, F faultShape, L ledgerShape, Q requestShape, S vendorFake[F, L, Q]](
	newServer func(testing.TB, ...FO) S, o fakeOptions[FO]) func(testing.TB, fakeConfig) *fakeServer {
	return func(t testing.TB, c fakeConfig) *fakeServer {
		var opts []FO
		if c.credential != "" {
			opts = append(opts, o.withCredential(c.credential))
		}
		if c.idempotent {
			opts = append(opts, o.withIdempotency())
		}
		if c.rateLimit > 0 {
			opts = append(opts, o.withRateLimit(c.rateLimit, c.window))
		}
		if c.tls {
			opts = append(opts, o.withTLS())
		}
		s := newServer(t, opts...)
		return &fakeServer{
			fakeBase: s,
			tls:      c.tls,
			inject: func(faults ...fake.Fault) {
				out := make([]F, len(faults))
				for i, f := range faults {
					out[i] = F(f)
				}
				s.Inject(out...)
			},
			setFaultFunc: func(f func(int) *fake.Fault) {
				if f == nil {
					s.SetFaultFunc(nil)
					return
				}
				s.SetFaultFunc(func(n int) *F {
					if got := f(n); got != nil {
						v := F(*got)
						return &v
					}
					return nil
				})
			},
			received: func() []fake.Request {
				in := s.Received()
				out := make([]fake.Request, len(in))
				for i, r := range in {
					out[i] = fake.Request(r)
				}
				return out
			},
			ledger: func() []fake.Order {
				in := s.Ledger()
				out := make([]fake.Order, len(in))
				for i, o := range in {
					out[i] = fake.Order(o)
				}
				return out
			},
		}
	}
}

func ptr[T any](v T) *T { return &v }

// refField returns a kit's refOf: the ledger's order body decoded into a T,
// whose reference get reads.
func refField[T any](get func(T) string) func([]byte) string {
	return func(body []byte) string {
		var v T
		json.Unmarshal(body, &v)
		return get(v)
	}
}

var konvoKit = vendorKit[konvo.Client, []konvo.OrderInput, konvo.CreateOrdersResult, konvo.Option, konvo.CallOption, konvo.Response]{
	newClient: konvo.New,
	options: optionSet[konvo.Option, konvo.CallOption, konvo.Response]{
		konvo.WithBaseURL, konvo.WithHTTPClient, konvo.WithMaxRetries, konvo.WithRetryAmbiguous, konvo.WithMaxRetryWait,
		konvo.WithMaxRateLimitWait, konvo.WithBackoff, konvo.WithLogger, konvo.WithoutValidation,
		konvo.WithIdempotencyKey, konvo.WithResponseInto},
	order: func(ref string) []konvo.OrderInput {
		o := konvotest.MinimalOrder()
		o.ID = ref
		return []konvo.OrderInput{o}
	},
	send: func(ctx context.Context, c *konvo.Client, _ map[string]string, req []konvo.OrderInput, opts ...konvo.CallOption) (*konvo.CreateOrdersResult, error) {
		return c.CreateOrders(ctx, req, opts...)
	},
	id: func(r *konvo.CreateOrdersResult) *string {
		if len(r.Result) == 0 {
			return nil
		}
		return r.Result[0].ID
	},
}.install(&kit{
	name:          "konvo",
	credential:    konvotest.APIKey,
	op:            "/orders",
	successStatus: http.StatusCreated,
	idPath:        []any{"result", 0, "id"},
	spec:          konvotest.GetSpec,
	samples: func() []any {
		return []any{[]konvo.OrderInput{konvotest.FullOrder()}, []konvo.OrderInput{konvotest.MinimalOrder()}}
	},
	start: fakeStarter[konvotest.Option, konvotest.Fault, konvotest.LedgerEntry, konvotest.Request](konvotest.NewServer,
		fakeOptions[konvotest.Option]{konvotest.WithAPIKey, konvotest.WithIdempotency, konvotest.WithRateLimit, konvotest.WithTLS}),
	view:  viewOf[konvo.APIError, konvo.DecodeError, konvo.RequestError, konvo.ValidationError, konvo.RedirectError],
	refOf: refField(func(o struct{ ID string }) string { return o.ID }),
})

const komerzaStore = "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"

var komerzaKit = vendorKit[komerza.Client, komerza.CreateOrderRequest, komerza.Order, komerza.Option, komerza.CallOption, komerza.Response]{
	newClient: komerza.New,
	options: optionSet[komerza.Option, komerza.CallOption, komerza.Response]{
		komerza.WithBaseURL, komerza.WithHTTPClient, komerza.WithMaxRetries, komerza.WithRetryAmbiguous, komerza.WithMaxRetryWait,
		komerza.WithMaxRateLimitWait, komerza.WithBackoff, komerza.WithLogger, komerza.WithoutValidation,
		komerza.WithIdempotencyKey, komerza.WithResponseInto},
	order: func(ref string) komerza.CreateOrderRequest {
		o := komerzatest.MinimalOrder()
		o.Metadata = komerza.Metadata{"ref": ref}
		return o
	},
	send: func(ctx context.Context, c *komerza.Client, p map[string]string, req komerza.CreateOrderRequest, opts ...komerza.CallOption) (*komerza.Order, error) {
		return c.CreateOrder(ctx, p["storeId"], req, opts...)
	},
	id: func(o *komerza.Order) *string { return o.ID },
}.install(&kit{
	name:          "komerza",
	credential:    komerzatest.APIKey,
	op:            "/stores/{storeId}/orders",
	params:        map[string]string{"storeId": komerzaStore},
	successStatus: http.StatusOK,
	idPath:        []any{"data", "id"},
	successFlag:   "success",
	spec:          komerzatest.GetSpec,
	samples: func() []any {
		return []any{komerzatest.FullOrder(), komerzatest.MinimalOrder(), komerzatest.MinimalCostOrder()}
	},
	start: fakeStarter[komerzatest.Option, komerzatest.Fault, komerzatest.LedgerEntry, komerzatest.Request](komerzatest.NewServer,
		fakeOptions[komerzatest.Option]{komerzatest.WithAPIKey, komerzatest.WithIdempotency, komerzatest.WithRateLimit, komerzatest.WithTLS}),
	view: viewOf[komerza.APIError, komerza.DecodeError, komerza.RequestError, komerza.ValidationError, komerza.RedirectError],
	refOf: refField(func(o struct{ Metadata map[string]string }) string {
		return o.Metadata["ref"]
	}),
})

var joiordersKit = vendorKit[joiorders.Client, joiorders.CreateOrderRequest, joiorders.Order, joiorders.Option, joiorders.CallOption, joiorders.Response]{
	newClient: joiorders.New,
	options: optionSet[joiorders.Option, joiorders.CallOption, joiorders.Response]{
		joiorders.WithBaseURL, joiorders.WithHTTPClient, joiorders.WithMaxRetries, joiorders.WithRetryAmbiguous, joiorders.WithMaxRetryWait,
		joiorders.WithMaxRateLimitWait, joiorders.WithBackoff, joiorders.WithLogger, joiorders.WithoutValidation,
		joiorders.WithIdempotencyKey, joiorders.WithResponseInto},
	order: func(ref string) joiorders.CreateOrderRequest {
		o := joiorderstest.MinimalOrder()
		o.MetaFields = []joiorders.OrderMetaField{{Label: ptr("ref"), Value: ptr(ref)}}
		return o
	},
	send: func(ctx context.Context, c *joiorders.Client, _ map[string]string, req joiorders.CreateOrderRequest, opts ...joiorders.CallOption) (*joiorders.Order, error) {
		return c.CreateOrder(ctx, req, opts...)
	},
	id: func(o *joiorders.Order) *string { return o.ID },
}.install(&kit{
	name:          "joiorders",
	credential:    joiorderstest.AccessToken,
	op:            "/orders",
	successStatus: http.StatusOK,
	idPath:        []any{"data", "id"},
	successFlag:   "success",
	spec:          joiorderstest.GetSpec,
	samples:       func() []any { return []any{joiorderstest.FullOrder(), joiorderstest.MinimalOrder()} },
	start: fakeStarter[joiorderstest.Option, joiorderstest.Fault, joiorderstest.LedgerEntry, joiorderstest.Request](joiorderstest.NewServer,
		fakeOptions[joiorderstest.Option]{joiorderstest.WithAccessToken, joiorderstest.WithIdempotency, joiorderstest.WithRateLimit, joiorderstest.WithTLS}),
	view: viewOf[joiorders.APIError, joiorders.DecodeError, joiorders.RequestError, joiorders.ValidationError, joiorders.RedirectError],
	refOf: refField(func(o struct{ MetaFields []struct{ Value string } }) string {
		if len(o.MetaFields) == 0 {
			return ""
		}
		return o.MetaFields[0].Value
	}),
})

var slugordersKit = vendorKit[slugorders.Client, slugorders.CreateOrderRequest, slugorders.CreateOrderResult, slugorders.Option, slugorders.CallOption, slugorders.Response]{
	newClient: slugorders.New,
	options: optionSet[slugorders.Option, slugorders.CallOption, slugorders.Response]{
		slugorders.WithBaseURL, slugorders.WithHTTPClient, slugorders.WithMaxRetries, slugorders.WithRetryAmbiguous, slugorders.WithMaxRetryWait,
		slugorders.WithMaxRateLimitWait, slugorders.WithBackoff, slugorders.WithLogger, slugorders.WithoutValidation,
		slugorders.WithIdempotencyKey, slugorders.WithResponseInto},
	order: func(ref string) slugorders.CreateOrderRequest {
		o := slugorderstest.MinimalOrder()
		o.Reference = ref
		return o
	},
	send: func(ctx context.Context, c *slugorders.Client, p map[string]string, req slugorders.CreateOrderRequest, opts ...slugorders.CallOption) (*slugorders.CreateOrderResult, error) {
		return c.CreateOrder(ctx, p["team_slug"], p["app_slug"], req, opts...)
	},
	id: func(r *slugorders.CreateOrderResult) *string {
		if r.Order == nil {
			return nil
		}
		return r.Order.ID
	},
}.install(&kit{
	name:          "slugorders",
	credential:    slugorderstest.Token,
	op:            "/api/v1/{team_slug}/{app_slug}/orders",
	params:        map[string]string{"team_slug": "acme", "app_slug": "webshop"},
	successStatus: http.StatusCreated,
	idPath:        []any{"data", "id"},
	successFlag:   "success",
	spec:          slugorderstest.GetSpec,
	samples:       func() []any { return []any{slugorderstest.FullOrder(), slugorderstest.MinimalOrder()} },
	start: fakeStarter[slugorderstest.Option, slugorderstest.Fault, slugorderstest.LedgerEntry, slugorderstest.Request](slugorderstest.NewServer,
		fakeOptions[slugorderstest.Option]{slugorderstest.WithToken, slugorderstest.WithIdempotency, slugorderstest.WithRateLimit, slugorderstest.WithTLS}),
	view:  viewOf[slugorders.APIError, slugorders.DecodeError, slugorders.RequestError, slugorders.ValidationError, slugorders.RedirectError],
	refOf: refField(func(o struct{ Reference string }) string { return o.Reference }),
})

var bitbybitKit = vendorKit[bitbybit.Client, bitbybit.CreateOrderRequest, bitbybit.Order, bitbybit.Option, bitbybit.CallOption, bitbybit.Response]{
	newClient: bitbybit.New,
	options: optionSet[bitbybit.Option, bitbybit.CallOption, bitbybit.Response]{
		bitbybit.WithBaseURL, bitbybit.WithHTTPClient, bitbybit.WithMaxRetries, bitbybit.WithRetryAmbiguous, bitbybit.WithMaxRetryWait,
		bitbybit.WithMaxRateLimitWait, bitbybit.WithBackoff, bitbybit.WithLogger, bitbybit.WithoutValidation,
		bitbybit.WithIdempotencyKey, bitbybit.WithResponseInto},
	order: func(ref string) bitbybit.CreateOrderRequest {
		o := bitbybittest.MinimalOrder()
		o.Notes = ptr(ref)
		return o
	},
	send: func(ctx context.Context, c *bitbybit.Client, _ map[string]string, req bitbybit.CreateOrderRequest, opts ...bitbybit.CallOption) (*bitbybit.Order, error) {
		return c.CreateOrder(ctx, req, opts...)
	},
	id: func(o *bitbybit.Order) *string { return o.ID },
}.install(&kit{
	name:          "bitbybit",
	credential:    bitbybittest.APIKey,
	op:            "/orders",
	successStatus: http.StatusCreated,
	idPath:        []any{"data", "id"},
	spec:          bitbybittest.GetSpec,
	samples:       func() []any { return []any{bitbybittest.FullOrder(), bitbybittest.MinimalOrder()} },
	start: fakeStarter[bitbybittest.Option, bitbybittest.Fault, bitbybittest.LedgerEntry, bitbybittest.Request](bitbybittest.NewServer,
		fakeOptions[bitbybittest.Option]{bitbybittest.WithAPIKey, bitbybittest.WithIdempotency, bitbybittest.WithRateLimit, bitbybittest.WithTLS}),
	view:  viewOf[bitbybit.APIError, bitbybit.DecodeError, bitbybit.RequestError, bitbybit.ValidationError, bitbybit.RedirectError],
	refOf: refField(func(o struct{ Notes string }) string { return o.Notes }),
})
