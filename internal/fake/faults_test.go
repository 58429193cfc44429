package fake_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// answered checks an answer with a status and a body read to its end.
func answered(status int) func(reply, error) string {
	return func(r reply, err error) string {
		if err != nil || r.status != status {
			return "want a " + http.StatusText(status) + " answer read to its end"
		}
		return ""
	}
}

// failedWith checks a call, or the reading of its answer, that fails with an
// error for which is holds.
func failedWith(what string, is func(error) bool) func(reply, error) string {
	return func(r reply, err error) string {
		if err == nil || !is(err) {
			return "want " + what
		}
		return ""
	}
}

var (
	// A reset connection is "connection reset by peer" on HTTP/1. On HTTP/2
	// it is that, or "unexpected EOF" when the client's writer met the reset
	// first and its reader found the connection closed.
	connReset = failedWith("the connection reset", func(err error) bool { return errors.Is(err, syscall.ECONNRESET) })
	connLost  = failedWith("the connection reset or cut short", func(err error) bool {
		return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF)
	})
	// Go's HTTP/2 client formats the stream error with %v, so only its text
	// tells it apart.
	streamReset = failedWith("the stream reset by the peer with PROTOCOL_ERROR, not replayed", func(err error) bool {
		return strings.Contains(err.Error(), "http2: Transport: cannot retry err [stream error: stream ID 1; PROTOCOL_ERROR; received from peer] after Request.Body was written")
	})
	malformedHeaders = failedWith("the response refused as malformed", func(err error) bool {
		return strings.Contains(err.Error(), `stream error: stream ID 1; PROTOCOL_ERROR; invalid header field name "Malformed-Response"`)
	})
	eof = failedWith("io.EOF", func(err error) bool { return errors.Is(err, io.EOF) })
)

