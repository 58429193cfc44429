//go:build contract

package contracttest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go"
)

// credential is what every client authenticates with: Prism checks only that
// the auth header is present.
const credential = "contract-test-credential"

// callTimeout bounds one client call against a local mock.
const callTimeout = 30 * time.Second

// modeEnv says how .ci/contract/run started the mocks; it is unset when the
// tests run by hand.
const modeEnv = "ORDERSDK_PRISM_MODE"

type mode string

const (
	// static mocks answer with the spec's examples, or fixed placeholders: a
	// valid request must succeed and decode.
	static mode = "static"
	// dynamic mocks answer with generated bodies (extra members, nulls): a
	// valid request must decode or give a typed error, never a panic.
	dynamic mode = "dynamic"
)

// prism returns the mock's base URL for vendor and the mode it runs in. It
// skips the test when the vendor's variable is unset and the tests run by
// hand, and fails it when .ci/contract/run started the mocks (ORDERSDK_PRISM_MODE
// is set), because a missing mock must not pass as a skip there.
func prism(t *testing.T, vendor string) (string, mode) {
	t.Helper()
	name := "ORDERSDK_PRISM_" + strings.ToUpper(vendor)
	raw := os.Getenv(modeEnv)
	base := os.Getenv(name)
	if base == "" {
		if raw != "" {
			t.Fatalf("%s is not set although %s=%s: the Prism mock for %s was not started "+
				"(is specs/%s.yaml missing? see the warnings of .ci/contract/prism)", name, modeEnv, raw, vendor, vendor)
		}
		t.Skipf("%s is not set: no Prism mock for %s; run `bash .ci/contract/run` "+
			"(or set %s and %s from `bash .ci/contract/prism env`)", name, vendor, name, modeEnv)
	}
	switch m := mode(raw); m {
	case static, dynamic:
		return base, m
	case "":
		// Variables set by hand without a mode: hold the mock to the strict,
		// static expectations.
		return base, static
	default:
		t.Fatalf("%s=%q: want static or dynamic", modeEnv, raw)
		return "", ""
	}
}

// exchange is one request the recorder passed to Prism and its response.
type exchange struct {
	method, path string
	reqBody      []byte
	status       int
	violations   string // the sl-violations response header
	respBody     []byte
	err          error
}

// recorder is the Transport of the http.Client handed to a vendor client. It
// sits beneath the SDK's own transport, so it sees each attempt exactly as it
// goes on the wire, and keeps every request and response for the checks and
// the failure messages.
type recorder struct {
	base *http.Transport
	mu   sync.Mutex
	log  []exchange
}

func newRecorder(t *testing.T) *recorder {
	r := &recorder{base: http.DefaultTransport.(*http.Transport).Clone()}
	t.Cleanup(r.base.CloseIdleConnections)
	return r
}

// client is the http.Client to pass to WithHTTPClient.
func (r *recorder) client() *http.Client {
	return &http.Client{Transport: r, Timeout: callTimeout}
}

// RoundTrip implements http.RoundTripper.
func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	ex := exchange{method: req.Method, path: req.URL.RequestURI()}
	if req.Body != nil && req.Body != http.NoBody {
		if req.GetBody != nil {
			if rc, err := req.GetBody(); err == nil {
				ex.reqBody, _ = io.ReadAll(rc)
				rc.Close()
			}
		} else {
			b, err := io.ReadAll(req.Body)
			req.Body.Close()
			if err != nil {
				return nil, err
			}
			ex.reqBody = b
			req.Body = io.NopCloser(bytes.NewReader(b))
		}
	}
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		ex.err = err
	} else {
		ex.status = resp.StatusCode
		ex.violations = resp.Header.Get("sl-violations")
		b, rerr := io.ReadAll(resp.Body)
		resp.Body.Close()
		ex.respBody = b
		resp.Body = io.NopCloser(bytes.NewReader(b))
		if rerr != nil {
			ex.err = rerr
			resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b), errReader{rerr}))
		}
	}
	r.mu.Lock()
	r.log = append(r.log, ex)
	r.mu.Unlock()
	return resp, err
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// count is how many requests reached the transport, retries included.
func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.log)
}

// last is the most recent exchange; ok is false when nothing was sent.
func (r *recorder) last() (ex exchange, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.log) == 0 {
		return exchange{}, false
	}
	return r.log[len(r.log)-1], true
}

