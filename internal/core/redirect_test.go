package core_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
)

// permissive is a caller's http.Client that would follow any redirect.
func permissive() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
}

// TestRedirectToAnotherHost redirects the POST to a second server: the call
// fails with a *RedirectError and the second server receives nothing, even
// through a caller's client that allows every redirect.
func TestRedirectToAnotherHost(t *testing.T) {
	t.Parallel()
	clients := []struct {
		name string
		opts []core.Option
	}{
		{"default client", nil},
		{"permissive caller client", []core.Option{core.WithHTTPClient(permissive())}},
		{"ambiguous retries", []core.Option{core.WithRetryAmbiguous()}},
	}
	for _, code := range []int{301, 302, 303, 307, 308} {
		for _, cl := range clients {
			t.Run(strconv.Itoa(code)+" "+cl.name, func(t *testing.T) {
				t.Parallel()
				other := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { created(w) })
				target := other.URL + "/orders?from=vendor"
				srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
					reply(w, code, "", "Location", target)
				})
				c := newClient(t, srv.URL, cl.opts...)
				_, err := createOrder(context.Background(), c)
				var re *apierror.RedirectError
				if !errors.As(err, &re) {
					t.Fatalf("err = %v (%T), want a *RedirectError", err, err)
				}
				if re.From != srv.URL+"/orders" || re.To != target || !strings.Contains(re.Reason, "another host") {
					t.Errorf("RedirectError = %+v", re)
				}
				if hits := other.Hits(); len(hits) != 0 {
					t.Errorf("the other host received %d requests (Authorization %q)", len(hits), hits[0].Header.Get("Authorization"))
				}
				if n := srv.Count(); n != 1 {
					t.Errorf("the vendor received %d requests, want 1: a refused redirect is not retried", n)
				}
				checkKinds(t, err)
			})
		}
	}
}

// TestRedirectToPlainHTTP redirects from https to http on the same host and
// port: another scheme, refused.
func TestRedirectToPlainHTTP(t *testing.T) {
	t.Parallel()
	srv := newTLSServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusTemporaryRedirect, "", "Location", "http://"+r.Host+"/orders")
	})
	hc := srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return nil }
	c := newClient(t, srv.URL, core.WithHTTPClient(hc))
	_, err := createOrder(context.Background(), c)
	var re *apierror.RedirectError
	if !errors.As(err, &re) || !strings.HasPrefix(re.To, "http://") {
		t.Fatalf("err = %v, want a *RedirectError to plain http", err)
	}
	if n := srv.Count(); n != 1 {
		t.Errorf("server received %d requests, want 1", n)
	}
}

// TestRedirectOnSameHost follows 307 and 308 with the method, body and
// credential, and refuses a redirect that would turn the POST into a GET.
func TestRedirectOnSameHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code   int
		follow bool
	}{
		{301, false}, {302, false}, {303, false}, {307, true}, {308, true},
	}
	for _, tt := range tests {
		for _, name := range []string{"default client", "permissive caller client"} {
			t.Run(strconv.Itoa(tt.code)+" "+name, func(t *testing.T) {
				t.Parallel()
				srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/orders" {
						reply(w, tt.code, "", "Location", "/v2/orders")
						return
					}
					created(w)
				})
				var opts []core.Option
				if name != "default client" {
					opts = append(opts, core.WithHTTPClient(permissive()))
				}
				c := newClient(t, srv.URL, opts...)
				res, err := createOrder(context.Background(), c, core.WithIdempotencyKey("k-1"))
				hits := srv.Hits()
				if !tt.follow {
					var re *apierror.RedirectError
					if !errors.As(err, &re) || !strings.Contains(re.Reason, "POST into GET") {
						t.Fatalf("err = %v, want a *RedirectError refusing POST into GET", err)
					}
					if len(hits) != 1 {
						t.Errorf("server received %d requests, want 1", len(hits))
					}
					return
				}
				if err != nil || res.ID != "ord_1" {
					t.Fatalf("CreateOrder() = %+v, %v", res, err)
				}
				if len(hits) != 2 {
					t.Fatalf("server received %d requests, want 2", len(hits))
				}
				h := hits[1]
				if h.Method != "POST" || h.Path != "/v2/orders" || string(h.Body) != orderBody ||
					h.Header.Get("Authorization") != "Bearer "+apiKey || h.Header.Get("Idempotency-Key") != "k-1" {
					t.Errorf("redirected request = %s %s, body %q, Authorization %q, Idempotency-Key %q",
						h.Method, h.Path, h.Body, h.Header.Get("Authorization"), h.Header.Get("Idempotency-Key"))
				}
			})
		}
	}
}