func TestFaultsOnTheWire(t *testing.T) {
	t.Parallel()
	truncated := []byte("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
	tests := []struct {
		name  string
		fault fake.Fault
		// h1 and h2 check what a plain client sees over HTTP/1.1 (with or
		// without TLS) and HTTP/2; a call without GetBody, on a connection
		// of its own, is never replayed by the client.
		h1, h2     func(reply, error) string
		wantOrders int
		// wantBody is the request body recorded.
		wantBody string
	}{
		{"CloseBeforeBody", fake.Fault{CloseBeforeBody: true}, connReset, connLost, 0, ""},
		{"CloseAfterRecord", fake.Fault{CloseAfterRecord: true}, connReset, connLost, 1, validCall.body},
		{"ResetStream", fake.Fault{ResetStream: true}, connReset, streamReset, 1, validCall.body},
		{"Raw, a body cut short", fake.Fault{Raw: truncated},
			failedWith("a 200 whose body ends early", func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }),
			malformedHeaders, 1, validCall.body},
		{"Raw, a malformed status line", fake.Fault{Raw: []byte("HTTP/1.1 2xx Created\r\n\r\n")},
			failedWith("a malformed status code", func(err error) bool { return strings.Contains(err.Error(), `malformed HTTP status code "2xx"`) }),
			malformedHeaders, 1, validCall.body},
		{"Raw, a reason phrase that echoes the credential", fake.Fault{Raw: []byte("HTTP/1.1 401 " + credential + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")},
			answered(http.StatusUnauthorized), malformedHeaders, 1, validCall.body},
		{"Raw, empty: closed without a byte", fake.Fault{Raw: []byte{}}, eof, malformedHeaders, 1, validCall.body},
		{"Status with RecordOrder", fake.Fault{Status: 500, RecordOrder: true},
			answered(http.StatusInternalServerError), answered(http.StatusInternalServerError), 1, validCall.body},
	}
	for _, tr := range transports {
		for _, tt := range tests {
			t.Run(tr.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				s, hc := tr.start(t)
				s.Inject(tt.fault)
				r, err := send(context.Background(), hc, s.URL(), validCall.with(func(c *call) { c.noGetBody = true }))
				check := tt.h1
				if tr.h2 {
					check = tt.h2
				}
				if msg := check(r, err); msg != "" {
					t.Errorf("got status %d, error %v; %s", r.status, err, msg)
				}
				if n := len(s.Orders()); n != tt.wantOrders {
					t.Errorf("ledger holds %d orders, want %d", n, tt.wantOrders)
				}
				got := s.Received()
				if len(got) != 1 || string(got[0].Body) != tt.wantBody {
					t.Errorf("recorded %+v, want one request with body %q", got, tt.wantBody)
				}
				// The fault was for one request: the next is answered.
				if r, err := send(context.Background(), hc, s.URL(), validCall); err != nil || r.status != http.StatusCreated {
					t.Errorf("after the fault: status %d, %v", r.status, err)
				}
			})
		}
	}
}

// TestClientReplays shows the replays of net/http that the faults provoke: the
// duplicates an SDK has to prevent.
func TestClientReplays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		tr   transport
		// warm makes a call first, so that the faulted one reuses its
		// connection.
		warm  bool
		fault fake.Fault
		call  call
		// wantErr is empty when the call succeeds.
		wantErr                             string
		wantOrders, wantRequests, wantConns int
	}{
		// Go's HTTP/2 client replays a request whose stream the server reset
		// with PROTOCOL_ERROR, on a new connection, if it can rewind the
		// body.
		{name: "HTTP/2, RST_STREAM, GetBody set: replayed", tr: transports[2],
			fault: fake.Fault{ResetStream: true}, call: validCall,
			wantOrders: 2, wantRequests: 2, wantConns: 2},
		{name: "HTTP/2, RST_STREAM, no GetBody: not replayed", tr: transports[2],
			fault: fake.Fault{ResetStream: true}, call: validCall.with(func(c *call) { c.noGetBody = true }),
			wantErr: "define Request.GetBody to avoid this error", wantOrders: 1, wantRequests: 1, wantConns: 1},
		{name: "HTTP/2, connection reset, GetBody set: not replayed", tr: transports[2],
			fault: fake.Fault{CloseAfterRecord: true}, call: validCall,
			wantErr: "127.0.0.1", wantOrders: 1, wantRequests: 1, wantConns: 1},
		// Go's HTTP/1 client replays a POST that carries an Idempotency-Key
		// when a reused connection fails before the answer's first byte.
		{name: "HTTP/1.1, reused connection reset, Idempotency-Key: replayed", tr: transports[0], warm: true,
			fault: fake.Fault{CloseAfterRecord: true}, call: validCall.with(func(c *call) { c.key = "k1" }),
			wantOrders: 3, wantRequests: 3, wantConns: 2},
		{name: "HTTP/1.1 over TLS, reused connection reset, Idempotency-Key: replayed", tr: transports[1], warm: true,
			fault: fake.Fault{CloseAfterRecord: true}, call: validCall.with(func(c *call) { c.key = "k1" }),
			wantOrders: 3, wantRequests: 3, wantConns: 2},
		{name: "HTTP/1.1, reused connection reset, no key: not replayed", tr: transports[0], warm: true,
			fault: fake.Fault{CloseAfterRecord: true}, call: validCall,
			wantErr: "connection reset by peer", wantOrders: 2, wantRequests: 2, wantConns: 1},
		{name: "HTTP/1.1, fresh connection reset, Idempotency-Key: not replayed", tr: transports[0],
			fault: fake.Fault{CloseAfterRecord: true}, call: validCall.with(func(c *call) { c.key = "k1" }),
			wantErr: "connection reset by peer", wantOrders: 1, wantRequests: 1, wantConns: 1},
		{name: "HTTP/2, malformed answer, GetBody set: not replayed", tr: transports[2],
			fault: fake.Fault{Raw: []byte{}}, call: validCall,
			wantErr: "invalid header field name", wantOrders: 1, wantRequests: 1, wantConns: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, hc := tt.tr.start(t)
			if tt.warm {
				if _, err := send(context.Background(), hc, s.URL(), validCall); err != nil {
					t.Fatal(err)
				}
			}
			s.Inject(tt.fault)
			r, err := send(context.Background(), hc, s.URL(), tt.call)
			switch {
			case tt.wantErr == "" && (err != nil || r.status != http.StatusCreated):
				t.Errorf("got status %d, error %v; want the replay's 201", r.status, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got status %d, error %v; want an error with %q", r.status, err, tt.wantErr)
			}
			if n := len(s.Orders()); n != tt.wantOrders {
				t.Errorf("ledger holds %d orders, want %d", n, tt.wantOrders)
			}
			if n := s.Requests(); n != tt.wantRequests {
				t.Errorf("Requests() = %d, want %d", n, tt.wantRequests)
			}
			if n := s.ConnsAccepted(); n != tt.wantConns {
				t.Errorf("ConnsAccepted() = %d, want %d", n, tt.wantConns)
			}
		})
	}
}

