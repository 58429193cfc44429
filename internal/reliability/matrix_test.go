package reliability

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The transport matrix: every way a call can reach a vendor that the SDK
// promises to handle alike. A suite that runs "across the matrix" runs each
// of its cases once per transport.
//
//	h1, h2     HTTP/1.1 over plain http; HTTP/2 over TLS (ALPN), against a
//	           fake started WithTLS whose certificate the process trusts
//	           (TestMain)
//	sdk        the SDK's own transport: no WithHTTPClient
//	timeout    a caller's http.Client with a Timeout (net/http then replaces
//	           the transport's errors with its own)
//	wrapped    a caller's http.Client whose Transport wraps the fake's as
//	           otelhttp does: it clones each request, adds a header, its own
//	           httptrace hooks and a body reader, and wraps the response body
//	proxy      a caller's http.Transport behind a local proxy: absolute-form
//	           forwarding for http targets, CONNECT tunnels for https ones;
//	           the proxy never replays a request
//
// TestTransportMatrix proves each case is what its name says.

// transport is one case of the matrix.
type transport struct {
	proto string // "h1" or "h2"
	via   string // viaSDK, viaTimeout, viaWrapped or viaProxy
}

const (
	viaSDK     = "sdk"
	viaTimeout = "timeout"
	viaWrapped = "wrapped"
	viaProxy   = "proxy"
)

func (tr transport) String() string { return tr.proto + "/" + tr.via }

func (tr transport) h2() bool { return tr.proto == "h2" }

// matrix lists every case.
var matrix = func() []transport {
	var out []transport
	for _, proto := range []string{"h1", "h2"} {
		for _, via := range []string{viaSDK, viaTimeout, viaWrapped, viaProxy} {
			out = append(out, transport{proto, via})
		}
	}
	return out
}()

// callerMatrix is the cases in which the caller gives its own http.Client,
// which can carry a Timeout.
func callerMatrix() []transport {
	var out []transport
	for _, tr := range matrix {
		if tr.via != viaSDK {
			out = append(out, tr)
		}
	}
	return out
}

// route is one case of the matrix set up for a test: the vendor's fake, and
// the http.Client (nil in the sdk case) that reaches it the case's way. A
// suite runs many calls on one route, one at a time, and compares the fake's
// counts before and after each (mark, since): starting a fake parses its
// vendor's spec, which costs tens of milliseconds under -race.
type route struct {
	transport
	srv *fakeServer
	// hc is the caller's http.Client, nil in the sdk case.
	hc *http.Client
	// wrapper and proxy are set in the wrapped and proxy cases.
	wrapper *wrapping
	proxy   *proxy
}

// generousTimeout is the Timeout of the timeout case's http.Client: long
// enough never to fire, so that only its presence is tested, unless a test
// gives one of its own (dialTimeout).
const generousTimeout = time.Minute

// setup starts k's fake for the case.
func (tr transport) setup(t testing.TB, k *kit, c fakeConfig) *route {
	t.Helper()
	c.tls = tr.h2()
	r := &route{transport: tr, srv: k.start(t, c)}
	// The fake's own clients trust its certificate, speak HTTP/2 over TLS
	// (HTTPClient) or HTTP/1.1 only (HTTP1Client), and lose their idle
	// connections when the fake closes.
	base := r.srv.HTTP1Client().Transport
	if tr.h2() {
		base = r.srv.HTTPClient().Transport
	}
	switch tr.via {
	case viaTimeout:
		r.hc = &http.Client{Transport: base, Timeout: generousTimeout}
	case viaWrapped:
		r.wrapper = &wrapping{base: base}
		r.hc = &http.Client{Transport: r.wrapper}
	case viaProxy:
		r.proxy = newProxy(t)
		pt := base.(*http.Transport).Clone()
		pt.Proxy = http.ProxyURL(r.proxy.url)
		t.Cleanup(pt.CloseIdleConnections)
		r.hc = &http.Client{Transport: pt}
	}
	return r
}

