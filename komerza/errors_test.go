package komerza_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
)

var allSentinels = []error{
	komerza.ErrUnauthorized, komerza.ErrRateLimited, komerza.ErrInvalidRequest,
	komerza.ErrServer, komerza.ErrOutcomeUnknown,
}

func TestAPIErrorDecoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   komerza.APIError // compared on the fields the decoder fills
		is     []error          // the sentinels it must match; it must match no other
	}{
		{
			name:   "400 with invalidFields as field names",
			status: 400,
			header: http.Header{"X-Request-Id": {"req_123"}},
			body:   `{"success":false,"message":"The provided form information is not valid.","code":"ValidationError","data":null,"invalidFields":["emailAddress","items[0].quantity"]}`,
			want: komerza.APIError{StatusCode: 400, Code: komerza.CodeValidationError, Message: "The provided form information is not valid.",
				FieldErrors: []komerza.FieldError{{Field: "emailAddress"}, {Field: "items[0].quantity"}}, RequestID: "req_123"},
			is: []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "400 with invalidFields as objects of every known shape",
			status: 400,
			body: `{"success":false,"message":"invalid","code":"ValidationError","data":null,"invalidFields":[
				{"field":"gateway","message":"is required"},
				{"name":"emailAddress","error":"is not an email"},
				{"property":"cost"},
				{"PropertyName":"CountryCode","ErrorMessage":"must be 2 letters","AttemptedValue":"USA"},
				{"path":"items[0]","Message":"unknown variant"},
				{"message":"no field named"}]}`,
			want: komerza.APIError{StatusCode: 400, Code: "ValidationError", Message: "invalid", FieldErrors: []komerza.FieldError{
				{Field: "gateway", Message: "is required"},
				{Field: "emailAddress", Message: "is not an email"},
				{Field: "cost"},
				{Field: "CountryCode", Message: "must be 2 letters"},
				{Field: "items[0]", Message: "unknown variant"},
				{Message: "no field named"},
			}},
			is: []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "400 with invalidFields as a map of field to messages",
			status: 400,
			body:   `{"success":false,"code":"ValidationError","invalidFields":{"gateway":"is required","emailAddress":["too long","not an email"],"cost":42}}`,
			want: komerza.APIError{StatusCode: 400, Code: "ValidationError", FieldErrors: []komerza.FieldError{
				{Field: "cost"},
				{Field: "emailAddress", Message: "too long"},
				{Field: "emailAddress", Message: "not an email"},
				{Field: "gateway", Message: "is required"},
			}},
			is: []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "400 with invalidFields elements of wrong types",
			status: 400,
			body:   `{"success":false,"code":"ValidationError","invalidFields":[1,null,true,["gateway"],{"field":7,"message":{"x":1}},{},"gateway"]}`,
			want:   komerza.APIError{StatusCode: 400, Code: "ValidationError", FieldErrors: []komerza.FieldError{{Field: "gateway"}}},
			is:     []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "400 with invalidFields null",
			status: 400,
			body:   `{"success":false,"code":"ValidationError","message":"bad","data":null,"invalidFields":null}`,
			want:   komerza.APIError{StatusCode: 400, Code: "ValidationError", Message: "bad"},
			is:     []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "401 BadToken",
			status: 401,
			body:   `{"success":false,"message":"The provided token is invalid.","code":"BadToken","data":null}`,
			want:   komerza.APIError{StatusCode: 401, Code: komerza.CodeBadToken, Message: "The provided token is invalid."},
			is:     []error{komerza.ErrUnauthorized},
		},
		{
			name:   "403 AccessDenied",
			status: 403,
			body:   `{"success":false,"message":"You do not have access to this resource.","code":"AccessDenied","data":null}`,
			want:   komerza.APIError{StatusCode: 403, Code: komerza.CodeAccessDenied, Message: "You do not have access to this resource."},
			is:     []error{komerza.ErrUnauthorized},
		},
		{
			name:   "404 NotFound",
			status: 404,
			body:   `{"success":false,"message":"The requested object was not found.","code":"NotFound","data":null}`,
			want:   komerza.APIError{StatusCode: 404, Code: komerza.CodeNotFound, Message: "The requested object was not found."},
		},
		{
			name:   "409 ObjectConflict",
			status: 409,
			body:   `{"success":false,"message":"conflict","code":"ObjectConflict","data":{"id":"x"}}`,
			want:   komerza.APIError{StatusCode: 409, Code: komerza.CodeObjectConflict, Message: "conflict"},
		},
		{
			name:   "429 RateLimited with Retry-After",
			status: 429,
			header: http.Header{"Retry-After": {"7"}},
			body:   `{"success":false,"message":"You're on a cooldown.","code":"RateLimited","data":null}`,
			want:   komerza.APIError{StatusCode: 429, Code: komerza.CodeRateLimited, Message: "You're on a cooldown.", RetryAfter: 7 * time.Second},
			is:     []error{komerza.ErrRateLimited},
		},
		{
			name:   "500 InternalServerError",
			status: 500,
			header: http.Header{"Cf-Ray": {"8a1b2c3d4e5f-AMS"}},
			body:   `{"success":false,"message":"Something went wrong.","code":"InternalServerError","data":null}`,
			want:   komerza.APIError{StatusCode: 500, Code: komerza.CodeInternalServerError, Message: "Something went wrong.", RequestID: "8a1b2c3d4e5f-AMS"},
			is:     []error{komerza.ErrServer, komerza.ErrOutcomeUnknown},
		},
		{
			name:   "503 from a proxy, HTML",
			status: 503,
			body:   `<html><head><title>503 Service Unavailable</title></head><body>upstream down</body></html>`,
			want:   komerza.APIError{StatusCode: 503},
			is:     []error{komerza.ErrServer},
		},
		{
			name:   "502 empty body",
			status: 502,
			body:   ``,
			want:   komerza.APIError{StatusCode: 502},
			is:     []error{komerza.ErrServer, komerza.ErrOutcomeUnknown},
		},
		{
			name:   "400 truncated JSON",
			status: 400,
			body:   `{"success":false,"message":"The provided form`,
			want:   komerza.APIError{StatusCode: 400},
			is:     []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "400 members of wrong types",
			status: 400,
			body:   `{"success":"no","message":{"text":"x"},"code":["ValidationError"],"invalidFields":"gateway","data":7}`,
			want:   komerza.APIError{StatusCode: 400},
			is:     []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "400 numeric code",
			status: 400,
			body:   `{"success":false,"message":"bad","code":400}`,
			want:   komerza.APIError{StatusCode: 400, Code: "400", Message: "bad"},
			is:     []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "401 null body",
			status: 401,
			body:   `null`,
			want:   komerza.APIError{StatusCode: 401},
			is:     []error{komerza.ErrUnauthorized},
		},
		{
			name:   "400 array body",
			status: 400,
			body:   `["gateway"]`,
			want:   komerza.APIError{StatusCode: 400},
			is:     []error{komerza.ErrInvalidRequest},
		},
		{
			name:   "401 echoing the API key",
			status: 401,
			body:   `{"success":false,"message":"token ` + komerzatest.APIKey + ` is invalid","code":"BadToken","invalidFields":[{"field":"` + komerzatest.APIKey + `","message":"` + komerzatest.APIKey + `"}]}`,
			want: komerza.APIError{StatusCode: 401, Code: "BadToken", Message: "token [REDACTED] is invalid",
				FieldErrors: []komerza.FieldError{{Field: "[REDACTED]", Message: "[REDACTED]"}}},
			is: []error{komerza.ErrUnauthorized},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// No retries, of 429s either, which WithMaxRetries does not count.
			c, srv := setup(t, komerza.WithMaxRetries(0), komerza.WithMaxRateLimitWait(0))
			srv.Inject(komerzatest.Fault{Status: tt.status, Header: tt.header, Body: []byte(tt.body)})
			o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
			var apiErr *komerza.APIError
			if !errors.As(err, &apiErr) || o != nil {
				t.Fatalf("CreateOrder() = %v, %v; want an *APIError", o, err)
			}
			got := komerza.APIError{StatusCode: apiErr.StatusCode, Code: apiErr.Code, Message: apiErr.Message,
				FieldErrors: apiErr.FieldErrors, RequestID: apiErr.RequestID, RetryAfter: apiErr.RetryAfter}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("APIError (-want +got):\n%s", diff)
			}
			if apiErr.Vendor != "komerza" {
				t.Errorf("Vendor = %q", apiErr.Vendor)
			}
			if want := strings.ReplaceAll(tt.body, komerzatest.APIKey, "[REDACTED]"); string(apiErr.Body) != want {
				t.Errorf("Body = %q, want the raw body %q", apiErr.Body, want)
			}
			checkSentinels(t, err, tt.is)
			noKey(t, err, c)
		})
	}
}

