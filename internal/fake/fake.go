// Package fake is the engine behind the vendor packages' test servers
// (konvotest, bitbybittest, ...): an in-process HTTP server that checks the
// credential, validates every request against the vendor's spec, answers with
// a response built from the request, keeps a ledger of the orders created, and
// injects faults on demand.
package fake

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// Vendor describes one vendor's fake.
type Vendor struct {
	// Name is the vendor package's name.
	Name string
	// Spec is the vendor's normalized OpenAPI document.
	Spec *openapi3.T
	// AuthHeader and AuthScheme say where the credential is expected, as in
	// the client.
	AuthHeader, AuthScheme string
	// Credential is the credential the fake accepts unless told otherwise.
	Credential string
	// SuccessStatus is the status of a created order.
	SuccessStatus int
	// Create builds the success body from a request that passed validation,
	// and returns the orders it created for the ledger.
	Create func(req *Request, ids *IDs) (body any, orders []Order, err error)
	// ErrorBody builds the vendor's error envelope.
	ErrorBody func(status int, code, message string) any
}

// Request is a request the fake received, as it arrived.
type Request struct {
	// Method, Path and Header are the request line and headers; Path is
	// decoded, RawPath is the path as it arrived, still escaped.
	Method, Path, RawPath string
	Header                http.Header
	// PathParams holds the values of the spec's path parameters.
	PathParams map[string]string
	// Body is the request body.
	Body []byte
}

// Order is one entry of the ledger.
type Order struct {
	// ID is the id the fake assigned.
	ID string
	// Body is the order as the client sent it.
	Body json.RawMessage
	// IdempotencyKey is the key of the call that created it, if any.
	IdempotencyKey string
}

// Fault is one injected failure. The zero Fault answers normally.
//
// The faults that end an exchange without a normal answer (CloseBeforeBody,
// CloseAfterRecord, ResetStream, HangAfterRecord, Raw) are meant one at a
// time; if several are set, the first in that order applies, and a Status
// without RecordOrder answers before any of them. On HTTP/1 the
// fake hijacks the connection for them; on HTTP/2 (WithTLS) its interposer
// acts on the wire, since Go's HTTP/2 server has no way to.
type Fault struct {
	// Status, when non-zero, answers with this status instead of creating the
	// order. Header is added to the response, and Body replaces the vendor's
	// error envelope when set. A 3xx Status with a Location header and
	// RecordOrder is a vendor that creates the order and then redirects.
	Status int
	Header http.Header
	Body   []byte
	// RecordOrder creates and records the order before answering with
	// Status: a vendor that fails after committing.
	RecordOrder bool
	// Delay holds the response back; the order is created after the delay
	// even if the client has gone, as a slow vendor would. Closing the fake
	// ends the wait and drops the connection.
	Delay time.Duration
	// CloseBeforeBody drops the connection with a TCP reset without reading
	// the request body; nothing is recorded. On HTTP/2 the whole connection
	// is reset, with every stream on it, as when a vendor's connection drops.
	CloseBeforeBody bool
	// CloseAfterRecord creates and records the order, then drops the
	// connection with a TCP reset without answering; on HTTP/2 the whole
	// connection, as for CloseBeforeBody.
	CloseAfterRecord bool
	// ResetStream reads the whole request, creates and records the order,
	// and then, on HTTP/2, resets the request's stream with RST_STREAM and
	// PROTOCOL_ERROR, as a misbehaving vendor or proxy does; the connection
	// stays up for its other streams. Go's HTTP/2 client replays a request
	// so reset, on a new connection, when it can rewind the body (when
	// Request.GetBody is set, as http.NewRequest sets it): the vendor then
	// creates the order twice. On HTTP/1 ResetStream is CloseAfterRecord.
	ResetStream bool
	// HangAfterRecord creates and records the order, then sends nothing
	// until the request's context ends (the client cancelled the call or
	// closed the connection) or the fake is closed: a vendor that commits and
	// answers late, with no timer in the fake. On HTTP/1 the connection is
	// then dropped; on HTTP/2 a cancelled call ends its stream only.
	HangAfterRecord bool
	// Raw, when non-nil, creates and records the order, then writes Raw
	// verbatim on the HTTP/1 connection as the whole response and closes the
	// connection: for malformed status lines, chunked bodies or trailers, or
	// a status line that echoes the credential. A Raw response the client
	// can read to its end should say "Connection: close", or the client may
	// send its next call on the closed connection. HTTP/2 has no byte stream to
	// write it into: there the fake answers with a malformed header block (an
	// upper-case field name) instead, which the client must refuse by ending
	// the stream with a PROTOCOL_ERROR of its own, and which Go's client
	// does not replay.
	Raw []byte
}

// Option configures a Server.
type Option func(*Server)

