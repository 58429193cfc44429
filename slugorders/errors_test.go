package slugorders_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

// categories lists the sentinels err matches, in a fixed order.
func categories(err error) []string {
	var out []string
	for _, c := range []struct {
		name string
		err  error
	}{
		{"unauthorized", slugorders.ErrUnauthorized},
		{"rateLimited", slugorders.ErrRateLimited},
		{"invalidRequest", slugorders.ErrInvalidRequest},
		{"server", slugorders.ErrServer},
		{"outcomeUnknown", slugorders.ErrOutcomeUnknown},
	} {
		if errors.Is(err, c.err) {
			out = append(out, c.name)
		}
	}
	return out
}

func TestErrorDecoding(t *testing.T) {
	t.Parallel()
	type want struct {
		StatusCode  int
		Code        string
		Message     string
		FieldErrors []slugorders.FieldError
		RequestID   string
		RetryAfter  time.Duration
	}
	tests := []struct {
		name       string
		status     int
		header     http.Header
		body       string
		want       want
		categories []string
	}{
		{"envelope with message and details", 400, nil,
			`{"success":false,"message":"Validation failed","details":["lines.0.variant_id: variant not found","reference: already used"]}`,
			want{StatusCode: 400, Message: "Validation failed: lines.0.variant_id: variant not found; reference: already used"},
			[]string{"invalidRequest"}},
		{"details only", 422, nil, `{"success":false,"details":["currency_code: unsupported"]}`,
			want{StatusCode: 422, Message: "currency_code: unsupported"}, []string{"invalidRequest"}},
		{"message only, padded", 401, nil, `{"message":"  Unauthenticated.  "}`,
			want{StatusCode: 401, Message: "Unauthenticated."}, []string{"unauthorized"}},
		{"details as one string", 403, nil, `{"success":false,"details":"team not accessible"}`,
			want{StatusCode: 403, Message: "team not accessible"}, []string{"unauthorized"}},
		{"unknown members kept out", 404, nil, `{"error":"Not Found","statusCode":404}`,
			want{StatusCode: 404}, nil},
		{"HTML", 502, http.Header{"Content-Type": {"text/html"}},
			`<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>`,
			want{StatusCode: 502}, []string{"server", "outcomeUnknown"}},
		{"empty body", 500, nil, ``, want{StatusCode: 500}, []string{"server", "outcomeUnknown"}},
		{"truncated JSON", 400, nil, `{"success":false,"message":"Validation fa`, want{StatusCode: 400}, []string{"invalidRequest"}},
		{"wrong types", 400, nil, `{"success":"no","message":42,"details":{"field":"x"}}`, want{StatusCode: 400}, []string{"invalidRequest"}},
		{"wrong message type keeps details", 400, nil, `{"message":["a"],"details":["kept"]}`,
			want{StatusCode: 400, Message: "kept"}, []string{"invalidRequest"}},
		{"mixed detail types", 400, nil, `{"details":[1,"real",null,{"a":1},"", "  ",true,"also"]}`,
			want{StatusCode: 400, Message: "real; also"}, []string{"invalidRequest"}},
		{"null", 504, nil, `null`, want{StatusCode: 504}, []string{"server", "outcomeUnknown"}},
		{"array", 400, nil, `["bad request"]`, want{StatusCode: 400}, []string{"invalidRequest"}},
		{"bare string", 400, nil, `"bad request"`, want{StatusCode: 400}, []string{"invalidRequest"}},
		{"null members", 409, nil, `{"success":null,"message":null,"details":null}`, want{StatusCode: 409}, nil},
		{"invalid UTF-8", 400, nil, "{\"message\":\"bad \xff\xfe byte\"}", want{StatusCode: 400, Message: "bad \ufffd\ufffd byte"}, []string{"invalidRequest"}},
		{"rate limited with Retry-After and request id", 429,
			http.Header{"Retry-After": {"7"}, "X-Request-Id": {"req_123"}}, `{"success":false,"message":"Too Many Attempts."}`,
			want{StatusCode: 429, Message: "Too Many Attempts.", RequestID: "req_123", RetryAfter: 7 * time.Second},
			[]string{"rateLimited"}},
		{"503 with Retry-After", 503, http.Header{"Retry-After": {"30"}}, `{"success":false,"message":"Down for maintenance"}`,
			want{StatusCode: 503, Message: "Down for maintenance", RetryAfter: 30 * time.Second}, []string{"server"}},
		{"success false on 200", 200, http.Header{"X-Request-Id": {"req_9"}},
			`{"success":false,"message":"Variant not found","details":["var_456"],"data":null}`,
			want{StatusCode: 200, Message: "Variant not found: var_456", RequestID: "req_9"}, nil},
		{"success false on 201 without message", 201, nil, `{"success":false}`,
			want{StatusCode: 201, Message: "the response reports success: false"}, nil},
		{"success false on 201 with an order", 201, nil, `{"success":false,"data":{"id":"ord_1"},"details":["not published"]}`,
			want{StatusCode: 201, Message: "not published"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// No retries, and no waiting out a 429 or a 503 with a hint, so that
			// each injected fault is the final answer.
			c, srv := setup(t, slugorders.WithMaxRetries(0), slugorders.WithMaxRateLimitWait(0))
			srv.Inject(slugorderstest.Fault{Status: tt.status, Header: tt.header, Body: []byte(tt.body)})
			res, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
			if res != nil {
				t.Errorf("result = %+v, want nil", res)
			}
			var apiErr *slugorders.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %T %v, want *APIError", err, err)
			}
			got := want{apiErr.StatusCode, apiErr.Code, apiErr.Message, apiErr.FieldErrors, apiErr.RequestID, apiErr.RetryAfter}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("APIError (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.categories, categories(err)); diff != "" {
				t.Errorf("categories (-want +got):\n%s", diff)
			}
			if string(apiErr.Body) != tt.body || apiErr.Vendor != "slugorders" {
				t.Errorf("Body = %q, Vendor = %q; want the raw body and the vendor", apiErr.Body, apiErr.Vendor)
			}
			if strings.Contains(err.Error(), "<html>") {
				t.Errorf("Error() carries the raw body: %q", err)
			}
		})
	}
}

