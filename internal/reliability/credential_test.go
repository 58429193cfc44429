package reliability

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// secret is the credential the credential tests give every client and fake;
// they search everything a caller can print or log for it.
const secret = "sk_live_RELIABILITY_s3cr3t_7f3a9c41"

// renderings returns every way a caller might print v.
func renderings(v any) []string {
	out := []string{fmt.Sprint(v), fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v), fmt.Sprintf("%q", v)}
	if err, ok := v.(error); ok && err != nil {
		out = append(out, err.Error())
		// And every error it wraps.
		for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
			out = append(out, e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e))
		}
	}
	return out
}

// shown returns the first rendering of v, or of a field of v that a caller
// may read (an error's Body, Message, RequestID, ...; a Response's Body and
// Header), that holds cred or a piece of it at least minPiece bytes long (0:
// the whole of cred).
func shown(k *kit, v any, cred string, minPiece int) (string, bool) {
	texts := renderings(v)
	if err, ok := v.(error); ok && err != nil {
		ev := k.view(err)
		if ev.api != nil {
			texts = append(texts, fmt.Sprintf("%+v", *ev.api), string(ev.api.Body))
		}
		if ev.decode != nil {
			texts = append(texts, fmt.Sprintf("%+v", *ev.decode), string(ev.decode.Body))
		}
		if ev.request != nil {
			texts = append(texts, fmt.Sprintf("%+v", *ev.request))
		}
		if ev.redirect != nil {
			texts = append(texts, fmt.Sprintf("%+v", *ev.redirect))
		}
		if ev.validation != nil {
			texts = append(texts, fmt.Sprintf("%+v", *ev.validation))
		}
	}
	if r, ok := v.(*response); ok && r != nil {
		texts = append(texts, string(r.Body), r.RequestID, fmt.Sprintf("%q", r.Header))
		texts = append(texts, renderings(r.raw)...)
	}
	for _, s := range texts {
		if holds(s, cred, minPiece) {
			return s, true
		}
	}
	return "", false
}

// holds reports whether s holds cred, or a piece of it of at least minPiece
// bytes when minPiece > 0.
func holds(s, cred string, minPiece int) bool {
	if minPiece <= 0 || minPiece >= len(cred) {
		return strings.Contains(s, cred)
	}
	for i := 0; i+minPiece <= len(cred); i++ {
		if strings.Contains(s, cred[i:i+minPiece]) {
			return true
		}
	}
	return false
}

// noSecret fails the test if any rendering of v, or any field of it a caller
// may read, shows secret.
func noSecret(t *testing.T, k *kit, what string, v any) {
	t.Helper()
	noCredential(t, k, what, v, secret, 0)
}

// noCredential is noSecret for cred, and for its pieces of minPiece bytes.
func noCredential(t *testing.T, k *kit, what string, v any, cred string, minPiece int) {
	t.Helper()
	if s, ok := shown(k, v, cred, minPiece); ok {
		t.Errorf("%s shows the credential: %s", what, s)
	}
}

// noSecretLogged fails the test if a log record, at any level, shows cred
// or a piece of it.
func noSecretLogged(t *testing.T, logs *logRecorder, cred string, minPiece int) {
	t.Helper()
	for _, line := range logs.lines() {
		if holds(line, cred, minPiece) {
			t.Errorf("a log record shows the credential: %s", line)
		}
	}
}

// echoErrorBodies are error bodies that echo the credential in every member
// any vendor's decoder reads.
var echoErrorBodies = []string{
	`{"error":{"code":"S","message":"S"},"message":"S","code":"S","details":["S","S"],"invalidFields":[{"field":"S","message":"S"},"S"],"success":false,"data":null}`,
	`{"error":"S","message":"S"}`,
	`{"invalidFields":{"S":["S"],"x":"S"},"code":12345678901234567890123,"message":"S"}`,
	`{"error":1e400,"message":"S"}`,
	`S`,
	`<html><title>S</title></html>`,
}

