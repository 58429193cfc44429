package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go"
)

// The three ways a benchmark makes the call; see the package documentation.
const (
	implBaseline      = "baseline"
	implSDK           = "sdk"
	implSDKNoValidate = "sdk-novalidate"
)

// impls lists them; tests run them in this order.
var impls = []string{implBaseline, implSDK, implSDKNoValidate}

// shuffledImpls lists them in a random order, the order a benchmark runs
// them: an implementation that always ran first, or last, would carry
// whatever the position costs into the comparison. benchstat is then told
// the order of the columns (-col '/impl@(baseline sdk sdk-novalidate)').
func shuffledImpls() []string {
	out := slices.Clone(impls)
	rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// createFunc makes one create call and returns what the caller gets back.
type createFunc func(ctx context.Context) (any, error)

// vendorCase is one vendor's create call, as the drivers below need it.
type vendorCase struct {
	// name is the vendor package's name.
	name string
	// authHeader and authValue are the header the credential goes in and its
	// value on the wire ("Bearer <key>" where the vendor has a scheme).
	authHeader, authValue string
	// path is the request path the call posts to, below the base URL.
	path string
	// body is the request body, as the SDK is given it.
	body any
	// startFake starts the vendor's fake and returns its URL and how to stop
	// it; the response to replay is captured from it.
	startFake func() (url string, stop func(), err error)
	// sdk returns the call made by a vendor client for baseURL, built with
	// or without validation, and on hc when it is not nil.
	sdk func(baseURL string, validate bool, hc *http.Client) (createFunc, error)
	// baseline returns the call made by hand through c, decoding into the
	// vendor's generated result type and returning what the SDK returns.
	baseline func(c *baselineClient) createFunc
}

// userAgent is the User-Agent the SDK sends for vendor.
func userAgent(vendor string) string {
	return "ordersdk-go/" + ordersdk.Version + " (" + vendor + ")"
}

// newTransport is the Transport of the baseline: the SDK's default setup, a
// clone of http.DefaultTransport with room for 256 idle connections per host
// (see core.Client.newRetrier).
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 256
	return t
}

// baselineClient is the hand-written client: what a caller would write with
// net/http and encoding/json alone.
type baselineClient struct {
	hc                    *http.Client
	url                   string
	authHeader, authValue string
	userAgent             string
}

func newBaselineClient(vc *vendorCase, baseURL string) *baselineClient {
	return &baselineClient{
		hc:         &http.Client{Transport: newTransport()},
		url:        baseURL + vc.path,
		authHeader: vc.authHeader,
		authValue:  vc.authValue,
		userAgent:  userAgent(vc.name),
	}
}

// roundTrip posts in as JSON and returns the status and the body.
func (c *baselineClient) roundTrip(ctx context.Context, in any) (int, []byte, error) {
	buf, err := json.Marshal(in)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(buf))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set(c.authHeader, c.authValue)
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, body, err
}

// post posts in and decodes a 2xx answer into out.
func (c *baselineClient) post(ctx context.Context, in, out any) error {
	status, body, err := c.roundTrip(ctx, in)
	if err != nil {
		return err
	}
	if status < 200 || status > 299 {
		return fmt.Errorf("status %d: %s", status, body)
	}
	return json.Unmarshal(body, out)
}

// newCall returns the call impl makes against baseURL, each with its own
// Transport: the baseline's from newTransport, the SDK's its default.
func newCall(tb testing.TB, vc *vendorCase, impl, baseURL string) createFunc {
	tb.Helper()
	return newCallOn(tb, vc, impl, baseURL, nil)
}

// newCallOn is newCall on the RoundTripper t, when it is not nil.
func newCallOn(tb testing.TB, vc *vendorCase, impl, baseURL string, t http.RoundTripper) createFunc {
	tb.Helper()
	var hc *http.Client
	if t != nil {
		hc = &http.Client{Transport: t}
	}
	switch impl {
	case implBaseline:
		c := newBaselineClient(vc, baseURL)
		if hc != nil {
			c.hc = hc
		}
		return vc.baseline(c)
	case implSDK, implSDKNoValidate:
		call, err := vc.sdk(baseURL, impl == implSDK, hc)
		if err != nil {
			tb.Fatal(err)
		}
		return call
	}
	tb.Fatalf("unknown impl %q", impl)
	return nil
}

