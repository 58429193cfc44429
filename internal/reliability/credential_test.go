package reliability

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
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

// noSecret fails the test if any rendering of v shows the credential.
func noSecret(t *testing.T, what string, v any) {
	t.Helper()
	for _, s := range renderings(v) {
		if strings.Contains(s, secret) {
			t.Errorf("%s shows the credential: %s", what, s)
			return
		}
	}
	// The fields an error keeps for callers who inspect them.
	var ae *apierror.APIError
	if errors.As(asError(v), &ae) && strings.Contains(string(ae.Body), secret) {
		t.Errorf("%s: APIError.Body holds the credential", what)
	}
	var de *apierror.DecodeError
	if errors.As(asError(v), &de) && strings.Contains(string(de.Body), secret) {
		t.Errorf("%s: DecodeError.Body holds the credential", what)
	}
}

func asError(v any) error {
	if err, ok := v.(error); ok {
		return err
	}
	return nil
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
// might quote it in its error: as a date, as a member name the generated
// decoders name in theirs, and in envelopes that report failure.
var echoSuccessBodies = []string{
	`{"success":false,"message":"S","code":"S","details":["S"]}`,
	`{"data":{"id":"x","createdAt":"S","updatedAt":"S","dateCreated":"S"},"result":[{"id":"x","createdAt":"S"}],"count":1,"success":true}`,
	`{"data":{"id":"x","S":1e400},"success":true}`,
	`{"data":{"id":"x","order_lines":[{"S":1e400}],"billing_address":{"S":1e400}},"success":true}`,
	`{"data":{"id":"x","customer":{"S":1e400},"items":[{"S":1e400}]},"result":[{"id":"x","S":1e400}],"success":true}`,
	`{"data":"S","result":"S","success":"S"}`,
	`S`,
}

func withSecret(body string) []byte { return []byte(strings.ReplaceAll(body, "S", secret)) }

// hostileWire answers every request with raw bytes that break HTTP where
// net/http quotes what it read in its error.
var hostileWire = []string{
	"S\r\n\r\n",
	"HTTP/1.1 S\r\n\r\n",
	"HTTP/1.1 200 OK\r\nS\r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Length: S\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: S\r\n\r\n",
	"HTTP/1.1 500 S\r\nContent-Length: 0\r\n\r\n",
	"HTTP/1.1 401 Unauthorized\r\nX-Request-Id: S\r\nContent-Length: 0\r\n\r\n",
}

// rawServer answers every request with wire, after reading it, and drops the
// connection.
func rawServer(t *testing.T, wire []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.Write(wire)
		buf.Flush()
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestCredentialNeverShown drives each vendor's client into every kind of
// error, against a fake that echoes the credential in bodies, headers and
// redirects and a server that quotes it in broken HTTP, and checks that no
// error, printed client, option, result or log record (JSON, debug level)
// shows it.
func TestCredentialNeverShown(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			var logs syncBuffer
			logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			srv := k.start(t, fakeConfig{credential: secret})
			opts := append([]core.Option{core.WithLogger(logger), core.WithMaxRetries(1)}, fastRetries...)
			for i, o := range opts {
				noSecret(t, fmt.Sprintf("option %d", i), o)
			}
			c := k.dialFake(t, srv, opts...)
			noSecret(t, "client", c.sdk)
			noSecret(t, "client value", reflect.ValueOf(c.sdk).Elem().Interface())

			call := func(what string) error {
				t.Helper()
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				defer cancel()
				res, err := c.create(ctx, "ref-"+what)
				noSecret(t, what+": error", err)
				if err == nil && !strings.Contains(what, "echo") {
					// A result is the vendor's data, returned as sent: only
					// one the vendor did not fill with the credential is
					// checked.
					noSecret(t, what+": result", res.value)
				}
				return err
			}
			kinds := map[string]bool{}
			tallyKind := func(err error) {
				if err != nil {
					kind, _ := typedErr(err)
					kinds[kind] = true
				}
			}

			tallyKind(call("success"))
			// Every status, with the credential echoed in the body and in
			// the request id and retry hints.
			echoHeader := http.Header{"X-Request-Id": {secret}, "Retry-After": {secret}, "RateLimit-Reset": {secret}}
			for _, status := range []int{400, 401, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504} {
				for i, b := range echoErrorBodies {
					always(srv, fake.Fault{Status: status, Header: echoHeader, Body: withSecret(b)})
					tallyKind(call(fmt.Sprintf("%d body %d", status, i)))
				}
			}
			for i, b := range echoSuccessBodies {
				always(srv, fake.Fault{Status: http.StatusOK, Header: echoHeader, Body: withSecret(b)})
				tallyKind(call(fmt.Sprintf("2xx echo body %d", i)))
			}
			// A redirect whose target carries the credential.
			for _, loc := range []string{"https://evil.example/steal?token=S", "http://S@evil.example/", "/orders?token=S"} {
				always(srv, fake.Fault{Status: http.StatusTemporaryRedirect,
					Header: http.Header{"Location": {strings.ReplaceAll(loc, "S", secret)}}})
				tallyKind(call("redirect to " + loc))
			}
			// Connections lost, a deadline.
			srv.SetFaultFunc(nil)
			srv.Inject(fake.Fault{CloseBeforeBody: true})
			tallyKind(call("close before body"))
			srv.Inject(fake.Fault{CloseAfterRecord: true})
			tallyKind(call("close after record"))
			srv.Inject(fake.Fault{Delay: 200 * time.Millisecond})
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			_, err := c.create(ctx, "deadline")
			cancel()
			noSecret(t, "deadline", err)
			tallyKind(err)
			// Broken HTTP that net/http quotes in its errors.
			for i, wire := range hostileWire {
				raw := rawServer(t, withSecret(wire))
				rc, err := k.dial(raw.URL, secret, opts...)
				if err != nil {
					t.Fatal(err)
				}
				_, err = rc.create(context.Background(), "raw")
				noSecret(t, fmt.Sprintf("broken HTTP %d (%q)", i, wire), err)
				tallyKind(err)
			}
			// An invalid order, rejected before sending.
			err = c.createJSON(context.Background(), k.params, []byte(`{}`))
			if k.name == "konvo" {
				err = c.createJSON(context.Background(), nil, []byte(`[{}]`))
			}
			noSecret(t, "validation", err)
			tallyKind(err)
			// Constructor errors, with the credential where a careless
			// caller might put it too.
			for _, base := range []string{"http://api.example.com/?api_key=S", "ftp://api.example.com/S", "https://user:S@api.example.com",
				"https://api.example.com/%zzS", "http://S.example.com", "https://api.example.com\x7fS"} {
				_, err := k.dial(strings.ReplaceAll(base, "S", secret), secret)
				if err == nil {
					t.Errorf("New accepted base URL %q", base)
				}
				noSecret(t, "New with base URL "+base, err)
			}
			for _, cred := range []string{secret + "\n", "\r\n" + secret} {
				_, err := k.dial(srv.URL(), cred)
				if err == nil {
					t.Errorf("New accepted a credential with a line break")
				}
				noSecret(t, "New with a line break in the credential", err)
			}

			for _, want := range []string{"APIError", "DecodeError", "RequestError", "RedirectError", "ValidationError"} {
				if !kinds[want] {
					t.Errorf("no call ended with a %s; the test no longer covers it", want)
				}
			}
			if strings.Contains(logs.String(), secret) {
				t.Errorf("a log record shows the credential:\n%s", grepLines(logs.String(), secret))
			}
			if n := strings.Count(logs.String(), "\n"); n < 50 {
				t.Errorf("only %d log records; the logger was not exercised", n)
			}
		})
	}
}