// echoSuccessBodies are 2xx bodies that echo the credential where a decoder
// might quote it in its error: as a date, as a member name the decoders name
// in theirs, and in envelopes that report failure.
var echoSuccessBodies = []string{
	`{"success":false,"message":"S","code":"S","details":["S"]}`,
	`{"data":{"id":"x","createdAt":"S","updatedAt":"S","dateCreated":"S"},"result":[{"id":"x","createdAt":"S"}],"count":1,"success":true}`,
	`{"data":{"id":"x","S":1e400},"success":true}`,
	`{"data":{"id":"x","order_lines":[{"S":1e400}],"billing_address":{"S":1e400}},"success":true}`,
	`{"data":{"id":"x","customer":{"S":1e400},"items":[{"S":{}}]},"result":[{"id":"x","S":1e400,"orderTotal":"S"}],"success":true}`,
	`{"data":"S","result":"S","success":"S"}`,
	`S`,
}

func withSecret(body string) []byte { return []byte(strings.ReplaceAll(body, "S", secret)) }

// hostileWire are raw answers that break HTTP where net/http quotes what it
// read in its errors, each echoing the credential.
var hostileWire = []string{
	"S\r\n\r\n",
	"HTTP/1.1 S\r\n\r\n",
	"HTTP/1.1 200 OK\r\nS\r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Length: S\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: S\r\n\r\n",
	"HTTP/1.1 500 S\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
	"HTTP/1.1 401 Unauthorized\r\nX-Request-Id: S\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
}

// TestCredentialNeverShown drives each vendor's client, across the matrix,
// into every kind of error, against a fake that echoes the credential in
// bodies, headers, redirects and broken HTTP, and checks that no error (its
// text, its renderings, the fields a caller reads), printed client, option,
// result or Response, and no log record at any level shows it.
func TestCredentialNeverShown(t *testing.T) {
	t.Parallel()
	forEachRoute(t, matrix, fakeConfig{credential: secret}, func(t *testing.T, k *kit, r *route) {
		logs := newLogRecorder()
		// One retry, and rate-limit retries for at most 10ms: the fake
		// answers every request alike.
		opts := append([]option{withLogger(logs.logger()), withMaxRetries(1), withMaxRateLimitWait(10 * time.Millisecond)}, fastRetries...)
		c := r.dial(t, k, opts...)
		for i, o := range c.options {
			noSecret(t, k, fmt.Sprintf("option %d", i), o)
		}
		noSecret(t, k, "client", c.sdk)
		noSecret(t, k, "client value", reflect.ValueOf(c.sdk).Elem().Interface())

		kinds := map[string]bool{}
		check := func(what string, res created, err error, resp *response) {
			t.Helper()
			noSecret(t, k, what+": error", err)
			noSecret(t, k, what+": response", resp)
			if err != nil {
				kinds[k.view(err).kind()] = true
			} else if !strings.Contains(what, "echo") {
				// A result is the vendor's data, returned as sent: only
				// one the vendor did not fill with the credential is
				// checked.
				noSecret(t, k, what+": result", res.value)
			}
		}
		call := func(what string) {
			t.Helper()
			var resp response
			res, err := c.create(context.Background(), "ref", withResponse(&resp))
			check(what, res, err, &resp)
		}

		call("success")
		// Every status, with the credential echoed in the body, in the
		// request id and in the retry hints.
		echoHeader := http.Header{"X-Request-Id": {secret}, "Retry-After": {secret}, "RateLimit-Reset": {secret}}
		for _, status := range []int{400, 401, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504} {
			for i, b := range echoErrorBodies {
				r.srv.always(fake.Fault{Status: status, Header: echoHeader, Body: withSecret(b)})
				call(fmt.Sprintf("%d body %d", status, i))
			}
		}
		for i, b := range echoSuccessBodies {
			r.srv.always(fake.Fault{Status: k.successStatus, Header: echoHeader, Body: withSecret(b)})
			call(fmt.Sprintf("2xx echo body %d", i))
		}
		// A redirect whose target carries the credential.
		for _, loc := range []string{"https://evil.example/steal?token=S", "http://S@evil.example/", "/orders?token=S"} {
			r.srv.always(fake.Fault{Status: http.StatusTemporaryRedirect,
				Header: http.Header{"Location": {strings.ReplaceAll(loc, "S", secret)}}})
			call("redirect to " + loc)
		}
		r.srv.SetFaultFunc(nil)
		// Connections and streams lost, before and after the order.
		for _, f := range []fake.Fault{{CloseBeforeBody: true}, {CloseAfterRecord: true}, {ResetStream: true}} {
			r.srv.Inject(f)
			call(fmt.Sprintf("lost %+v", f))
		}
		// A call given up while the vendor holds the answer back.
		r.srv.Inject(fake.Fault{HangAfterRecord: true})
		ctx, cancel := context.WithCancel(context.Background())
		whenRecorded(t, r.srv, len(r.srv.Ledger())+1, cancel)
		var resp response
		res, err := c.create(ctx, "hang", withResponse(&resp))
		check("cancelled", res, err, &resp)
		// Broken HTTP that net/http quotes in its errors; on HTTP/2 the fake
		// sends a malformed header block instead.
		for i, wire := range hostileWire {
			r.srv.Inject(fake.Fault{Raw: withSecret(wire)})
			call(fmt.Sprintf("broken HTTP %d (%q)", i, wire))
		}
		// An invalid order, refused before sending.
		bad := []byte(`{}`)
		if k.name == "konvo" {
			bad = []byte(`[{}]`)
		}
		res, err = c.createJSON(context.Background(), k.params, bad)
		check("validation", res, err, nil)

		for _, want := range []string{"APIError", "DecodeError", "RequestError", "ValidationError"} {
			if !kinds[want] {
				t.Errorf("no call ended with a %s; the test no longer covers it", want)
			}
		}
		noSecretLogged(t, logs, secret, 0)
		if n := len(logs.all()); n < 50 {
			t.Errorf("only %d log records; the logger was not exercised", n)
		}
	})
}