// sendInBackground makes the valid call in a goroutine of its own and passes
// on its error, an answer being an error too.
func sendInBackground(ctx context.Context, hc *http.Client, base string) <-chan error {
	done := make(chan error, 1)
	go func() {
		r, err := send(ctx, hc, base, validCall)
		if err == nil {
			err = errors.New("answered " + http.StatusText(r.status))
		}
		done <- err
	}()
	return done
}

func TestHangAfterRecord(t *testing.T) {
	t.Parallel()
	for _, tr := range transports {
		t.Run(tr.name+"/released by the client's cancel", func(t *testing.T) {
			t.Parallel()
			s, hc := tr.start(t)
			s.Inject(fake.Fault{HangAfterRecord: true})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := sendInBackground(ctx, hc, s.URL())
			waitFor(t, "the order to be recorded", func() bool { return len(s.Orders()) == 1 })
			select {
			case err := <-done:
				t.Fatalf("the call ended before its cancel: %v", err)
			default:
			}
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			if r, err := send(context.Background(), hc, s.URL(), validCall); err != nil || r.status != http.StatusCreated {
				t.Fatalf("after the hang: status %d, %v", r.status, err)
			}
			if n := s.Requests(); n != 2 {
				t.Errorf("Requests() = %d, want 2", n)
			}
			// HTTP/1 has to drop the connection to cancel; HTTP/2 resets the
			// stream only and keeps the connection.
			wantConns := 2
			if tr.h2 {
				wantConns = 1
			}
			if n := s.ConnsAccepted(); n != wantConns {
				t.Errorf("ConnsAccepted() = %d, want %d", n, wantConns)
			}
		})
		t.Run(tr.name+"/released by Close", func(t *testing.T) {
			t.Parallel()
			s, hc := tr.start(t)
			s.Inject(fake.Fault{HangAfterRecord: true})
			done := sendInBackground(context.Background(), hc, s.URL())
			waitFor(t, "the order to be recorded", func() bool { return len(s.Orders()) == 1 })
			s.Close()
			// Close and the released handler race to end the connection:
			// it is reset or closed.
			if err := <-done; !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("err = %v, want the connection reset or closed", err)
			}
			if n := len(s.Orders()); n != 1 {
				t.Errorf("ledger holds %d orders, want 1", n)
			}
		})
	}
}

func TestDelay(t *testing.T) {
	t.Parallel()
	for _, tr := range transports {
		t.Run(tr.name+"/holds the answer back", func(t *testing.T) {
			t.Parallel()
			s, hc := tr.start(t)
			s.Inject(fake.Fault{Delay: 40 * time.Millisecond})
			began := time.Now()
			if r, err := send(context.Background(), hc, s.URL(), validCall); err != nil || r.status != http.StatusCreated {
				t.Fatalf("status %d, %v", r.status, err)
			}
			// A lower bound only: a timer never fires early.
			if took := time.Since(began); took < 40*time.Millisecond {
				t.Errorf("answered after %v, want at least the 40ms delay", took)
			}
		})
		t.Run(tr.name+"/creates the order after the client has gone", func(t *testing.T) {
			t.Parallel()
			s, hc := tr.start(t)
			// The delay need only outlast the cancel that follows the
			// request's arrival; a wide margin keeps a busy machine from
			// answering first.
			s.Inject(fake.Fault{Delay: 2 * time.Second})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := sendInBackground(ctx, hc, s.URL())
			waitFor(t, "the request body to arrive", func() bool {
				got := s.Received()
				return len(got) == 1 && got[0].Body != nil
			})
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			waitFor(t, "the order to be created", func() bool { return len(s.Orders()) == 1 })
		})
		t.Run(tr.name+"/Close does not wait for it", func(t *testing.T) {
			t.Parallel()
			s, hc := tr.start(t)
			s.Inject(fake.Fault{Delay: time.Hour})
			done := sendInBackground(context.Background(), hc, s.URL())
			waitFor(t, "the request to arrive", func() bool { return s.Requests() == 1 })
			// Were Close to wait for the hour, the test would time out.
			s.Close()
			s.Close() // a second Close is harmless
			if err := <-done; strings.HasPrefix(err.Error(), "answered") {
				t.Errorf("the delayed request was %v after Close", err)
			}
			if n := len(s.Orders()); n != 0 {
				t.Errorf("ledger holds %d orders after Close", n)
			}
		})
	}
}