func TestRedirectLimits(t *testing.T) {
	t.Parallel()
	t.Run("too many", func(t *testing.T) {
		t.Parallel()
		srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
			reply(w, http.StatusTemporaryRedirect, "", "Location", "/orders/"+strconv.Itoa(n))
		})
		_, err := createOrder(context.Background(), newClient(t, srv.URL))
		var re *apierror.RedirectError
		if !errors.As(err, &re) || re.Reason != "too many redirects" {
			t.Fatalf("err = %v, want a *RedirectError for too many redirects", err)
		}
		if n := srv.Count(); n != 5 {
			t.Errorf("server received %d requests, want 5", n)
		}
	})
	t.Run("caller's policy still applies on the same host", func(t *testing.T) {
		t.Parallel()
		srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/orders" {
				reply(w, http.StatusTemporaryRedirect, "", "Location", "/v2/orders")
				return
			}
			created(w)
		})
		errNo := errors.New("caller says no")
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return errNo }}
		_, err := createOrder(context.Background(), newClient(t, srv.URL, core.WithHTTPClient(hc)))
		if !errors.Is(err, errNo) {
			t.Fatalf("err = %v, want the caller's redirect error", err)
		}
		if hc.CheckRedirect(nil, nil) != errNo || hc.Transport != nil {
			t.Error("WithHTTPClient changed the caller's client")
		}
	})
	t.Run("ErrUseLastResponse", func(t *testing.T) {
		t.Parallel()
		srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
			reply(w, http.StatusTemporaryRedirect, `{"code":"MOVED"}`, "Location", "/v2/orders")
		})
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		_, err := createOrder(context.Background(), newClient(t, srv.URL, core.WithHTTPClient(hc)))
		var ae *apierror.APIError
		if !errors.As(err, &ae) || ae.StatusCode != 307 || ae.Code != "MOVED" {
			t.Fatalf("err = %v, want the 307 as an *APIError", err)
		}
	})
}

// TestBaseURLPolicy checks which base URLs New accepts: https anywhere, plain
// http only on loopback, never user info.
func TestBaseURLPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw     string
		want    string // the BaseURL, or "" for a refusal
		wantErr string
	}{
		{"https://api.example.com", "https://api.example.com/", ""},
		{"https://api.example.com/v1", "https://api.example.com/v1/", ""},
		{"https://api.example.com/v1/?debug=1#frag", "https://api.example.com/v1/", ""},
		{"https://api.example.com/a/./b/../v1", "https://api.example.com/a/v1/", ""},
		{"https://api.example.com/../v1/", "https://api.example.com/v1/", ""},
		{"https://api.example.com/x%2Fy", "https://api.example.com/x%2Fy/", ""},
		{"https://example.com:8443", "https://example.com:8443/", ""},
		{"https://203.0.113.7", "https://203.0.113.7/", ""},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/", ""},
		{"http://127.0.0.2", "http://127.0.0.2/", ""},
		{"http://[::1]:8080/api", "http://[::1]:8080/api/", ""},
		{"http://localhost:3000", "http://localhost:3000/", ""},
		{"http://api.example.com", "", "plain http is allowed only on a loopback host"},
		{"http://localhost.example.com", "", "plain http is allowed only on a loopback host"},
		{"http://0.0.0.0:8080", "", "plain http is allowed only on a loopback host"},
		{"http://10.0.0.1", "", "plain http is allowed only on a loopback host"},
		{"http://[::2]", "", "plain http is allowed only on a loopback host"},
		{"https://user:hunter2@api.example.com", "", "must not carry user info"},
		{"https://user@api.example.com", "", "must not carry user info"},
		{"http://user:hunter2@127.0.0.1:8080", "", "must not carry user info"},
		{"ftp://api.example.com", "", "must be an absolute http(s) URL"},
		{"api.example.com", "", "must be an absolute http(s) URL"},
		{"/orders", "", "must be an absolute http(s) URL"},
		{"https://", "", "must be an absolute http(s) URL"},
		{"://nope", "", "missing protocol scheme"},
		{"https://user:hunter2@api.example.com/%zz", "", "invalid URL escape"},
		{"", "", "base URL is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			c, err := core.New(acme, apiKey, core.WithBaseURL(tt.raw))
			if tt.want != "" {
				if err != nil {
					t.Fatalf("New() error: %v", err)
				}
				if got := c.BaseURL(); got != tt.want {
					t.Errorf("BaseURL() = %q, want %q", got, tt.want)
				}
				return
			}
			if err == nil || c != nil {
				t.Fatalf("New() = %v, nil; want an error", c)
			}
			if !strings.HasPrefix(err.Error(), "acme: ") || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %q, want one starting with the vendor and containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), apiKey) {
				t.Errorf("err = %q repeats a secret", err)
			}
		})
	}
	if _, err := core.New(acme, apiKey); err == nil || !strings.Contains(err.Error(), "no base URL") {
		t.Errorf("New without a base URL for a vendor with no default: %v", err)
	}
	v := acme
	v.DefaultBaseURL = "https://api.acme.example"
	if c, err := core.New(v, apiKey); err != nil || c.BaseURL() != "https://api.acme.example/" {
		t.Errorf("New with the vendor's default = %v, %v", c, err)
	}
}