// WithCredential sets the credential the fake accepts.
func WithCredential(c string) Option { return func(s *Server) { s.credential = c } }

// WithIdempotency makes the fake deduplicate by the Idempotency-Key header: a
// second request with a key already seen gets the first answer again and
// creates nothing.
func WithIdempotency() Option { return func(s *Server) { s.idempotent = true } }

// WithRateLimit limits the fake to limit requests per window, answering 429
// beyond it, and sends RateLimit-Limit, RateLimit-Remaining and
// RateLimit-Reset on every response, as bitbybit does.
func WithRateLimit(limit int, window time.Duration) Option {
	return func(s *Server) { s.rateLimit, s.rateWindow = limit, window }
}

// Server is a running fake. It is safe for concurrent use.
type Server struct {
	vendor     Vendor
	router     routers.Router
	credential string
	idempotent bool
	rateLimit  int
	rateWindow time.Duration
	tls        bool
	url        string
	// http serves HTTP/1, and with TLS hands HTTP/2 connections to the
	// interposer, which relays them to http2 through pipes.
	http  *http.Server
	http2 *http.Server
	pipes *pipeListener
	done  chan struct{}
	ids   IDs
	// wg counts the goroutines Close waits for: the servers' Serve loops,
	// the handlers and the interposers.
	wg sync.WaitGroup

	mu          sync.Mutex
	closed      bool
	requests    []Request
	orders      []Order
	faults      []Fault
	faultFunc   func(n int) *Fault
	replies     map[string]reply
	now         func() time.Time // the rate limit's clock
	windowStart time.Time
	windowUsed  int
	accepted    int
	open        int
	transports  []*http.Transport
}

type reply struct {
	status int
	body   []byte
}

// Start runs a fake on a loopback port.
func Start(v Vendor, opts ...Option) (*Server, error) {
	doc := *v.Spec
	// The fake serves the operations at its own root, whatever host and base
	// path the vendor's production server has.
	doc.Servers = nil
	router, err := legacy.NewRouter(&doc)
	if err != nil {
		return nil, fmt.Errorf("fake %s: %w", v.Name, err)
	}
	s := &Server{vendor: v, router: router, credential: v.Credential,
		done: make(chan struct{}), replies: map[string]reply{}, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	var cert tls.Certificate
	if s.tls {
		if cert, err = certificate(); err != nil {
			return nil, fmt.Errorf("fake %s: %w", v.Name, err)
		}
	}
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, fmt.Errorf("fake %s: %w", v.Name, err)
	}
	var l net.Listener = countingListener{TCPListener: ln, s: s}
	handler := http.HandlerFunc(s.serve)
	errorLog := log.New(quietLog{}, "", log.LstdFlags)
	var h1 http.Protocols
	h1.SetHTTP1(true)
	s.http = &http.Server{Handler: handler, Protocols: &h1, ErrorLog: errorLog}
	s.url = "http://" + ln.Addr().String()
	if s.tls {
		s.url = "https://" + ln.Addr().String()
		l = tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"h2", "http/1.1"}})
		s.http.TLSNextProto = map[string]func(*http.Server, *tls.Conn, http.Handler){"h2": s.interpose}
		var h2c http.Protocols
		h2c.SetUnencryptedHTTP2(true)
		s.http2 = &http.Server{Handler: handler, Protocols: &h2c, ErrorLog: errorLog}
		s.pipes = newPipeListener(ln.Addr())
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.http2.Serve(s.pipes)
		}()
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.http.Serve(l)
	}()
	return s, nil
}

// quietLog is the servers' error log: it passes on what says something
// about the fake, and drops the TLS handshake errors of clients that do not
// trust its certificate, which tests provoke on purpose.
type quietLog struct{}

func (quietLog) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("TLS handshake error")) {
		return len(p), nil
	}
	return os.Stderr.Write(p)
}

// URL is the base URL to give the client: http://127.0.0.1:port, or
// https://127.0.0.1:port under WithTLS.
func (s *Server) URL() string { return s.url }

// Credential is the credential the fake accepts.
func (s *Server) Credential() string { return s.credential }

// Close stops the fake: it closes its connections, ends the faults that are
// holding an answer back, and waits for its handlers to return. The clients
// of HTTPClient and HTTP1Client lose their idle connections.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	transports := s.transports
	s.mu.Unlock()
	close(s.done)
	s.http.Close()
	if s.http2 != nil {
		s.http2.Close()
		s.pipes.Close()
	}
	s.wg.Wait()
	for _, tr := range transports {
		tr.CloseIdleConnections()
	}
}

// enter counts a goroutine Close must wait for; it reports false once Close
// has begun, when the goroutine must not start.
func (s *Server) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Add(1)
	return true
}