// TestCredentialEchoedAwkwardly checks the ways a credential used to leak
// past the redaction, per vendor and across the matrix where the fault
// applies:
//
//   - a chunked 2xx whose malformed trailer echoes the key, which net/http
//     quotes in its read error (raw HTTP/1 bytes; a forwarding proxy reads
//     the trailer itself, so not through it);
//   - a request id longer than the 200 bytes the SDK keeps, with the key
//     straddling byte 200;
//   - a long token echoed back whole as the request id;
//   - a key containing "/" echoed JSON-escaped as "\/" in an error body.
func TestCredentialEchoedAwkwardly(t *testing.T) {
	t.Parallel()
	long := longToken()
	slashed := "sk/live/RELIABILITY/s3cr3t/7f3a"
	for _, cred := range []struct {
		name, value string
		// piece is the shortest piece of the credential that must not show.
		piece int
	}{{"secret", secret, 10}, {"long token", long, 16}, {"slashed", slashed, 8}} {
		t.Run(cred.name, func(t *testing.T) {
			t.Parallel()
			forEachRoute(t, matrix, fakeConfig{credential: cred.value}, func(t *testing.T, k *kit, r *route) {
				success, _ := vendorBodies(t, k)
				logs := newLogRecorder()
				c := r.dial(t, k, append([]option{withLogger(logs.logger()), withMaxRetries(0), withMaxRateLimitWait(0)}, fastRetries...)...)
				call := func(what string, f fake.Fault) {
					t.Helper()
					r.srv.Inject(f)
					var resp response
					res, err := c.create(context.Background(), "ref", withResponse(&resp))
					noCredential(t, k, what+": error", err, cred.value, cred.piece)
					noCredential(t, k, what+": response", &resp, cred.value, cred.piece)
					if err == nil {
						noCredential(t, k, what+": result", res.value, cred.value, cred.piece)
					}
					if len(resp.RequestID) > 200 {
						t.Errorf("%s: Response.RequestID holds %d bytes, more than 200", what, len(resp.RequestID))
					}
					if v := k.view(err); v.api != nil && len(v.api.RequestID) > 200 {
						t.Errorf("%s: APIError.RequestID holds %d bytes, more than 200", what, len(v.api.RequestID))
					}
				}
				// The credential straddles byte 200 of the request id, or is
				// the whole of it.
				ids := []string{strings.Repeat("r", 200-cred.piece) + cred.value + "-tail", cred.value}
				for i, id := range ids {
					h := http.Header{"X-Request-Id": {id}}
					call(fmt.Sprintf("request id %d on a 500", i), fake.Fault{Status: 500, Header: h})
					call(fmt.Sprintf("request id %d on a 401", i), fake.Fault{Status: 401, Header: h})
					call(fmt.Sprintf("request id %d on a 2xx", i), fake.Fault{Status: k.successStatus, Header: h, Body: success})
				}
				// The credential JSON-escaped in an error body: "\/" for
				// "/", as PHP writes it.
				escaped := strings.ReplaceAll(cred.value, "/", `\/`)
				for i, b := range echoErrorBodies[:3] {
					call(fmt.Sprintf("escaped in error body %d", i), fake.Fault{Status: 400, Body: []byte(strings.ReplaceAll(b, "S", escaped))})
				}
				if !r.h2() && !r.forwarding() {
					// A chunked 2xx, its body whole, then a trailer line
					// without a colon that echoes the credential.
					wire := fmt.Sprintf("HTTP/1.1 %d OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n%x\r\n%s\r\n0\r\n%s\r\n\r\n",
						k.successStatus, len(success), success, cred.value)
					call("malformed trailer", fake.Fault{Raw: []byte(wire)})
				}
				noSecretLogged(t, logs, cred.value, cred.piece)
			})
		})
	}
}

