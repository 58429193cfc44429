package joiorders_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
)

// category names the sentinels for table output.
var categories = map[string]error{
	"ErrUnauthorized":   joiorders.ErrUnauthorized,
	"ErrRateLimited":    joiorders.ErrRateLimited,
	"ErrInvalidRequest": joiorders.ErrInvalidRequest,
	"ErrServer":         joiorders.ErrServer,
	"ErrOutcomeUnknown": joiorders.ErrOutcomeUnknown,
}

// matched returns the names of the categories err matches.
func matched(err error) map[string]bool {
	out := map[string]bool{}
	for name, sentinel := range categories {
		if errors.Is(err, sentinel) {
			out[name] = true
		}
	}
	return out
}

func set(names ...string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		out[n] = true
	}
	return out
}

// apiFields is what the test compares of an *APIError.
type apiFields struct {
	StatusCode  int
	Code        string
	Message     string
	FieldErrors []joiorders.FieldError
	RequestID   string
	RetryAfter  time.Duration
	Body        string
}

func TestAPIErrorDecoding(t *testing.T) {
	t.Parallel()
	const token = joiorderstest.AccessToken
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   apiFields
		is     map[string]bool
	}{
		{"400 with the inferred envelope", 400, http.Header{"X-Request-Id": {"req-400"}},
			`{"success":false,"message":"\"customer\" must be a valid ObjectId"}`,
			apiFields{StatusCode: 400, Message: `"customer" must be a valid ObjectId`, RequestID: "req-400"},
			set("ErrInvalidRequest")},
		{"401 with the inferred envelope", 401, nil,
			`{"success":false,"message":"Access token is invalid or missing"}`,
			apiFields{StatusCode: 401, Message: "Access token is invalid or missing"},
			set("ErrUnauthorized")},
		{"403 with a message only", 403, nil, `{"message":"Forbidden"}`,
			apiFields{StatusCode: 403, Message: "Forbidden"}, set("ErrUnauthorized")},
		{"500 with the inferred envelope", 500, nil, `{"success":false,"message":"An error occurred on the server"}`,
			apiFields{StatusCode: 500, Message: "An error occurred on the server"}, set("ErrServer", "ErrOutcomeUnknown")},
		{"500 as an HTML page", 500, http.Header{"Content-Type": {"text/html"}},
			`<html><body><h1>500 Internal Server Error</h1></body></html>`,
			apiFields{StatusCode: 500}, set("ErrServer", "ErrOutcomeUnknown")},
		{"502 from a proxy", 502, http.Header{"Cf-Ray": {"8c1f-EWR"}}, `Bad gateway`,
			apiFields{StatusCode: 502, RequestID: "8c1f-EWR"}, set("ErrServer", "ErrOutcomeUnknown")},
		{"400 with an empty body", 400, nil, ``, apiFields{StatusCode: 400}, set("ErrInvalidRequest")},
		{"400 with truncated JSON", 400, nil, `{"success":false,"mess`, apiFields{StatusCode: 400}, set("ErrInvalidRequest")},
		{"400 with wrong types", 400, nil, `{"success":"no","message":42}`, apiFields{StatusCode: 400}, set("ErrInvalidRequest")},
		{"400 with a null message", 400, nil, `{"success":false,"message":null}`, apiFields{StatusCode: 400}, set("ErrInvalidRequest")},
		{"400 with null", 400, nil, `null`, apiFields{StatusCode: 400}, set("ErrInvalidRequest")},
		{"400 with an array", 400, nil, `[{"message":"x"}]`, apiFields{StatusCode: 400}, set("ErrInvalidRequest")},
		{"400 with a bare string", 400, nil, `"Bad Request"`, apiFields{StatusCode: 400}, set("ErrInvalidRequest")},
		{"400 with Joi details kept only in Body", 400, nil,
			`{"success":false,"message":"Validation failed","details":[{"path":["lineItems",0,"price"]}]}`,
			apiFields{StatusCode: 400, Message: "Validation failed"}, set("ErrInvalidRequest")},
		{"429 with Retry-After", 429, http.Header{"Retry-After": {"7"}}, `{"success":false,"message":"slow down"}`,
			apiFields{StatusCode: 429, Message: "slow down", RetryAfter: 7 * time.Second}, set("ErrRateLimited")},
		{"401 echoing the token", 401, nil, `{"success":false,"message":"token ` + token + ` is revoked"}`,
			apiFields{StatusCode: 401, Message: "token [REDACTED] is revoked"}, set("ErrUnauthorized")},
		{"200 with success:false", 200, http.Header{"X-Request-Id": {"req-200"}}, `{"success":false,"message":"Customer not found","data":null}`,
			apiFields{StatusCode: 200, Message: "Customer not found", RequestID: "req-200"}, set()},
		{"201 with success:false and no message", 201, nil, `{"success":false}`,
			apiFields{StatusCode: 201, Message: noMessage}, set()},
		{"200 with success:false and a message of the wrong type", 200, nil, `{"success":false,"message":["x"]}`,
			apiFields{StatusCode: 200, Message: noMessage}, set()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t, joiorders.WithMaxRetries(0), joiorders.WithMaxRateLimitWait(0))
			srv.Inject(joiorderstest.Fault{Status: tt.status, Header: tt.header, Body: []byte(tt.body)})
			order, err := c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
			if order != nil {
				t.Errorf("order = %+v, want nil", order)
			}
			var apiErr *joiorders.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %T %v, want an *APIError", err, err)
			}
			want := tt.want
			if want.Body == "" {
				want.Body = tt.body
				if tt.name == "401 echoing the token" {
					want.Body = `{"success":false,"message":"token [REDACTED] is revoked"}`
				}
			}
			got := apiFields{apiErr.StatusCode, apiErr.Code, apiErr.Message, apiErr.FieldErrors,
				apiErr.RequestID, apiErr.RetryAfter, string(apiErr.Body)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("APIError (-want +got):\n%s", diff)
			}
			if apiErr.Vendor != "joiorders" {
				t.Errorf("Vendor = %q", apiErr.Vendor)
			}
			if diff := cmp.Diff(tt.is, matched(err)); diff != "" {
				t.Errorf("errors.Is categories (-want +got):\n%s", diff)
			}
			if n := srv.Requests(); n != 1 {
				t.Errorf("fake received %d requests, want 1", n)
			}
			assertNoToken(t, err)
		})
	}
}