// Inject queues faults for the next requests, one each, in order.
func (s *Server) Inject(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faults...)
}

// SetFaultFunc sets a function asked for a fault for every request once the
// queue is empty; n counts requests from 1. A nil result answers normally.
func (s *Server) SetFaultFunc(f func(n int) *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faultFunc = f
}

// Requests returns how many requests the fake has received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// Received returns copies of the requests received, in order.
func (s *Server) Received() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Orders returns the ledger: every order created, in order.
func (s *Server) Orders() []Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Order(nil), s.orders...)
}

// ConnsAccepted returns how many TCP connections the fake has accepted.
func (s *Server) ConnsAccepted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accepted
}

// OpenConns returns how many of them are open now, on the fake's side.
func (s *Server) OpenConns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open
}

// arrive records a request before its body is read, so that a fault that
// never reads the body still counts it, and takes the request's fault.
func (s *Server) arrive(r Request) (int, *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
	idx := len(s.requests) - 1
	if len(s.faults) > 0 {
		f := s.faults[0]
		s.faults = s.faults[1:]
		return idx, &f
	}
	if s.faultFunc != nil {
		return idx, s.faultFunc(idx + 1)
	}
	return idx, nil
}

// setBody fills in the body of request idx once it has been read.
func (s *Server) setBody(idx int, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[idx].Body = body
}

// setPathParams fills in the path parameters of request idx once its route
// has been found.
func (s *Server) setPathParams(idx int, params map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[idx].PathParams = params
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !s.enter() {
		end(w, r, endConnection)
		return
	}
	defer s.wg.Done()
	rec := Request{Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), Header: r.Header.Clone()}
	idx, f := s.arrive(rec)
	if f == nil {
		f = &Fault{}
	}
	if f.CloseBeforeBody {
		end(w, r, endConnection)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err != nil {
		return
	}
	rec.Body = body
	s.setBody(idx, body)
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-s.done:
			// Closing: drop the connection, since returning would answer an
			// empty 200 that the vendor never sends.
			t.Stop()
			end(w, r, endConnection)
			return
		}
	}
	if !s.admit(w) {
		s.writeError(w, http.StatusTooManyRequests, "RATE_LIMIT_EXCEEDED", "Too many requests. Please retry after the reset period.")
		return
	}
	if f.Status != 0 && !f.RecordOrder {
		s.writeFault(w, f)
		return
	}
	status, out := s.handle(r, &rec)
	s.setPathParams(idx, rec.PathParams)
	switch {
	case f.CloseAfterRecord:
		end(w, r, endConnection)
	case f.ResetStream:
		end(w, r, endStream)
	case f.HangAfterRecord:
		select {
		case <-r.Context().Done():
			if r.ProtoMajor == 2 {
				// The client has reset the stream, or the connection is
				// gone: nothing more can go out on it.
				return
			}
		case <-s.done:
		}
		end(w, r, endConnection)
	case f.Raw != nil:
		writeRaw(w, r, f.Raw)
	case f.Status != 0:
		s.writeFault(w, f)
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(out)
	}
}