// longToken returns a 320-byte token with no repeated piece of 16 bytes, as a
// JWT or an OAuth token is long and varied.
func longToken() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var b strings.Builder
	b.WriteString("eyJ")
	x := uint32(2463534242)
	for b.Len() < 320 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b.WriteByte(alphabet[x%uint32(len(alphabet))])
	}
	return b.String()
}

// TestCredentialInBaseURL checks that New refuses a base URL that holds the
// credential, in its path, query or fragment and in any spelling, and that
// its error never quotes it; and that user info or plain http off loopback
// is refused without quoting the credential either.
func TestCredentialInBaseURL(t *testing.T) {
	t.Parallel()
	slashed := "sk/live/RELIABILITY/s3cr3t/7f3a"
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			for _, cred := range []string{secret, slashed} {
				escaped := url.PathEscape(cred)
				for _, base := range []string{
					"https://api.example.com/S/", "https://api.example.com/v1/S", "http://127.0.0.1:1/S/",
					"https://api.example.com/" + escaped + "/", "https://api.example.com/v1?key=S", "https://api.example.com/#S",
					"https://user:S@api.example.com", "http://api.example.com/?api_key=S", "ftp://api.example.com/S",
					"https://api.example.com/%zzS", "https://api.example.com\x7fS",
				} {
					base = strings.ReplaceAll(base, "S", cred)
					logs := newLogRecorder()
					c, err := k.dial(base, cred, withLogger(logs.logger()))
					if err == nil {
						t.Errorf("New accepted base URL %q: %v", base, c.sdk)
						continue
					}
					noCredential(t, k, "New with base URL "+base, err, cred, 0)
					noSecretLogged(t, logs, cred, 0)
				}
			}
			for _, cred := range []string{secret + "\n", "\r\n" + secret} {
				if _, err := k.dial("https://api.example.com", cred); err == nil {
					t.Errorf("New accepted a credential with a line break")
				} else {
					noSecret(t, k, "New with a line break in the credential", err)
				}
			}
		})
	}
}

// TestShortCredentialKeepsOwnWords checks that redaction never garbles the
// SDK's own words: with the credential "k", which every "k" of a message
// would match, New's errors hold no "[REDACTED]" at all, and neither does a
// 401's error text outside the parts the vendor sent.
func TestShortCredentialKeepsOwnWords(t *testing.T) {
	t.Parallel()
	const short = "k"
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			for _, tt := range []struct {
				base string
				opts []option
				want string
			}{
				{"http://kiosk.example.com", nil, "plain http is allowed only on a loopback host"},
				{"ftp://kiosk.example.com", nil, "must be an absolute http(s) URL"},
				{"https://kiosk.example.com/kitchen/", nil, "the base URL holds the credential"},
				{"https://user:k@kiosk.example.com", nil, "base URL"},
				{"https://kiosk.example.com", []option{withMaxRetries(99)}, "max retries 99 is outside 0..20"},
				{"https://kiosk.example.com", []option{withBackoff(2, 1)}, "need 0 < base <= cap"},
				{"https://kiosk.example.com", []option{withZeroOption()}, "is nil"},
			} {
				_, err := k.dial(tt.base, short, tt.opts...)
				if err == nil {
					t.Errorf("New(%q, %q) succeeded", short, tt.base)
					continue
				}
				if strings.Contains(err.Error(), "[REDACTED]") || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("New's error %q: want the SDK's words %q intact, and no [REDACTED]", err, tt.want)
				}
				if !strings.HasPrefix(err.Error(), k.name+": ") {
					t.Errorf("New's error %q does not start with the vendor's name", err)
				}
			}
			srv := k.start(t, fakeConfig{credential: "not-" + short})
			logs := newLogRecorder()
			c, err := k.dial(srv.URL(), short, withLogger(logs.logger()))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(c.closeIdle)
			_, err = c.create(context.Background(), "ref")
			v := k.view(err)
			if v.api == nil || v.api.StatusCode != http.StatusUnauthorized {
				t.Fatalf("err = %v, want the fake's 401", err)
			}
			// The vendor's parts of the text may be redacted; the rest is
			// the SDK's own, and must be intact.
			own := err.Error()
			for _, part := range []string{v.api.Code, v.api.Message, v.api.RequestID} {
				if part != "" {
					own = strings.Replace(own, part, "", 1)
				}
			}
			if strings.Contains(own, "[REDACTED]") || !strings.HasPrefix(err.Error(), k.name+": 401 Unauthorized") {
				t.Errorf("401's error text %q garbles the SDK's own words", err)
			}
			for _, line := range logs.lines() {
				if strings.Contains(line, "[REDACTED]") {
					t.Errorf("a log record garbles the SDK's own words: %s", line)
				}
			}
		})
	}
}