// describe renders the last exchange for a failure message: the status, Prism's
// violations and the start of the response body.
func (r *recorder) describe() string {
	ex, ok := r.last()
	if !ok {
		return "nothing was sent to Prism"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "last exchange: %s %s", ex.method, ex.path)
	if ex.err != nil {
		fmt.Fprintf(&b, " -> transport error: %v", ex.err)
		return b.String()
	}
	fmt.Fprintf(&b, " -> HTTP %d", ex.status)
	if ex.violations != "" {
		fmt.Fprintf(&b, "\nPrism's sl-violations:\n%s", formatViolations(ex.violations))
	}
	fmt.Fprintf(&b, "\nresponse body: %s", truncate(ex.respBody, 1500))
	return b.String()
}

func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return fmt.Sprintf("%s... (%d bytes)", b[:n], len(b))
}

// prismViolation is one entry of Prism's sl-violations header.
type prismViolation struct {
	Location []string `json:"location"`
	Severity string   `json:"severity"`
	Code     any      `json:"code"` // a string such as "minItems"; numbers appear for some checks
	Message  string   `json:"message"`
}

func parseViolations(header string) ([]prismViolation, error) {
	var vs []prismViolation
	err := json.Unmarshal([]byte(header), &vs)
	return vs, err
}

// formatViolations renders the header one violation a line; the raw header
// when it does not parse.
func formatViolations(header string) string {
	vs, err := parseViolations(header)
	if err != nil || len(vs) == 0 {
		return "  " + header
	}
	lines := make([]string, len(vs))
	for i, v := range vs {
		lines[i] = fmt.Sprintf("  - %s [%s] %v: %s", strings.Join(v.Location, "."), v.Severity, v.Code, v.Message)
	}
	return strings.Join(lines, "\n")
}

// call runs fn, the client call, and turns a panic into a test failure with
// its stack, so that one panicking client does not end the whole run.
func call(t *testing.T, fn func(ctx context.Context) error) (err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), callTimeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("the client panicked: %v\n%s", p, debug.Stack())
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return fn(ctx)
}

// errorTypes is what the checks read of one vendor package's errors: each
// package declares its own *APIError, *DecodeError, *ValidationError and
// *RequestError.
type errorTypes struct {
	// kind names the SDK error type in err's chain ("*konvo.APIError"), or
	// is "" when err holds none of the four a create call may return.
	kind func(err error) string
	// apiStatus returns the status of the *APIError in err's chain.
	apiStatus func(err error) (status int, ok bool)
	// violationRules returns the rules of the *ValidationError in err's
	// chain, one per violation.
	violationRules func(err error) (rules []string, ok bool)
}

// errorsOf returns the errorTypes of a vendor package whose error types are
// A (*APIError), D (*DecodeError), V (*ValidationError) and R
// (*RequestError), given how to read A's status and V's rules.
func errorsOf[A, D, V, R error](status func(A) int, rules func(V) []string) errorTypes {
	return errorTypes{
		kind: func(err error) string {
			for _, name := range []string{kindOf[A](err), kindOf[D](err), kindOf[V](err), kindOf[R](err)} {
				if name != "" {
					return name
				}
			}
			return ""
		},
		apiStatus: func(err error) (int, bool) {
			e, ok := as[A](err)
			if !ok {
				return 0, false
			}
			return status(e), true
		},
		violationRules: func(err error) ([]string, bool) {
			e, ok := as[V](err)
			if !ok {
				return nil, false
			}
			return rules(e), true
		},
	}
}

// as returns the first error of type T in err's chain.
func as[T error](err error) (T, bool) {
	var target T
	ok := errors.As(err, &target)
	return target, ok
}

// kindOf names the type T when err's chain holds one, else returns "".
func kindOf[T error](err error) string {
	if _, ok := as[T](err); !ok {
		return ""
	}
	var zero T
	return fmt.Sprintf("%T", zero)
}

// violation has the fields of every vendor package's Violation.
type violation struct{ Path, Rule, Message string }

// rulesOf returns the rule of each of a vendor's violations.
func rulesOf[V ~struct{ Path, Rule, Message string }](vs []V) []string {
	rules := make([]string, len(vs))
	for i, v := range vs {
		rules[i] = violation(v).Rule
	}
	return rules
}

// checkWire compares the body of the last request with the vendor's golden
// file, so the orders built here stay the ones the unit tests pin.
func checkWire(t *testing.T, rec *recorder, vendor, golden string) {
	t.Helper()
	ex, ok := rec.last()
	if !ok {
		t.Errorf("nothing was sent to Prism")
		return
	}
	want, err := os.ReadFile(filepath.Join("..", "..", vendor, "testdata", golden))
	if err != nil {
		t.Errorf("golden file: %v", err)
		return
	}
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Errorf("%s/testdata/%s: %v", vendor, golden, err)
		return
	}
	if err := json.Unmarshal(ex.reqBody, &g); err != nil {
		t.Errorf("request body is not JSON: %v: %s", err, truncate(ex.reqBody, 500))
		return
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("the order sent differs from %s/testdata/%s (-golden +sent):\n%s", vendor, golden, diff)
	}
}