// handle authenticates, validates and creates; it returns the status and body
// to send.
func (s *Server) handle(r *http.Request, rec *Request) (int, []byte) {
	want := s.credential
	if s.vendor.AuthScheme != "" {
		want = s.vendor.AuthScheme + " " + want
	}
	switch got := r.Header.Get(s.vendor.AuthHeader); {
	case got == "":
		return s.errorReply(http.StatusUnauthorized, "MISSING_API_KEY", "missing credential")
	case got != want:
		return s.errorReply(http.StatusUnauthorized, "INVALID_API_KEY", "missing or invalid credential")
	}
	key := r.Header.Get("Idempotency-Key")
	if s.idempotent && key != "" {
		s.mu.Lock()
		rep, ok := s.replies[key]
		s.mu.Unlock()
		if ok {
			return rep.status, rep.body
		}
	}
	// Route on the escaped path, so that an escaped "/" inside a path
	// parameter stays inside it, and decode the parameters afterwards.
	routed := r.Clone(r.Context())
	routed.URL.Path, routed.URL.RawPath = r.URL.EscapedPath(), ""
	route, params, err := s.router.FindRoute(routed)
	if err != nil {
		return s.errorReply(http.StatusNotFound, "NOT_FOUND", err.Error())
	}
	for k, v := range params {
		if d, err := url.PathUnescape(v); err == nil {
			params[k] = d
		}
	}
	rec.PathParams = params
	in := &openapi3filter.RequestValidationInput{
		Request:    requestWithBody(r, rec.Body),
		PathParams: params,
		Route:      route,
		Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			MultiError:         true,
		},
	}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		return s.errorReply(http.StatusBadRequest, "VALIDATION_ERROR", err.Error())
	}
	body, orders, err := s.vendor.Create(rec, &s.ids)
	if err != nil {
		return s.errorReply(http.StatusBadRequest, "VALIDATION_ERROR", err.Error())
	}
	out, err := json.Marshal(body)
	if err != nil {
		return s.errorReply(http.StatusInternalServerError, "INTERNAL", err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idempotent && key != "" {
		if rep, ok := s.replies[key]; ok {
			// A concurrent attempt with the same key won the race.
			return rep.status, rep.body
		}
		s.replies[key] = reply{status: s.vendor.SuccessStatus, body: out}
	}
	for i := range orders {
		orders[i].IdempotencyKey = key
	}
	s.orders = append(s.orders, orders...)
	return s.vendor.SuccessStatus, out
}

func requestWithBody(r *http.Request, body []byte) *http.Request {
	c := r.Clone(r.Context())
	c.Body = io.NopCloser(bytes.NewReader(body))
	c.ContentLength = int64(len(body))
	return c
}

// admit applies the rate limit, if any, and sets the RateLimit headers.
func (s *Server) admit(w http.ResponseWriter) bool {
	if s.rateLimit == 0 {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if now.Sub(s.windowStart) >= s.rateWindow {
		s.windowStart, s.windowUsed = now, 0
	}
	reset := s.windowStart.Add(s.rateWindow).Sub(now)
	// Round the reset up to whole seconds, as the header carries seconds.
	secs := int((reset + time.Second - 1) / time.Second)
	h := w.Header()
	h.Set("RateLimit-Limit", strconv.Itoa(s.rateLimit))
	h.Set("RateLimit-Reset", strconv.Itoa(secs))
	if s.windowUsed >= s.rateLimit {
		h.Set("RateLimit-Remaining", "0")
		return false
	}
	s.windowUsed++
	h.Set("RateLimit-Remaining", strconv.Itoa(s.rateLimit-s.windowUsed))
	return true
}

func (s *Server) errorReply(status int, code, msg string) (int, []byte) {
	b, err := json.Marshal(s.vendor.ErrorBody(status, code, msg))
	if err != nil {
		b = []byte(`{}`)
	}
	return status, b
}

func (s *Server) writeError(w http.ResponseWriter, status int, code, msg string) {
	st, b := s.errorReply(status, code, msg)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(st)
	w.Write(b)
}

func (s *Server) writeFault(w http.ResponseWriter, f *Fault) {
	for k, v := range f.Header {
		w.Header()[k] = v
	}
	if f.Body != nil {
		w.WriteHeader(f.Status)
		w.Write(f.Body)
		return
	}
	s.writeError(w, f.Status, http.StatusText(f.Status), "injected fault")
}

// An ending is how a fault ends an exchange instead of answering.
type ending string

const (
	// endConnection resets the TCP connection.
	endConnection ending = "reset-connection"
	// endStream resets the HTTP/2 stream with PROTOCOL_ERROR; on HTTP/1 it
	// resets the connection.
	endStream ending = "reset-stream"
	// endRaw writes Fault.Raw on an HTTP/1 connection and closes it; on
	// HTTP/2 it sends a malformed header block.
	endRaw ending = "raw"
)

// endHeader carries an ending from a handler to the HTTP/2 interposer, on
// the response the interposer then withholds.
const endHeader = "Ordersdk-Fake-Ending"

// end ends the exchange of w and r as e says.
func end(w http.ResponseWriter, r *http.Request, e ending) {
	if r.ProtoMajor == 2 {
		w.Header().Set(endHeader, string(e))
		w.WriteHeader(http.StatusOK)
		return
	}
	resetConn(hijack(w))
}

// writeRaw writes raw as the whole response, on HTTP/1, and closes the
// connection; on HTTP/2 it has the interposer send a malformed header block.
func writeRaw(w http.ResponseWriter, r *http.Request, raw []byte) {
	if r.ProtoMajor == 2 {
		end(w, r, endRaw)
		return
	}
	conn := hijack(w)
	conn.Write(raw)
	conn.Close()
}

// hijack takes over the HTTP/1 connection of w. Should that fail, it aborts
// the handler, which closes the connection without an answer all the same.
func hijack(w http.ResponseWriter) net.Conn {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	return conn
}

// IDs hands out server-assigned ids, unique within a fake.
type IDs struct {
	mu sync.Mutex
	n  uint64
}

func (g *IDs) next() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n++
	return g.n
}

// UUID returns a new id shaped like a UUID.
func (g *IDs) UUID() string {
	n := g.next()
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", n)
}

// ObjectID returns a new id shaped like a MongoDB ObjectId: 24 hex digits.
func (g *IDs) ObjectID() string {
	return fmt.Sprintf("%024x", g.next())
}