// TestUndecodableSuccess covers 2xx bodies that neither report failure nor
// carry the order: the order probably exists, so they match ErrOutcomeUnknown.
func TestUndecodableSuccess(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"HTML", 200, `<html>ok</html>`},
		{"empty", 200, ``},
		{"truncated", 200, `{"success":true,"data":{"id":"63`},
		{"null", 200, `null`},
		{"no data", 200, `{"success":true,"message":"Order created successfully"}`},
		{"null data", 201, `{"success":true,"data":null}`},
		{"data of the wrong type", 200, `{"success":true,"data":"6349a1c0f1d2e3a4b5c6d7e8"}`},
		{"data as an array", 200, `{"success":true,"data":[{"id":"6349a1c0f1d2e3a4b5c6d7e8"}]}`},
		{"an array", 200, `[{"success":true}]`},
		{"trailing data", 200, `{"success":true,"data":{"id":"6349a1c0f1d2e3a4b5c6d7e8"}} {}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(joiorderstest.Fault{Status: tt.status, Body: []byte(tt.body)})
			order, err := c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
			var de *joiorders.DecodeError
			if !errors.As(err, &de) || !errors.Is(err, joiorders.ErrOutcomeUnknown) || order != nil {
				t.Fatalf("CreateOrder = %+v, %T %v; want a *DecodeError matching ErrOutcomeUnknown", order, err, err)
			}
			if de.StatusCode != tt.status || string(de.Body) != tt.body {
				t.Errorf("DecodeError status %d body %q, want %d %q", de.StatusCode, de.Body, tt.status, tt.body)
			}
			if n := srv.Requests(); n != 1 {
				t.Errorf("fake received %d requests, want 1: a 2xx is never retried", n)
			}
			assertNoToken(t, err)
		})
	}
}

// TestSuccessDecoding reads the documented envelope, with members of the
// unpublished Order Object kept in AdditionalProperties. A member that does
// not fit its type never loses the order: it is reported in the Drift of
// WithResponseInto's Response.
func TestSuccessDecoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		status    int
		body      string
		wantID    *string
		wantExtra map[string]any
		wantDrift []joiorders.Drift
	}{
		{"documented 200", 200,
			`{"success":true,"message":"Order created successfully","data":{"id":"6349a1c0f1d2e3a4b5c6d7e8","orderNumber":1001,"orderStatus":"fulfilled"}}`,
			ptr("6349a1c0f1d2e3a4b5c6d7e8"), map[string]any{"orderNumber": 1001.0, "orderStatus": "fulfilled"}, nil},
		{"201 is accepted too", 201, `{"success":true,"data":{"id":"6349a1c0f1d2e3a4b5c6d7e9"}}`,
			ptr("6349a1c0f1d2e3a4b5c6d7e9"), nil, nil},
		{"success missing", 200, `{"data":{"id":"6349a1c0f1d2e3a4b5c6d7ea"}}`,
			ptr("6349a1c0f1d2e3a4b5c6d7ea"), nil, nil},
		{"data without an id", 200, `{"success":true,"data":{"_id":"6349a1c0f1d2e3a4b5c6d7eb"}}`,
			nil, map[string]any{"_id": "6349a1c0f1d2e3a4b5c6d7eb"}, nil},
		{"members of the Order Object in any JSON type", 200,
			`{"success":true,"data":{"id":"6349a1c0f1d2e3a4b5c6d7ec","lineItems":{},"total":"12.50","createdAt":"2022-10-18T10:00:00","tags":null}}`,
			ptr("6349a1c0f1d2e3a4b5c6d7ec"),
			map[string]any{"lineItems": map[string]any{}, "total": "12.50", "createdAt": "2022-10-18T10:00:00", "tags": nil}, nil},
		{"success of the wrong type", 200, `{"success":"true","data":{"id":"6349a1c0f1d2e3a4b5c6d7ed"}}`,
			ptr("6349a1c0f1d2e3a4b5c6d7ed"), nil,
			[]joiorders.Drift{{Path: "success", Problem: "want boolean, got string; parsed it"}}},
		{"message of the wrong type", 200, `{"success":true,"message":{"text":"ok"},"data":{"id":"6349a1c0f1d2e3a4b5c6d7ee"}}`,
			ptr("6349a1c0f1d2e3a4b5c6d7ee"), nil,
			[]joiorders.Drift{{Path: "message", Problem: "want string, got object"}}},
		{"id as a number keeps its text", 200, `{"success":true,"data":{"id":6349}}`,
			ptr("6349"), nil,
			[]joiorders.Drift{{Path: "data.id", Problem: "want string, got number; kept its text"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(joiorderstest.Fault{Status: tt.status, Body: []byte(tt.body)})
			var resp joiorders.Response
			order, err := c.CreateOrder(context.Background(), joiorderstest.MinimalOrder(), joiorders.WithResponseInto(&resp))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantID, order.ID); diff != "" {
				t.Errorf("ID (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantExtra, order.AdditionalProperties); diff != "" {
				t.Errorf("AdditionalProperties (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantDrift, resp.Drift); diff != "" {
				t.Errorf("Drift (-want +got):\n%s", diff)
			}
			if resp.StatusCode != tt.status || string(resp.Body) != tt.body {
				t.Errorf("Response status %d body %q, want %d %q", resp.StatusCode, resp.Body, tt.status, tt.body)
			}
			if n := srv.Requests(); n != 1 {
				t.Errorf("fake received %d requests, want 1", n)
			}
		})
	}
}

// TestFakeEnvelope checks what the fake answers: the ids it assigns and its
// echo of the order.
func TestFakeEnvelope(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	first, err := c.CreateOrder(context.Background(), joiorderstest.FullOrder())
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
	if err != nil {
		t.Fatal(err)
	}
	if *first.ID == *second.ID {
		t.Errorf("both orders got id %s", *first.ID)
	}
	if got := first.AdditionalProperties["lineItems"].([]any)[0].(map[string]any)["price"]; got != 31.84 {
		t.Errorf("echoed price = %v, want 31.84", got)
	}
	if got := first.AdditionalProperties["shipmentDetails"].(map[string]any)["timeEstimate"]; got != "2 days" {
		t.Errorf("echoed timeEstimate = %v", got)
	}
}

// TestRetries checks that a failure proving nothing was created is retried,
// and one that may have created the order is not, since the vendor documents
// no idempotency key.
func TestRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		opts       []joiorders.Option
		faults     []joiorderstest.Fault
		wantErr    error
		wantReqs   int
		wantOrders int
	}{
		{"503 then created", nil, []joiorderstest.Fault{{Status: 503}}, nil, 2, 1},
		{"503 until retries run out", nil, []joiorderstest.Fault{{Status: 503}, {Status: 503}, {Status: 503}}, joiorders.ErrServer, 3, 0},
		{"429 twice then created", nil, []joiorderstest.Fault{{Status: 429}, {Status: 429}}, nil, 3, 1},
		{"429s beyond WithMaxRetries then created", nil, []joiorderstest.Fault{{Status: 429}, {Status: 429}, {Status: 429}}, nil, 4, 1},
		{"500 is not retried", nil, []joiorderstest.Fault{{Status: 500}}, joiorders.ErrOutcomeUnknown, 1, 0},
		{"500 after committing is not retried", nil, []joiorderstest.Fault{{Status: 500, RecordOrder: true}}, joiorders.ErrOutcomeUnknown, 1, 1},
		{"connection lost after committing", nil, []joiorderstest.Fault{{CloseAfterRecord: true}}, joiorders.ErrOutcomeUnknown, 1, 1},
		{"429 with rate-limit retries off", []joiorders.Option{joiorders.WithMaxRateLimitWait(0)},
			[]joiorderstest.Fault{{Status: 429}}, joiorders.ErrRateLimited, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t, tt.opts...)
			srv.Inject(tt.faults...)
			order, err := c.CreateOrder(context.Background(), joiorderstest.MinimalOrder())
			if tt.wantErr == nil {
				if err != nil || order == nil || order.ID == nil {
					t.Fatalf("CreateOrder = %+v, %v; want the order", order, err)
				}
			} else if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want one matching %v", err, tt.wantErr)
			}
			if n := srv.Requests(); n != tt.wantReqs {
				t.Errorf("fake received %d requests, want %d", n, tt.wantReqs)
			}
			if n := len(srv.Orders()); n != tt.wantOrders {
				t.Errorf("fake created %d orders, want %d", n, tt.wantOrders)
			}
			assertNoToken(t, err)
		})
	}
}

// noMessage is the Message of a success:false envelope that carries none.
const noMessage = "the response reports success: false"