// TestRedirectNeverCarriesCredential checks, for each vendor across the
// matrix and each redirect status, that a redirect to another host is
// refused before anything is sent there, even when the caller's own
// http.Client would follow it.
func TestRedirectNeverCarriesCredential(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	var leaked atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		for _, vs := range r.Header {
			for _, v := range vs {
				if strings.Contains(v, secret) {
					leaked.Store(true)
				}
			}
		}
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(other.Close)
	forEachRoute(t, matrix, fakeConfig{credential: secret}, func(t *testing.T, k *kit, r *route) {
		for _, status := range []int{301, 302, 303, 307, 308} {
			for _, permissive := range []bool{false, true} {
				name := fmt.Sprint(status)
				if permissive {
					if r.hc == nil {
						continue
					}
					name += "/caller follows everything"
				}
				t.Run(name, func(t *testing.T) {
					m := r.mark()
					r.srv.Inject(fake.Fault{Status: status, Header: http.Header{"Location": {other.URL + "/orders"}}})
					var opts []option
					if permissive {
						hc := *r.hc
						hc.CheckRedirect = func(*http.Request, []*http.Request) error { return nil }
						opts = append(opts, withHTTPClient(&hc))
					}
					c := r.dial(t, k, opts...)
					_, err := c.create(context.Background(), "redirected")
					if v := k.view(err); v.redirect == nil {
						t.Errorf("err = %v, want a *RedirectError", err)
					}
					noSecret(t, k, "redirect error", err)
					if got := r.since(m); got != (mark{requests: 1}) {
						t.Errorf("fake received %d requests and created %d orders, want 1 and none", got.requests, got.orders)
					}
				})
			}
		}
	})
	t.Cleanup(func() {
		if n := hits.Load(); n != 0 || leaked.Load() {
			t.Errorf("the other host received %d requests (credential among the headers: %v)", n, leaked.Load())
		}
	})
}

// TestPlainHTTPOnlyOnLoopback checks that New refuses a plain http base URL
// unless its host is a loopback address, for every vendor.
func TestPlainHTTPOnlyOnLoopback(t *testing.T) {
	t.Parallel()
	refused := []string{
		"http://api.example.com", "http://api.example.com:80/v1", "HTTP://api.example.com", "http://10.0.0.1:8080",
		"http://0.0.0.0:8080", "http://192.168.1.10", "http://[::ffff:10.0.0.1]", "http://localhost.example.com",
		"http://127.0.0.1.nip.io", "http://localhost.", "http://[fe80::1%25eth0]", "ws://127.0.0.1", "//api.example.com",
	}
	allowed := []string{"http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1", "http://127.8.9.10", "https://api.example.com"}
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			for _, u := range refused {
				c, err := k.dial(u, secret)
				if err == nil {
					t.Errorf("New accepted base URL %q: %v", u, c.sdk)
				}
				noSecret(t, k, "New error", err)
			}
			for _, u := range allowed {
				if _, err := k.dial(u, secret); err != nil {
					t.Errorf("New refused base URL %q: %v", u, err)
				}
			}
		})
	}
}