func TestErrorBodyDecodesTheRawBody(t *testing.T) {
	t.Parallel()
	c, srv := setup(t, slugorders.WithMaxRetries(0))
	srv.Inject(slugorderstest.Fault{Status: 400, Body: []byte(`{"success":false,"message":"m","details":["a","b"],"trace":"x1"}`)})
	_, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
	var apiErr *slugorders.APIError
	if !errors.As(err, &apiErr) {
		t.Fatal(err)
	}
	var body slugorders.ErrorBody
	if err := body.UnmarshalJSON(apiErr.Body); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, body.Details); diff != "" || body.AdditionalProperties["trace"] != "x1" {
		t.Errorf("ErrorBody = %+v", body)
	}
}

func TestSuccessBodyThatCannotBeUsed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		errMsg string
	}{
		{"HTML", 201, `<html>ok</html>`, "the body is not a JSON object"},
		{"empty", 200, ``, "the body is not a JSON object"},
		{"truncated", 201, `{"data":{"id":"ord_1"`, "the body is not valid JSON"},
		{"wrong type", 201, `{"data":"ord_1","success":true}`, `"data" is not an object`},
		{"array data", 201, `{"data":[{"id":"ord_1"}],"success":true}`, `"data" is not an object`},
		{"no data", 201, `{"success":true,"details":[]}`, `the body has no "data" member`},
		{"null data", 200, `{"data":null,"success":true}`, `"data" is not an object`},
		{"null", 201, `null`, "the body is not a JSON object"},
		{"array", 201, `[{"data":{"id":"ord_1"}}]`, "the body is not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(slugorderstest.Fault{Status: tt.status, Body: []byte(tt.body)})
			res, err := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
			var de *slugorders.DecodeError
			if res != nil || !errors.As(err, &de) || !errors.Is(err, slugorders.ErrOutcomeUnknown) {
				t.Fatalf("CreateOrder = %+v, %v; want a *DecodeError matching ErrOutcomeUnknown", res, err)
			}
			if de.StatusCode != tt.status || !strings.Contains(err.Error(), tt.errMsg) {
				t.Errorf("DecodeError = %d %q, want %d and %q", de.StatusCode, err, tt.status, tt.errMsg)
			}
			if string(de.Body) != tt.body {
				t.Errorf("DecodeError.Body = %q, want the raw body %q", de.Body, tt.body)
			}
			if srv.Requests() != 1 {
				t.Errorf("requests = %d: a 2xx must never be retried", srv.Requests())
			}
		})
	}
}

func TestTokenNeverLeaks(t *testing.T) {
	t.Parallel()
	const secret = "enad-SECRET-token-4f9c2a"
	echo := []byte(`{"success":false,"message":"bad token ` + secret + `","details":["Bearer ` + secret + `"]}`)
	faults := []slugorderstest.Fault{
		{Status: 401, Body: echo},
		{Status: 400, Header: http.Header{"X-Request-Id": {secret}}, Body: echo},
		{Status: 200, Body: echo},
		{Status: 500},
		{Status: 201, Body: []byte(`<html>` + secret)},
		{Status: 201, Body: []byte(`{"success":true}`)},
		{CloseAfterRecord: true},
	}
	for i, f := range faults {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			srv := slugorderstest.NewServer(t, slugorderstest.WithToken(secret))
			c, err := srv.Client(slugorders.WithMaxRetries(0))
			if err != nil {
				t.Fatal(err)
			}
			srv.Inject(f)
			_, err = c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
			if err == nil {
				t.Fatal("want an error")
			}
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				if strings.Contains(s, secret) {
					t.Errorf("error text leaks the token: %s", s)
				}
			}
			var apiErr *slugorders.APIError
			if errors.As(err, &apiErr) && strings.Contains(string(apiErr.Body), secret) {
				t.Errorf("APIError.Body leaks the token: %s", apiErr.Body)
			}
		})
	}
	t.Run("validation, transport and configuration errors", func(t *testing.T) {
		t.Parallel()
		c, err := slugorders.New(secret, slugorders.WithBaseURL("http://127.0.0.1:1"), slugorders.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		_, verr := c.CreateOrder(context.Background(), "", "", slugorders.CreateOrderRequest{})
		_, rerr := c.CreateOrder(context.Background(), team, app, slugorderstest.MinimalOrder())
		_, nerr := slugorders.New(secret)
		_, herr := slugorders.New(secret+"\n", slugorders.WithBaseURL("https://enad.example.com"))
		for _, e := range []error{verr, rerr, nerr, herr} {
			if e == nil || strings.Contains(e.Error(), secret) {
				t.Errorf("error %v is nil or leaks the token", e)
			}
		}
		for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", *c)} {
			if strings.Contains(s, secret) {
				t.Errorf("client formatting leaks the token: %s", s)
			}
		}
	})
}