func checkSentinels(t *testing.T, err error, want []error) {
	t.Helper()
	for _, s := range allSentinels {
		wantIs := false
		for _, w := range want {
			wantIs = wantIs || w == s
		}
		if errors.Is(err, s) != wantIs {
			t.Errorf("errors.Is(err, %v) = %v, want %v", s, !wantIs, wantIs)
		}
	}
}

// TestSuccessFalseOn2xx covers Komerza's envelope reporting failure with a
// 2xx status: it is an *APIError with that status, never an order.
func TestSuccessFalseOn2xx(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   komerza.APIError
	}{
		{
			name:   "200 with code, message and invalidFields",
			status: 200,
			body:   `{"success":false,"message":"The product is unavailable.","code":"ProductUnavailable","data":null,"invalidFields":[{"field":"items[0].variantId","message":"out of stock"}]}`,
			want: komerza.APIError{StatusCode: 200, Code: komerza.CodeProductUnavailable, Message: "The product is unavailable.",
				FieldErrors: []komerza.FieldError{{Field: "items[0].variantId", Message: "out of stock"}}},
		},
		{
			name:   "201 with an order in data all the same",
			status: 201,
			body:   `{"success":false,"message":"Payment failed.","code":"NotEnoughFunds","data":{"id":"3c90c3cc-0d44-4b50-8888-8dd25736052a"}}`,
			want:   komerza.APIError{StatusCode: 201, Code: komerza.CodeNotEnoughFunds, Message: "Payment failed."},
		},
		{
			name:   "200 with success false and nothing else",
			status: 200,
			body:   `{"success":false}`,
			want:   komerza.APIError{StatusCode: 200, Message: noMessage},
		},
		{
			name:   "200 with success false after white space",
			status: 200,
			body:   `{"success": false}`,
			want:   komerza.APIError{StatusCode: 200, Message: noMessage},
		},
		{
			name:   "200 pretty-printed, with an order in data all the same",
			status: 200,
			body:   "{\n  \"success\": false,\n  \"message\": \"Payment failed.\",\n  \"data\": {\"id\": \"3c90c3cc-0d44-4b50-8888-8dd25736052a\"}\n}",
			want:   komerza.APIError{StatusCode: 200, Message: "Payment failed."},
		},
		{
			name:   "200 with members of wrong types",
			status: 200,
			body:   `{"success":false,"message":1,"code":{},"data":"x","invalidFields":{"gateway":null}}`,
			want:   komerza.APIError{StatusCode: 200, Message: noMessage, FieldErrors: []komerza.FieldError{{Field: "gateway"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(komerzatest.Fault{Status: tt.status, Header: http.Header{"X-Request-Id": {"req_2xx"}}, Body: []byte(tt.body)})
			o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
			var apiErr *komerza.APIError
			if !errors.As(err, &apiErr) || o != nil {
				t.Fatalf("CreateOrder() = %v, %v; want an *APIError", o, err)
			}
			tt.want.RequestID = "req_2xx"
			got := komerza.APIError{StatusCode: apiErr.StatusCode, Code: apiErr.Code, Message: apiErr.Message,
				FieldErrors: apiErr.FieldErrors, RequestID: apiErr.RequestID, RetryAfter: apiErr.RetryAfter}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("APIError (-want +got):\n%s", diff)
			}
			if string(apiErr.Body) != tt.body {
				t.Errorf("Body = %q, want the raw body", apiErr.Body)
			}
			if n := srv.Requests(); n != 1 {
				t.Errorf("fake received %d requests, want 1: a 2xx is never retried", n)
			}
			checkSentinels(t, err, nil)
			noKey(t, err, c)
		})
	}
}