// response is a captured answer of a vendor's fake.
type response struct {
	status int
	body   []byte
}

// capture sends vc's request once to the vendor's fake and returns its answer,
// which must be a success.
func capture(tb testing.TB, vc *vendorCase) response {
	tb.Helper()
	url, stop, err := vc.startFake()
	if err != nil {
		tb.Fatal(err)
	}
	defer stop()
	c := newBaselineClient(vc, url)
	defer c.hc.CloseIdleConnections()
	status, body, err := c.roundTrip(context.Background(), vc.body)
	if err != nil {
		tb.Fatal(err)
	}
	if status < 200 || status > 299 {
		tb.Fatalf("%s fake answered %d: %s", vc.name, status, body)
	}
	return response{status: status, body: body}
}

// replayServer is the server the benchmarks run against. It reads the whole
// request body, checks the path and the credential, and answers with a
// captured response, framed as the fake frames it (Content-Type set, no
// Content-Length, so a large body goes chunked). It counts the connections it
// accepts, as the fake does.
type replayServer struct {
	*httptest.Server
	accepted atomic.Int64
}

var contentTypeJSON = []string{"application/json"}

func startReplay(tb testing.TB, vc *vendorCase, resp response) *replayServer {
	tb.Helper()
	s := &replayServer{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			return
		}
		answer := vc.answer(r, resp)
		if answer.body != nil {
			w.Header()["Content-Type"] = contentTypeJSON
		}
		w.WriteHeader(answer.status)
		w.Write(answer.body)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.accepted.Add(1)
		}
	}
	s.Start()
	tb.Cleanup(s.Close)
	return s
}

// answer is what the benchmarks' servers answer to r, whose body has been
// read: 404 for another method or path, 401 for another credential, and
// else resp.
func (vc *vendorCase) answer(r *http.Request, resp response) response {
	switch {
	case r.Method != http.MethodPost || r.URL.Path != vc.path:
		return response{status: http.StatusNotFound}
	case headerValue(r.Header, vc.authHeader) != vc.authValue:
		return response{status: http.StatusUnauthorized}
	}
	return resp
}