// TestRedirectAfterRecord checks that a 3xx fault with RecordOrder and a
// Location is a vendor that creates the order and then redirects, and what a
// plain client makes of it.
func TestRedirectAfterRecord(t *testing.T) {
	t.Parallel()
	to := http.Header{"Location": {"/stores/s1/orders"}}
	tests := []struct {
		name         string
		status       int
		follow       bool
		wantStatus   int
		wantRequests int
		wantOrders   int
		wantMethods  string
	}{
		// 307 and 308 keep the method and body: the client posts again.
		{"307 followed", http.StatusTemporaryRedirect, true, http.StatusCreated, 2, 2, "POST POST"},
		{"308 followed", http.StatusPermanentRedirect, true, http.StatusCreated, 2, 2, "POST POST"},
		// 303 turns the call into a GET, which the vendor has no route for.
		{"303 followed", http.StatusSeeOther, true, http.StatusNotFound, 2, 1, "POST GET"},
		{"307 not followed", http.StatusTemporaryRedirect, false, http.StatusTemporaryRedirect, 1, 1, "POST"},
	}
	for _, tr := range transports {
		for _, tt := range tests {
			t.Run(tr.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				s, hc := tr.start(t)
				if !tt.follow {
					hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
				}
				s.Inject(fake.Fault{Status: tt.status, Header: to, RecordOrder: true})
				r, err := send(context.Background(), hc, s.URL(), validCall)
				if err != nil || r.status != tt.wantStatus {
					t.Fatalf("status %d, %v; want %d", r.status, err, tt.wantStatus)
				}
				if !tt.follow && r.header.Get("Location") != "/stores/s1/orders" {
					t.Errorf("Location = %q", r.header.Get("Location"))
				}
				var methods []string
				for _, req := range s.Received() {
					methods = append(methods, req.Method)
				}
				if got := strings.Join(methods, " "); got != tt.wantMethods || s.Requests() != tt.wantRequests {
					t.Errorf("requests received: %q, want %q", got, tt.wantMethods)
				}
				if n := len(s.Orders()); n != tt.wantOrders {
					t.Errorf("ledger holds %d orders, want %d", n, tt.wantOrders)
				}
			})
		}
	}
}

func TestConnections(t *testing.T) {
	t.Parallel()
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			s, hc := tr.start(t)
			for i := 0; i < 3; i++ {
				if r, err := send(context.Background(), hc, s.URL(), validCall); err != nil || r.status != 201 {
					t.Fatalf("request %d: %v", i, err)
				}
			}
			if a, o := s.ConnsAccepted(), s.OpenConns(); a != 1 || o != 1 {
				t.Errorf("after 3 keep-alive requests: accepted %d, open %d; want 1, 1", a, o)
			}
			hc.CloseIdleConnections()
			waitFor(t, "the connection to close", func() bool { return s.OpenConns() == 0 })

			noKeepAlive := s.HTTP1Client()
			if tr.h2 {
				noKeepAlive = s.HTTPClient()
			}
			noKeepAlive.Transport.(*http.Transport).DisableKeepAlives = true
			for i := 0; i < 2; i++ {
				if _, err := send(context.Background(), noKeepAlive, s.URL(), validCall); err != nil {
					t.Fatal(err)
				}
			}
			if a := s.ConnsAccepted(); a != 3 {
				t.Errorf("accepted %d connections, want 3", a)
			}
			// A dropped connection is no longer open.
			s.Inject(fake.Fault{CloseAfterRecord: true})
			if _, err := send(context.Background(), hc, s.URL(), validCall); err == nil {
				t.Fatal("want the connection dropped")
			}
			waitFor(t, "every connection to close", func() bool { return s.OpenConns() == 0 })
			if a := s.ConnsAccepted(); a != 4 {
				t.Errorf("accepted %d connections, want 4", a)
			}
		})
	}
}