// checkCreate judges a create call with a valid order. A request Prism
// rejected (an sl-violations header) fails in both modes, with the
// violations. In static mode the call must succeed and result must accept the
// decoded value; in dynamic mode it must succeed or return one of the SDK's
// typed errors, and a success must still carry a result.
func checkCreate(t *testing.T, m mode, rec *recorder, errs errorTypes, err error, result func(m mode) error) {
	t.Helper()
	ex, sent := rec.last()
	if sent && ex.violations != "" {
		t.Errorf("Prism rejected the request as breaking the spec (HTTP %d); sl-violations:\n%s\nclient error: %v",
			ex.status, formatViolations(ex.violations), err)
		return
	}
	if err != nil {
		kind := errs.kind(err)
		switch {
		case kind == "":
			t.Errorf("%s mode: untyped error %T: %v\n%s", m, err, err, rec.describe())
		case m == static:
			t.Errorf("static mode: want success, got %s: %v\n%s", kind, err, rec.describe())
		default:
			t.Logf("dynamic mode: typed %s (allowed): %v", kind, err)
		}
		return
	}
	if !sent {
		t.Errorf("the call succeeded without sending anything")
		return
	}
	if ex.status < 200 || ex.status > 299 {
		t.Errorf("the call succeeded on HTTP %d", ex.status)
	}
	if rerr := result(m); rerr != nil {
		t.Errorf("%s mode: decoded result: %v\n%s", m, rerr, rec.describe())
	}
}

// checkRejectedByPrism: with validation off, the invalid order reached Prism
// once and came back as an *APIError with status 400 or 422 that matches
// ErrInvalidRequest, and Prism's violations name the rule the client-side
// validation reports.
func checkRejectedByPrism(t *testing.T, rec *recorder, errs errorTypes, err error, rule string) {
	t.Helper()
	if n := rec.count(); n != 1 {
		t.Errorf("Prism received %d requests, want 1", n)
	}
	status, ok := errs.apiStatus(err)
	if !ok {
		t.Fatalf("err = %T %v, want an *APIError\n%s", err, err, rec.describe())
	}
	if status != http.StatusBadRequest && status != http.StatusUnprocessableEntity {
		t.Errorf("status = %d, want 400 or 422\n%s", status, rec.describe())
	}
	if !errors.Is(err, ordersdk.ErrInvalidRequest) {
		t.Errorf("errors.Is(err, ErrInvalidRequest) = false for %v", err)
	}
	ex, _ := rec.last()
	if ex.violations == "" {
		t.Errorf("Prism sent no sl-violations header: the %d is not its request validation\n%s", ex.status, rec.describe())
		return
	}
	t.Logf("Prism: HTTP %d, client error: %v\nsl-violations:\n%s", ex.status, err, formatViolations(ex.violations))
	vs, perr := parseViolations(ex.violations)
	if perr != nil {
		t.Errorf("sl-violations does not parse: %v: %s", perr, ex.violations)
		return
	}
	for _, v := range vs {
		if fmt.Sprint(v.Code) == rule {
			return
		}
	}
	t.Errorf("Prism reports no %q violation; it reports:\n%s", rule, formatViolations(ex.violations))
}

// checkStoppedLocally: with validation on, the same order is a
// *ValidationError that names rule, and nothing reached Prism.
func checkStoppedLocally(t *testing.T, rec *recorder, errs errorTypes, err error, rule string) {
	t.Helper()
	if n := rec.count(); n != 0 {
		t.Errorf("Prism received %d requests, want 0: validation must stop the order client-side\n%s", n, rec.describe())
	}
	rules, ok := errs.violationRules(err)
	if !ok {
		t.Fatalf("err = %T %v, want a *ValidationError", err, err)
	}
	if !errors.Is(err, ordersdk.ErrInvalidRequest) {
		t.Errorf("errors.Is(err, ErrInvalidRequest) = false for %v", err)
	}
	if !slices.Contains(rules, rule) {
		t.Errorf("%v: its violations name no %q rule", err, rule)
	}
}

// notNil is the result check of dynamic mode: a success carries a value.
func notNil(v any) error {
	if v == nil || (reflect.ValueOf(v).Kind() == reflect.Pointer && reflect.ValueOf(v).IsNil()) {
		return errors.New("success without a result")
	}
	return nil
}

// nonEmpty reports a nil or empty string pointer, such as an order's id.
func nonEmpty(what string, s *string) error {
	if s == nil || *s == "" {
		return fmt.Errorf("%s is missing or empty", what)
	}
	return nil
}

var errNoOrders = errors.New("the result holds no order")