// headerValue is the first value of the header name in h, found as a server
// finds it, whatever the case: memoryTransport is handed the header map as
// the client built it, where a name may be spelled as the vendor documents
// it ("x-api-key") rather than canonically.
func headerValue(h http.Header, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// ConnsAccepted returns how many connections the server has accepted.
func (s *replayServer) ConnsAccepted() int { return int(s.accepted.Load()) }

// benchCreate runs vc's create call as sub-benchmarks impl=baseline,
// impl=sdk and impl=sdk-novalidate, against one replay server.
func benchCreate(b *testing.B, vc *vendorCase) {
	srv := startReplay(b, vc, capture(b, vc))
	ctx := context.Background()
	for _, impl := range shuffledImpls() {
		b.Run("impl="+impl, func(b *testing.B) {
			// Each run starts from the same state: no connection of an
			// earlier run left open, and no garbage of it left to collect.
			srv.CloseClientConnections()
			runtime.GC()
			call := newCall(b, vc, impl, srv.URL)
			// One call before timing: it dials the connection that the
			// timed calls reuse, and fills the caches of both sides.
			if _, err := call(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				if _, err := call(ctx); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

// cpuMeter reports the CPU time the process spent per iteration, client,
// server and collector together, as the metric cpu-ns/op. On a shared
// machine a loopback call's wall time (sec/op) also counts the turns it
// waits for a core while other processes run, which vary from one second to
// the next by more than the difference being measured; the CPU time it uses
// varies less (see the package documentation).
type cpuMeter struct {
	start time.Duration
	ok    bool
}

func startCPU() cpuMeter {
	d, ok := processCPU()
	return cpuMeter{start: d, ok: ok}
}

func (m cpuMeter) report(b *testing.B) {
	end, ok := processCPU()
	if !m.ok || !ok || b.N == 0 {
		return
	}
	b.ReportMetric(float64(end-m.start)/float64(b.N), "cpu-ns/op")
}

// openConns makes workers concurrent calls that each hold the connection
// they get until all of them have one, so that exactly workers connections
// are open and idle afterwards.
//
// Without it, workers that start together on a cold pool can open more
// connections than there are workers: a call that finds no idle connection
// starts a dial and takes whichever connection is ready first, and when a
// busy one is freed before its dial completes, the dial adds a spare to the
// pool. That is net/http's Transport, the baseline's as much as the SDK's;
// what the SDK decides is whether warm connections are reused, which is what
// the callers of openConns count.
func openConns(tb testing.TB, call createFunc, workers int) {
	tb.Helper()
	var holding sync.WaitGroup
	holding.Add(workers)
	release := make(chan struct{})
	var errs atomic.Value
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := false
			ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
				GotConn: func(httptrace.GotConnInfo) {
					if !got {
						got = true
						holding.Done()
						<-release
					}
				},
			})
			_, err := call(ctx)
			if !got {
				holding.Done()
			}
			if err != nil {
				errs.Store(err)
			}
		}()
	}
	holding.Wait()
	close(release)
	wg.Wait()
	if err, _ := errs.Load().(error); err != nil {
		tb.Fatal(err)
	}
}

// recorded is one request as a recording server saw it.
type recorded struct {
	Method, RequestURI string
	Header             http.Header
	ContentLength      int64
	TransferEncoding   []string
	Body               []byte
}

// checkSameCall is the premise of the benchmarks: the baseline sends the
// request the SDK sends (method, URL, every header, framing and body bytes)
// and returns an equal result from the same response, with validation on
// and off.
func checkSameCall(t *testing.T, vc *vendorCase) {
	t.Helper()
	resp := capture(t, vc)
	var (
		mu   sync.Mutex
		reqs = map[string]recorded{}
	)
	// Each impl has its own base URL, /<impl>, so that the recorder can tell
	// the requests apart; the prefix is cut off before comparing.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
			return
		}
		impl, rest, _ := strings.Cut(strings.TrimPrefix(r.RequestURI, "/"), "/")
		mu.Lock()
		reqs[impl] = recorded{r.Method, "/" + rest, r.Header.Clone(), r.ContentLength, r.TransferEncoding, body}
		mu.Unlock()
		w.Header()["Content-Type"] = contentTypeJSON
		w.WriteHeader(resp.status)
		w.Write(resp.body)
	}))
	defer srv.Close()
	results := map[string]any{}
	writes := map[string]int64{}
	for _, impl := range impls {
		tr := newTransport()
		var n atomic.Int64
		tr.DialContext = countWrites(&n)
		res, err := newCallOn(t, vc, impl, srv.URL+"/"+impl, tr)(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", impl, err)
		}
		results[impl], writes[impl] = res, n.Load()
	}
	want := reqs[implSDK]
	if want.Method == "" {
		t.Fatalf("the SDK's request did not arrive: %v", reqs)
	}
	if want.RequestURI != vc.path {
		t.Errorf("the SDK posted to %s, want %s", want.RequestURI, vc.path)
	}
	if got := want.Header.Get(vc.authHeader); got != vc.authValue {
		t.Errorf("the SDK sent %s: %q, want %q", vc.authHeader, got, vc.authValue)
	}
	for _, impl := range []string{implBaseline, implSDKNoValidate} {
		if diff := cmp.Diff(want, reqs[impl]); diff != "" {
			t.Errorf("request of %s differs from the SDK's (-sdk +%s):\n%s", impl, impl, diff)
		}
		if diff := cmp.Diff(results[implSDK], results[impl]); diff != "" {
			t.Errorf("result of %s differs from the SDK's (-sdk +%s):\n%s", impl, impl, diff)
		}
		if writes[impl] != writes[implSDK] {
			// net/http sends the headers on their own, a packet and a
			// wake-up of the server more, when it does not know the body
			// is in memory (a reader other than *bytes.Reader and its
			// kin): about 10µs a call on loopback.
			t.Errorf("the SDK wrote its request in %d writes, %s in %d", writes[implSDK], impl, writes[impl])
		}
	}
}

// countWrites returns a DialContext that counts the writes to the
// connections it dials in n.
func countWrites(n *atomic.Int64) func(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: c, writes: n}, nil
	}
}

type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

func ptr[T any](v T) *T { return &v }