// always makes srv answer every request with f until told otherwise.
func always(srv *fake.Server, f fake.Fault) {
	srv.SetFaultFunc(func(int) *fake.Fault { return &f })
}

func grepLines(s, sub string) string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.Contains(sc.Text(), sub) {
			out = append(out, sc.Text())
		}
	}
	return strings.Join(out, "\n")
}

// TestRedirectNeverCarriesCredential checks, for each vendor and each
// redirect status, that a redirect to another host is refused before anything
// is sent there, even when the caller's own http.Client would follow it.
func TestRedirectNeverCarriesCredential(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		for _, status := range []int{301, 302, 303, 307, 308} {
			for _, permissive := range []bool{false, true} {
				name := fmt.Sprintf("%s/%d", k.name, status)
				if permissive {
					name += "/caller follows everything"
				}
				t.Run(name, func(t *testing.T) {
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
					defer other.Close()
					srv := k.start(t, fakeConfig{credential: secret})
					srv.Inject(fake.Fault{Status: status, Header: http.Header{"Location": {other.URL + "/orders"}}})
					var opts []core.Option
					if permissive {
						opts = append(opts, core.WithHTTPClient(&http.Client{
							CheckRedirect: func(*http.Request, []*http.Request) error { return nil },
						}))
					}
					c := k.dialFake(t, srv, opts...)
					_, err := c.create(context.Background(), "redirected")
					var re *apierror.RedirectError
					if !errors.As(err, &re) {
						t.Errorf("err = %v, want a *RedirectError", err)
					}
					noSecret(t, "redirect error", err)
					if n := hits.Load(); n != 0 || leaked.Load() {
						t.Errorf("the other host received %d requests (credential among the headers: %v)", n, leaked.Load())
					}
					if n := len(srv.Orders()); n != 0 {
						t.Errorf("ledger holds %d orders", n)
					}
				})
			}
		}
	}
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
				noSecret(t, "New error", err)
			}
			for _, u := range allowed {
				if _, err := k.dial(u, secret); err != nil {
					t.Errorf("New refused base URL %q: %v", u, err)
				}
			}
		})
	}
}
