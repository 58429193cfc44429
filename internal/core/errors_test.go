package core_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
	"github.com/ordersdk/ordersdk-go/internal/validate"
	"github.com/ordersdk/ordersdk-go/konvo"
)

// echo answers status with a body, message, code, field errors and request id
// that all repeat the credential the request carried, as a careless vendor or
// proxy might.
func echo(status int) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		body, _ := json.Marshal(map[string]any{
			"code":    "BAD_KEY_" + strings.TrimPrefix(auth, "Bearer "),
			"message": "the key " + auth + " is not valid",
			"fields":  []apierror.FieldError{{Field: auth, Message: "rejected " + auth}},
		})
		reply(w, status, string(body), "X-Request-Id", "req-"+strings.TrimPrefix(auth, "Bearer "), "Content-Type", "application/json")
	}
}

// secretSchema rejects the credential as a value (by pattern and length) and
// as a map key (by key length).
var secretSchema = validate.MustCompile(&openapi3.Schema{
	Type: &openapi3.Types{"object"},
	Properties: openapi3.Schemas{
		"note": openapi3.NewSchemaRef("", openapi3.NewStringSchema().WithPattern("^[0-9]+$").WithMaxLength(4)),
		"tags": openapi3.NewSchemaRef("", &openapi3.Schema{
			Type:                 &openapi3.Types{"object"},
			AdditionalProperties: openapi3.AdditionalProperties{Schema: openapi3.NewSchemaRef("", openapi3.NewStringSchema().WithEnum("a", "b"))},
			Extensions:           map[string]any{validate.MaxKeyLengthExtension: float64(8)},
		}),
	},
})

// TestCredentialNeverInErrors produces every kind of error with the
// credential echoed back wherever a server or a caller could put it, and
// searches each error's text in every format for it.
func TestCredentialNeverInErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T) error
		as   any
	}{
		{"APIError 401", func(t *testing.T) error {
			return callServer(t, echo(401))
		}, new(*apierror.APIError)},
		{"APIError 422", func(t *testing.T) error {
			return callServer(t, echo(422))
		}, new(*apierror.APIError)},
		{"APIError 429 after retries", func(t *testing.T) error {
			return callServer(t, echo(429))
		}, new(*apierror.APIError)},
		{"APIError from a success:false envelope", func(t *testing.T) error {
			v := acme
			v.SuccessEnvelope = true
			v.DecodeError = func(body []byte, e *apierror.APIError) { e.Code, e.Message = "FAILED", string(body) }
			srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
				reply(w, 200, `{"success":false,"echo":"`+r.Header.Get("Authorization")+`"}`)
			})
			c, err := core.New(v, apiKey, fast(srv.URL)...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = createOrder(context.Background(), c)
			return err
		}, new(*apierror.APIError)},
		{"RequestError not sent", func(t *testing.T) error {
			_, err := createOrder(context.Background(), newClient(t, "http://"+closedPort(t)))
			return err
		}, new(*apierror.RequestError)},
		{"RequestError sent", func(t *testing.T) error {
			return callServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { hangUp(w) })
		}, new(*apierror.RequestError)},
		{"RedirectError", func(t *testing.T) error {
			return callServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
				key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
				reply(w, 307, "", "Location", "https://collector.example/"+key+"?api_key="+key)
			})
		}, new(*apierror.RedirectError)},
		{"DecodeError", func(t *testing.T) error {
			return callServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
				reply(w, 201, "<html>"+r.Header.Get("Authorization")+"</html>")
			})
		}, new(*apierror.DecodeError)},
		{"ValidationError", func(t *testing.T) error {
			c := newClient(t, "http://127.0.0.1:1")
			return core.Validate(c, secretSchema, &map[string]any{"note": apiKey, "tags": map[string]any{apiKey: apiKey}})
		}, new(*apierror.ValidationError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.run(t)
			if err == nil || !errors.As(err, tt.as) {
				t.Fatalf("err = %v (%T), want a %T", err, err, tt.as)
			}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
				if s := fmt.Sprintf(verb, err); strings.Contains(s, apiKey) {
					t.Errorf("%s of the error holds the credential: %s", verb, s)
				}
			}
			var ae *apierror.APIError
			if errors.As(err, &ae) {
				if bytes.Contains(ae.Body, []byte(apiKey)) {
					t.Errorf("APIError.Body holds the credential: %s", ae.Body)
				}
				if !strings.Contains(ae.Message, "[REDACTED]") {
					t.Errorf("APIError.Message = %q, want the echoed key redacted", ae.Message)
				}
			}
			var de *apierror.DecodeError
			if errors.As(err, &de) && bytes.Contains(de.Body, []byte(apiKey)) {
				t.Errorf("DecodeError.Body holds the credential: %s", de.Body)
			}
			var ve *apierror.ValidationError
			if errors.As(err, &ve) && len(ve.Violations) != 4 {
				t.Errorf("violations = %v, want 4: maxLength and pattern on the note, key length and enum on the tag", ve.Violations)
			}
		})
	}
}