// TestHTTP2Multiplexes checks that calls made at once share one HTTP/2
// connection, as they do with a real vendor, and that the fake counts it once.
func TestHTTP2Multiplexes(t *testing.T) {
	t.Parallel()
	s, hc := transports[2].start(t)
	// A first call makes the connection, so that the others find it.
	if r, err := send(context.Background(), hc, s.URL(), validCall); err != nil || r.proto != "HTTP/2.0" {
		t.Fatalf("%+v, %v", r, err)
	}
	// The calls hang together, so that they are all in flight at once.
	s.SetFaultFunc(func(int) *fake.Fault { return &fake.Fault{HangAfterRecord: true} })
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(ctx, hc, s.URL(), validCall)
		}()
	}
	waitFor(t, "the four calls to be in flight", func() bool { return len(s.Orders()) == 5 })
	if a, o := s.ConnsAccepted(), s.OpenConns(); a != 1 || o != 1 {
		t.Errorf("with 4 calls in flight: accepted %d, open %d; want 1, 1", a, o)
	}
	cancel()
	wg.Wait()
	s.SetFaultFunc(nil)
	if r, err := send(context.Background(), hc, s.URL(), validCall); err != nil || r.status != http.StatusCreated {
		t.Fatalf("after the cancels: %d, %v", r.status, err)
	}
	if a := s.ConnsAccepted(); a != 1 {
		t.Errorf("accepted %d connections, want 1", a)
	}
}

// TestHTTP2HeaderBlocksStayInStep checks that the responses the interposer
// withholds leave HPACK in step: on one connection, answers before and after
// faulted ones, whose header blocks Go's server encoded against its dynamic
// table, still decode to the headers the fake sent.
func TestHTTP2HeaderBlocksStayInStep(t *testing.T) {
	t.Parallel()
	// The rate limit's headers change from one answer to the next.
	s, hc := transports[2].start(t, fake.WithRateLimit(100, time.Hour))
	var got []string
	for i := 0; i < 6; i++ {
		if i%2 == 1 {
			s.Inject(fake.Fault{Raw: []byte{}})
		}
		r, err := send(context.Background(), hc, s.URL(), validCall)
		if i%2 == 1 {
			if err == nil || !strings.Contains(err.Error(), "invalid header field name") {
				t.Fatalf("call %d: %d, %v; want the malformed answer", i, r.status, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		got = append(got, strings.Join([]string{r.proto, http.StatusText(r.status), r.header.Get("Content-Type"),
			r.header.Get("RateLimit-Limit"), r.header.Get("RateLimit-Remaining"), r.header.Get("Ordersdk-Fake-Ending")}, " "))
	}
	want := []string{
		"HTTP/2.0 Created application/json 100 99 ",
		"HTTP/2.0 Created application/json 100 97 ",
		"HTTP/2.0 Created application/json 100 95 ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if n := s.ConnsAccepted(); n != 1 {
		t.Errorf("ConnsAccepted() = %d, want the one connection", n)
	}
}

// TestLargeHeaders checks a header block larger than a frame, which the
// interposer passes on as HEADERS and CONTINUATION frames.
func TestLargeHeaders(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("0123456789abcdef", 3<<10) // 48 KiB, three frames and more
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			s, hc := tr.start(t)
			s.Inject(fake.Fault{Status: http.StatusServiceUnavailable, Header: http.Header{"X-Big": {big}, "Retry-After": {"7"}}})
			r, err := send(context.Background(), hc, s.URL(), validCall)
			if err != nil {
				t.Fatal(err)
			}
			if r.status != http.StatusServiceUnavailable || r.header.Get("X-Big") != big || r.header.Get("Retry-After") != "7" {
				t.Errorf("got %d, X-Big of %d bytes, Retry-After %q; want 503, %d bytes, 7", r.status, len(r.header.Get("X-Big")), r.header.Get("Retry-After"), len(big))
			}
			if r, err := send(context.Background(), hc, s.URL(), validCall); err != nil || r.status != http.StatusCreated {
				t.Errorf("next call: %d, %v", r.status, err)
			}
		})
	}
}