// dial builds k's client for the route, with opts after the route's own;
// its idle connections are closed when the test ends.
func (r *route) dial(t testing.TB, k *kit, opts ...option) *client {
	t.Helper()
	var own []option
	if r.hc != nil {
		own = append(own, withHTTPClient(r.hc))
	}
	c, err := k.dial(r.srv.URL(), r.srv.Credential(), append(own, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.closeIdle)
	return c
}

// dialTimeout is dial with the caller's http.Client given the Timeout d; the
// route must have a caller's client.
func (r *route) dialTimeout(t testing.TB, k *kit, d time.Duration, opts ...option) *client {
	t.Helper()
	if r.hc == nil {
		t.Fatalf("%s has no caller's http.Client to give a Timeout", r.transport)
	}
	hc := *r.hc
	hc.Timeout = d
	return r.dial(t, k, append([]option{withHTTPClient(&hc)}, opts...)...)
}

// mark is what the fake had seen at one moment.
type mark struct{ requests, orders int }

// mark returns what the fake has seen so far.
func (r *route) mark() mark { return mark{r.srv.Requests(), len(r.srv.Ledger())} }

// since returns what the fake has seen since m.
func (r *route) since(m mark) mark {
	now := r.mark()
	return mark{now.requests - m.requests, now.orders - m.orders}
}

// forwarding reports whether the route's proxy forwards the requests itself
// (HTTP/1 to an http target): it answers 502 when the vendor drops the
// connection, as real proxies do, where a tunnel passes the loss through.
func (r *route) forwarding() bool { return r.via == viaProxy && !r.h2() }

// forEachRoute runs test once per vendor and case of cases, as parallel
// subtests named vendor/case, each with its route set up.
func forEachRoute(t *testing.T, cases []transport, c fakeConfig, test func(t *testing.T, k *kit, r *route)) {
	t.Helper()
	for _, k := range kits {
		for _, tr := range cases {
			t.Run(k.name+"/"+tr.String(), func(t *testing.T) {
				t.Parallel()
				test(t, k, tr.setup(t, k, c))
			})
		}
	}
}

// wrapping is a RoundTripper that wraps another as otelhttp does: it clones
// the request with a context of its own (its httptrace hooks and a value),
// adds a header, reads the body through a reader of its own, and wraps the
// response body. It also records whether it was ever handed a request that
// net/http could replay on its own (GetBody set).
type wrapping struct {
	base     http.RoundTripper
	requests atomic.Int32
	getBody  atomic.Bool
}

// traceHeader is the header wrapping adds.
const traceHeader = "Traceparent"

type spanKey struct{}

func (w *wrapping) RoundTrip(req *http.Request) (*http.Response, error) {
	w.requests.Add(1)
	if req.GetBody != nil {
		w.getBody.Store(true)
	}
	ctx := context.WithValue(req.Context(), spanKey{}, "span")
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn:      func(httptrace.GotConnInfo) {},
		WroteHeaders: func() {},
	})
	out := req.Clone(ctx)
	out.Header.Set(traceHeader, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
	if out.Body != nil && out.Body != http.NoBody {
		out.Body = &countingBody{ReadCloser: out.Body}
	}
	resp, err := w.base.RoundTrip(out)
	if resp != nil {
		resp.Body = &countingBody{ReadCloser: resp.Body}
	}
	return resp, err
}

// countingBody counts the bytes read through it, as a tracing library does.
type countingBody struct {
	io.ReadCloser
	n int
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += n
	return n, err
}

// proxy is a forward proxy on loopback: an absolute-form request (an http
// target) is forwarded once, on a connection of its own that is closed
// afterwards, and its answer relayed; a CONNECT (an https target) opens a
// tunnel. It never sends a request twice: a failure to forward, or to read
// the answer, is a 502, as real proxies answer.
type proxy struct {
	srv *httptest.Server
	url *url.URL
	// accepted counts the client connections; forwarded and tunnels count
	// the requests forwarded and the tunnels opened.
	accepted, forwarded, tunnels atomic.Int32

	mu    sync.Mutex
	open  map[net.Conn]bool // the tunnels' connections, closed with the proxy
	wg    sync.WaitGroup
	close bool
}

func newProxy(t testing.TB) *proxy {
	t.Helper()
	p := &proxy{open: map[net.Conn]bool{}}
	p.srv = httptest.NewUnstartedServer(http.HandlerFunc(p.serve))
	p.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			p.accepted.Add(1)
		}
	}
	p.srv.Start()
	p.url, _ = url.Parse(p.srv.URL)
	t.Cleanup(p.Close)
	return p
}

// Close stops the proxy and ends its tunnels. Its client connections are
// closed first, so that a request forwarded to a fake that hangs ends there
// too, instead of holding Close up.
func (p *proxy) Close() {
	p.srv.CloseClientConnections()
	p.srv.Close()
	p.mu.Lock()
	p.close = true
	for c := range p.open {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *proxy) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect {
		p.tunnel(w, r)
		return
	}
	p.forward(w, r)
}

// track registers c to be closed with the proxy; it reports false once the
// proxy is closing.
func (p *proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.close {
		return false
	}
	p.open[c] = true
	return true
}

func (p *proxy) untrack(c net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.open, c)
}