func callServer(t *testing.T, h func(int, http.ResponseWriter, *http.Request)) error {
	t.Helper()
	srv := newServer(t, h)
	_, err := createOrder(context.Background(), newClient(t, srv.URL))
	return err
}

// TestClientNeverPrintsCredential prints clients with every verb.
func TestClientNeverPrintsCredential(t *testing.T) {
	t.Parallel()
	c := newClient(t, "https://api.acme.example/v1")
	kc, err := konvo.New(apiKey)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]any{
		"core client":           c,
		"konvo client":          kc,
		"konvo client value":    *kc,
		"client in a struct":    struct{ C *core.Client }{c},
		"client in a slice":     []any{c, kc},
		"vendor of the client":  acme,
		"base URL of the clien": c.BaseURL(),
	}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, apiKey) || strings.Contains(s, apiKey[3:]) {
				t.Errorf("%s printed with %s holds the credential: %s", name, verb, s)
			}
		}
	}
	if got, want := fmt.Sprintf("%+v", c), "acme.Client{BaseURL: https://api.acme.example/v1/}"; got != want {
		t.Errorf("%%+v = %q, want %q", got, want)
	}
}

// TestErrorBodies decodes error and success bodies a vendor should not send.
func TestErrorBodies(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 5<<20)
	exact := strings.Repeat("y", apierror.MaxErrorBody)
	tests := []struct {
		name      string
		status    int
		body      string
		header    []string
		want      *apierror.APIError // when an APIError is wanted
		wantKinds []error
	}{
		{"HTML", 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", []string{"Content-Type", "text/html"},
			&apierror.APIError{StatusCode: 502, Body: []byte("<html><body><h1>502 Bad Gateway</h1></body></html>")}, []error{errServer, errUnknown}},
		{"empty", 503, "", nil, &apierror.APIError{StatusCode: 503}, []error{errServer}},
		{"truncated JSON", 400, `{"code":"BAD","message":"unfini`, nil,
			&apierror.APIError{StatusCode: 400, Body: []byte(`{"code":"BAD","message":"unfini`)}, []error{errInvalid}},
		{"JSON of another shape", 404, `["not","an","envelope"]`, nil,
			&apierror.APIError{StatusCode: 404, Body: []byte(`["not","an","envelope"]`)}, nil},
		{"plain text", 401, "Unauthorized\n", nil, &apierror.APIError{StatusCode: 401, Body: []byte("Unauthorized\n")}, []error{errAuth}},
		{"envelope", 422, `{"code":"INVALID","message":"bad order","fields":[{"field":"sku","message":"unknown"}]}`, []string{"X-Request-Id", "req-1"},
			&apierror.APIError{StatusCode: 422, Code: "INVALID", Message: "bad order", FieldErrors: []apierror.FieldError{{Field: "sku", Message: "unknown"}},
				RequestID: "req-1", Body: []byte(`{"code":"INVALID","message":"bad order","fields":[{"field":"sku","message":"unknown"}]}`)}, []error{errInvalid}},
		{"request id fallback", 409, "", []string{"Request-Id", "req-2", "Cf-Ray", "ray-1"}, &apierror.APIError{StatusCode: 409, RequestID: "req-2"}, nil},
		{"request id preferred", 409, "", []string{"X-Request-Id", "req-3", "Request-Id", "req-2", "X-Correlation-Id", "c"}, &apierror.APIError{StatusCode: 409, RequestID: "req-3"}, nil},
		{"request id capped", 409, "", []string{"X-Request-Id", strings.Repeat("r", 300)}, &apierror.APIError{StatusCode: 409, RequestID: strings.Repeat("r", 200)}, nil},
		{"1 MiB exactly", 400, exact, nil, &apierror.APIError{StatusCode: 400, Body: []byte(exact)}, []error{errInvalid}},
		{"1 MiB and a byte", 400, exact + "z", nil, &apierror.APIError{StatusCode: 400, Body: []byte(exact), BodyTruncated: true}, []error{errInvalid}},
		{"5 MiB", 500, big, nil, &apierror.APIError{StatusCode: 500, Body: []byte(big[:apierror.MaxErrorBody]), BodyTruncated: true}, []error{errServer, errUnknown}},
		// A 2xx the client cannot read: the order probably exists.
		{"2xx garbage", 201, "<html>created</html>", nil, nil, []error{errUnknown}},
		{"2xx empty", 200, "", nil, nil, []error{errUnknown}},
		{"2xx truncated", 201, `{"id":"ord`, nil, nil, []error{errUnknown}},
		{"2xx wrong type", 201, `{"id":42}`, nil, nil, []error{errUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { reply(w, tt.status, tt.body, tt.header...) })
			_, err := createOrder(context.Background(), newClient(t, srv.URL, core.WithMaxRetries(0)))
			checkKinds(t, err, tt.wantKinds...)
			if tt.want != nil {
				var ae *apierror.APIError
				if !errors.As(err, &ae) {
					t.Fatalf("err = %v (%T), want an *APIError", err, err)
				}
				tt.want.Vendor = "acme"
				if diff := cmp.Diff(tt.want, ae, cmp.Transformer("len", func(b []byte) string {
					if len(b) > 100 {
						return fmt.Sprintf("%d bytes, %q...%q", len(b), b[:20], b[len(b)-20:])
					}
					return string(b)
				})); diff != "" {
					t.Errorf("APIError (-want +got):\n%s", diff)
				}
				return
			}
			var de *apierror.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v (%T), want a *DecodeError", err, err)
			}
			if de.Vendor != "acme" || de.StatusCode != tt.status || string(de.Body) != tt.body || de.Err == nil {
				t.Errorf("DecodeError = %+v", de)
			}
		})
	}
}

