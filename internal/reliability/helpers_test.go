package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

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

// dialFake builds a client for a running fake, over its own protocol, with
// the SDK's own transport unless opts give an http.Client.
func (k *kit) dialFake(t testing.TB, srv *fakeServer, opts ...option) *client {
	t.Helper()
	c, err := k.dial(srv.URL(), srv.Credential(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.closeIdle)
	return c
}

// logRecorder is a slog.Handler that keeps every record, at every level,
// with the attributes of its logger.
type logRecorder struct {
	mu      *sync.Mutex
	records *[]slog.Record
	attrs   []slog.Attr
	// notify, when set, is handed each record as it is logged.
	notify func(slog.Record)
}

func newLogRecorder() *logRecorder {
	return &logRecorder{mu: &sync.Mutex{}, records: new([]slog.Record)}
}

func (h *logRecorder) logger() *slog.Logger { return slog.New(h) }

func (h *logRecorder) Enabled(context.Context, slog.Level) bool { return true }

func (h *logRecorder) Handle(_ context.Context, r slog.Record) error {
	r = r.Clone()
	r.AddAttrs(h.attrs...)
	h.mu.Lock()
	*h.records = append(*h.records, r)
	notify := h.notify
	h.mu.Unlock()
	if notify != nil {
		notify(r)
	}
	return nil
}

func (h *logRecorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	c := *h
	c.attrs = append(append([]slog.Attr(nil), h.attrs...), attrs...)
	return &c
}

func (h *logRecorder) WithGroup(string) slog.Handler { return h }

// all returns the records logged so far.
func (h *logRecorder) all() []slog.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]slog.Record(nil), *h.records...)
}

// lines renders every record as one line: level, message and attributes.
func (h *logRecorder) lines() []string {
	var out []string
	for _, r := range h.all() {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %q", r.Level, r.Message)
		r.Attrs(func(a slog.Attr) bool {
			fmt.Fprintf(&b, " %s=%q", a.Key, a.Value.Resolve().String())
			return true
		})
		out = append(out, b.String())
	}
	return out
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

// dialHostile builds a client for h that makes one attempt per call: no
// retries, and no rate-limit retries either, which WithMaxRetries does not
// count.
func (k *kit) dialHostile(t testing.TB, h *hostile, opts ...option) *client {
	t.Helper()
	return k.dialHostileAs(t, h, k.credential, opts...)
}

// dialHostileAs is dialHostile with the client given cred.
func (k *kit) dialHostileAs(t testing.TB, h *hostile, cred string, opts ...option) *client {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	c, err := k.dial(h.URL, cred, append([]option{withHTTPClient(&http.Client{Transport: tr}), withMaxRetries(0), withMaxRateLimitWait(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkAnswer sends an order to h, which answers status and body, and checks
// that the call gives a result or a typed error that fits the status, and
// never panics. It returns the result and the error.
func checkAnswer(t testing.TB, k *kit, c *client, h *hostile, status int, body []byte, opts ...callOption) (created, error) {
	t.Helper()
	h.answer(status, body)
	// The server answers at once, and the call has no deadline: a call that
	// hangs fails the test binary's own timeout.
	res, err := c.create(context.Background(), "hostile", opts...)
	checkOutcome(t, k, status, res, err)
	return res, err
}

// checkOutcome checks that a call answered with status gave a result or a
// typed error that fits the status.
func checkOutcome(t testing.TB, k *kit, status int, res created, err error) {
	t.Helper()
	success := status >= 200 && status <= 299
	isNil := reflect.ValueOf(res.value).IsNil()
	if err == nil {
		if !success {
			t.Fatalf("a %d answer gave a result: %+v", status, res.value)
		}
		if isNil {
			t.Fatalf("a %d answer gave neither a result nor an error", status)
		}
		return
	}
	if !isNil {
		t.Fatalf("a call gave both a result (%+v) and an error (%v)", res.value, err)
	}
	// Rendering the error must not panic either.
	_ = fmt.Sprintf("%v %+v %#v %s", err, err, err, err.Error())
	v := k.view(err)
	if v.internal != "" {
		t.Fatalf("errors.As finds the internal %s in %v: users must meet the vendor's own types only", v.internal, err)
	}
	switch {
	case v.api != nil:
		if v.api.StatusCode != status {
			t.Fatalf("APIError.StatusCode = %d for a %d answer", v.api.StatusCode, status)
		}
		if len(v.api.Body) > apierror.MaxErrorBody {
			t.Fatalf("APIError.Body holds %d bytes, more than MaxErrorBody", len(v.api.Body))
		}
		if !success && isServer(err) != (status >= 500) {
			t.Fatalf("errors.Is(err, ErrServer) = %v for a %d", !(status >= 500), status)
		}
	case v.decode != nil && success:
		if !v.unknown() {
			t.Fatalf("a DecodeError for a %d answer must match ErrOutcomeUnknown: %v", status, err)
		}
		if len(v.decode.Body) > apierror.MaxErrorBody {
			t.Fatalf("DecodeError.Body holds %d bytes, more than MaxErrorBody", len(v.decode.Body))
		}
	default:
		t.Fatalf("a %d answer gave a %s: %v", status, v.kind(), err)
	}
}

func isServer(err error) bool { return errors.Is(err, apierror.ErrServer) }

// tally renders counts by name, sorted.
func tally(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// errorText is err's text, or "" for nil.
func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// saysNotSent reports whether an error's text says the request was not sent.
func saysNotSent(err error) bool { return strings.Contains(errorText(err), "not sent") }