// hopByHop are the headers that belong to one connection, not the request.
var hopByHop = []string{"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}

// forward sends r once to its target on a new connection and relays the
// answer, status, headers, body and trailers as they came.
func (p *proxy) forward(w http.ResponseWriter, r *http.Request) {
	p.forwarded.Add(1)
	if r.URL.Host == "" {
		http.Error(w, "proxy: not an absolute-form request", http.StatusBadRequest)
		return
	}
	target, err := net.Dial("tcp", r.URL.Host)
	if err != nil {
		http.Error(w, "proxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer target.Close()
	// A client that hangs up ends the exchange with the target too, as it
	// would at a real proxy.
	stop := context.AfterFunc(r.Context(), func() { target.Close() })
	defer stop()
	out := &http.Request{
		Method:        r.Method,
		URL:           &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery},
		Host:          r.Host,
		Header:        r.Header.Clone(),
		Body:          r.Body,
		ContentLength: r.ContentLength,
	}
	for _, h := range hopByHop {
		out.Header.Del(h)
	}
	if err := out.Write(target); err != nil {
		http.Error(w, "proxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	resp, err := http.ReadResponse(bufio.NewReader(target), out)
	if err != nil {
		http.Error(w, "proxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	for _, h := range hopByHop {
		w.Header().Del(h)
	}
	w.WriteHeader(resp.StatusCode)
	if _, err := io.Copy(w, resp.Body); err != nil {
		// The target's body broke off: so must the client's, rather than
		// end as if it were whole.
		panic(http.ErrAbortHandler)
	}
	for k, vs := range resp.Trailer {
		w.Header()[http.TrailerPrefix+k] = vs
	}
}

// tunnel answers a CONNECT and copies bytes both ways until either side
// closes, then closes both.
func (p *proxy) tunnel(w http.ResponseWriter, r *http.Request) {
	p.tunnels.Add(1)
	target, err := net.Dial("tcp", r.Host)
	if err != nil {
		http.Error(w, "proxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	client, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		target.Close()
		return
	}
	if !p.track(client) || !p.track(target) {
		client.Close()
		target.Close()
		return
	}
	p.wg.Add(1)
	defer p.wg.Done()
	defer func() {
		client.Close()
		target.Close()
		p.untrack(client)
		p.untrack(target)
	}()
	if _, err := client.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		return
	}
	done := make(chan struct{}, 2)
	go func() {
		// Bytes the client sent after the CONNECT, already buffered.
		io.Copy(target, io.MultiReader(io.LimitReader(buf, int64(buf.Reader.Buffered())), client))
		done <- struct{}{}
	}()
	go func() {
		io.Copy(client, target)
		done <- struct{}{}
	}()
	<-done
	client.Close()
	target.Close()
	<-done
}

// connRecorder returns a context whose httptrace hooks record the protocol of
// every connection a call obtains ("h2", "http/1.1" over TLS, or "http").
func connRecorder(ctx context.Context) (context.Context, func() []string) {
	var mu sync.Mutex
	var protos []string
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		proto := "http"
		if tc, ok := info.Conn.(*tls.Conn); ok {
			proto = tc.ConnectionState().NegotiatedProtocol
			if proto == "" {
				proto = "http/1.1"
			}
		}
		mu.Lock()
		protos = append(protos, proto)
		mu.Unlock()
	}})
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), protos...)
	}
}

// TestTransportMatrix checks, for each vendor and each case, that a call
// goes the way the case says: the protocol negotiated, the wrapper and the
// proxy in the path, and the wrapper never handed a request with GetBody,
// which net/http could replay on its own.
func TestTransportMatrix(t *testing.T) {
	t.Parallel()
	forEachRoute(t, matrix, fakeConfig{}, func(t *testing.T, k *kit, r *route) {
		c := r.dial(t, k)
		ctx, protos := connRecorder(context.Background())
		res, err := c.create(ctx, "matrix")
		if err != nil || !res.ok {
			t.Fatalf("create: %v (id present: %v)", err, res.ok)
		}
		want := "http"
		if r.h2() {
			want = "h2"
		}
		if got := protos(); len(got) != 1 || got[0] != want {
			t.Errorf("connections obtained: %q, want one speaking %q", got, want)
		}
		if n := r.srv.Requests(); n != 1 {
			t.Errorf("fake received %d requests, want 1", n)
		}
		switch r.via {
		case viaWrapped:
			if n := r.wrapper.requests.Load(); n != 1 {
				t.Errorf("the wrapping RoundTripper carried %d requests, want 1", n)
			}
			if got := r.srv.Received()[0].Header.Get(traceHeader); got == "" {
				t.Errorf("the fake did not receive the header the wrapper added")
			}
			if r.wrapper.getBody.Load() {
				t.Errorf("the base transport was handed a request with GetBody set, which net/http may replay")
			}
		case viaProxy:
			forwarded, tunnels := r.proxy.forwarded.Load(), r.proxy.tunnels.Load()
			if r.h2() && (tunnels != 1 || forwarded != 0) {
				t.Errorf("proxy opened %d tunnels and forwarded %d requests, want 1 CONNECT tunnel", tunnels, forwarded)
			}
			if !r.h2() && (forwarded != 1 || tunnels != 0) {
				t.Errorf("proxy forwarded %d requests and opened %d tunnels, want 1 forwarded", forwarded, tunnels)
			}
		}
	})
}