// TestUndecodableSuccess covers 2xx bodies that carry no order: the order was
// probably created, so the error matches ErrOutcomeUnknown.
func TestUndecodableSuccess(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
	}{
		{"success without data", `{"success":true,"message":"ok","code":null}`},
		{"data null", `{"success":true,"data":null}`},
		{"neither success nor data", `{}`},
		{"data of the wrong type", `{"success":true,"data":"3c90c3cc-0d44-4b50-8888-8dd25736052a"}`},
		{"success of the wrong type", `{"success":"false","data":null}`},
		{"HTML", `<html><body>OK</body></html>`},
		{"empty", ``},
		{"truncated", `{"success":true,"data":{"id":"3c90`},
		{"null", `null`},
		{"array", `[{"id":"x"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			srv.Inject(komerzatest.Fault{Status: 200, Body: []byte(tt.body)})
			o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
			var de *komerza.DecodeError
			if !errors.As(err, &de) || o != nil {
				t.Fatalf("CreateOrder() = %v, %v; want a *DecodeError", o, err)
			}
			if de.StatusCode != 200 || string(de.Body) != tt.body {
				t.Errorf("DecodeError status %d body %q", de.StatusCode, de.Body)
			}
			checkSentinels(t, err, []error{komerza.ErrOutcomeUnknown})
			noKey(t, err, c)
		})
	}
}

func TestSuccessWithoutSuccessMemberIsAccepted(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	srv.Inject(komerzatest.Fault{Status: 200, Body: []byte(`{"data":{"id":"3c90c3cc-0d44-4b50-8888-8dd25736052a","status":"Pending","newField":{"x":1}}}`)})
	o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
	if err != nil {
		t.Fatal(err)
	}
	if o.ID == nil || *o.ID != "3c90c3cc-0d44-4b50-8888-8dd25736052a" || o.Status == nil || *o.Status != "Pending" {
		t.Errorf("order = %+v", o)
	}
}

func TestRequestErrorKeepsKeyOut(t *testing.T) {
	t.Parallel()
	c, err := komerza.New(komerzatest.APIKey, komerza.WithBaseURL("http://127.0.0.1:1"), komerza.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
	var re *komerza.RequestError
	if !errors.As(err, &re) || errors.Is(err, komerza.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want a *RequestError for a request never sent", err)
	}
	noKey(t, err, c)
}

// noMessage is the Message of a success:false envelope that carries none.
const noMessage = "the response reports success: false"