// TestNewRejectsBadOptions checks that New reports the first invalid argument.
func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		credential string
		opts       []core.Option
		want       string
	}{
		{"empty credential", "", nil, "credential is empty"},
		{"blank credential", " \t", nil, "credential is empty"},
		{"credential with a line break", "abc\r\nX-Evil: 1", nil, "line break"},
		{"nil option", apiKey, []core.Option{nil}, "option 1 is nil"},
		{"negative retries", apiKey, []core.Option{core.WithMaxRetries(-1)}, "max retries"},
		{"too many retries", apiKey, []core.Option{core.WithMaxRetries(21)}, "max retries"},
		{"zero retry wait", apiKey, []core.Option{core.WithMaxRetryWait(0)}, "max retry wait"},
		{"zero backoff", apiKey, []core.Option{core.WithBackoff(0, time.Second)}, "backoff"},
		{"backoff cap under base", apiKey, []core.Option{core.WithBackoff(time.Second, time.Millisecond)}, "backoff"},
		{"nil logger", apiKey, []core.Option{core.WithLogger(nil)}, "logger is nil"},
		{"nil http client", apiKey, []core.Option{core.WithHTTPClient(nil)}, "http client is nil"},
		{"empty user agent", apiKey, []core.Option{core.WithUserAgent("")}, "user agent"},
		{"empty auth header", apiKey, []core.Option{core.WithAuthHeader("", "")}, "auth header"},
		{"auth header with a space", apiKey, []core.Option{core.WithAuthHeader("X Key", "")}, "auth header"},
		{"auth header with a colon", apiKey, []core.Option{core.WithAuthHeader("X-Key:", "")}, "auth header"},
		{"zero rate", apiKey, []core.Option{core.WithRateLimit(0, 1)}, "rate limit"},
		{"zero burst", apiKey, []core.Option{core.WithRateLimit(1, 0)}, "rate limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := core.New(acme, tt.credential, append([]core.Option{core.WithBaseURL("https://api.acme.example")}, tt.opts...)...)
			if err == nil || c != nil {
				t.Fatalf("New() = %v, %v; want an error", c, err)
			}
			if !strings.HasPrefix(err.Error(), "acme: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want the vendor and %q", err, tt.want)
			}
			if tt.credential != "" && strings.Contains(err.Error(), tt.credential) {
				t.Errorf("err = %q repeats the credential", err)
			}
		})
	}
}

// TestAuthenticationOnWire checks the credential and User-Agent headers each
// configuration sends.
func TestAuthenticationOnWire(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opts      []core.Option
		wantName  string
		wantValue string
		wantUA    string
	}{
		{"vendor default", nil, "Authorization", "Bearer " + apiKey, "ordersdk-go/" + core.Version + " (acme)"},
		{"raw header", []core.Option{core.WithAuthHeader("x-api-key", "")}, "X-Api-Key", apiKey, "ordersdk-go/" + core.Version + " (acme)"},
		{"other scheme", []core.Option{core.WithAuthScheme("Token")}, "Authorization", "Token " + apiKey, "ordersdk-go/" + core.Version + " (acme)"},
		{"user agent", []core.Option{core.WithUserAgent("shop/2.0")}, "Authorization", "Bearer " + apiKey, "shop/2.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { created(w) })
			if _, err := createOrder(context.Background(), newClient(t, srv.URL, tt.opts...)); err != nil {
				t.Fatal(err)
			}
			h := srv.Hits()[0].Header
			if got := h.Values(tt.wantName); len(got) != 1 || got[0] != tt.wantValue {
				t.Errorf("%s = %q, want %q", tt.wantName, got, tt.wantValue)
			}
			if tt.wantName != "Authorization" && h.Get("Authorization") != "" {
				t.Errorf("Authorization sent as well: %q", h.Get("Authorization"))
			}
			if got := h.Get("User-Agent"); got != tt.wantUA {
				t.Errorf("User-Agent = %q, want %q", got, tt.wantUA)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	bad := map[string]any{"note": "abcdef"}
	err := core.Validate(newClient(t, "http://127.0.0.1:1"), secretSchema, &bad)
	var ve *apierror.ValidationError
	if !errors.As(err, &ve) || ve.Vendor != "acme" || !errors.Is(err, errInvalid) {
		t.Fatalf("Validate() = %v, want an acme *ValidationError", err)
	}
	want := []apierror.Violation{
		{Path: "note", Rule: "maxLength", Message: "must be at most 4 characters"},
		{Path: "note", Rule: "pattern", Message: "must match ^[0-9]+$"},
	}
	if diff := cmp.Diff(want, ve.Violations); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if err := core.Validate(newClient(t, "http://127.0.0.1:1"), secretSchema, &map[string]any{"note": "12"}); err != nil {
		t.Errorf("valid request: %v", err)
	}
	if err := core.Validate(newClient(t, "http://127.0.0.1:1", core.WithoutValidation()), secretSchema, &bad); err != nil {
		t.Errorf("WithoutValidation: %v", err)
	}
}

// TestConcurrentCalls shares one client among goroutines, for the race
// detector, with retries under way.
func TestConcurrentCalls(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n%3 == 0 {
			reply(w, http.StatusServiceUnavailable, "")
			return
		}
		created(w)
	})
	c := newClient(t, srv.URL, core.WithMaxRetries(5))
	var wg sync.WaitGroup
	for i := 0; i < 24; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := createOrder(context.Background(), c, core.WithIdempotencyKey(fmt.Sprint("k", i))); err != nil {
				t.Errorf("call %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
}
