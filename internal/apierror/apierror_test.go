package apierror_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

var sentinels = []struct {
	name string
	err  error
}{
	{"ErrUnauthorized", apierror.ErrUnauthorized},
	{"ErrRateLimited", apierror.ErrRateLimited},
	{"ErrInvalidRequest", apierror.ErrInvalidRequest},
	{"ErrServer", apierror.ErrServer},
	{"ErrOutcomeUnknown", apierror.ErrOutcomeUnknown},
}

// TestAPIErrorIs checks every status against every sentinel: a status matches
// exactly the categories listed for it, and no others.
func TestAPIErrorIs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		want   []error
	}{
		{200, nil},
		{201, nil},
		{301, []error{apierror.ErrOutcomeUnknown}}, // an unfollowed redirect: the order may exist
		{400, []error{apierror.ErrInvalidRequest}},
		{401, []error{apierror.ErrUnauthorized}},
		{402, nil},
		{403, []error{apierror.ErrUnauthorized}},
		{404, nil},
		{408, nil},
		{409, nil},
		{413, nil},
		{422, []error{apierror.ErrInvalidRequest}},
		{429, []error{apierror.ErrRateLimited}},
		{499, nil},
		{500, []error{apierror.ErrServer, apierror.ErrOutcomeUnknown}},
		{501, []error{apierror.ErrServer, apierror.ErrOutcomeUnknown}},
		{502, []error{apierror.ErrServer, apierror.ErrOutcomeUnknown}},
		{503, []error{apierror.ErrServer}},
		{504, []error{apierror.ErrServer, apierror.ErrOutcomeUnknown}},
		{520, []error{apierror.ErrServer, apierror.ErrOutcomeUnknown}},
		{524, []error{apierror.ErrServer, apierror.ErrOutcomeUnknown}},
		{599, []error{apierror.ErrServer, apierror.ErrOutcomeUnknown}},
		{600, []error{apierror.ErrOutcomeUnknown}},
	}
	for _, tt := range tests {
		e := &apierror.APIError{Vendor: "v", StatusCode: tt.status}
		wrapped := fmt.Errorf("creating order: %w", e)
		for _, s := range sentinels {
			want := false
			for _, w := range tt.want {
				if w == s.err {
					want = true
				}
			}
			if got := errors.Is(e, s.err); got != want {
				t.Errorf("errors.Is(APIError{%d}, %s) = %v, want %v", tt.status, s.name, got, want)
			}
			if got := errors.Is(wrapped, s.err); got != want {
				t.Errorf("errors.Is(wrapped APIError{%d}, %s) = %v, want %v", tt.status, s.name, got, want)
			}
		}
		if errors.Is(e, errors.New(apierror.ErrServer.Error())) {
			t.Errorf("APIError{%d} matches a look-alike error that is not the sentinel", tt.status)
		}
		if errors.Is(e, context.Canceled) {
			t.Errorf("APIError{%d} matches context.Canceled", tt.status)
		}
	}
}

func TestAPIErrorError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  *apierror.APIError
		want string
	}{
		{"status only", &apierror.APIError{Vendor: "konvo", StatusCode: 404}, "konvo: 404 Not Found"},
		{"status without text", &apierror.APIError{Vendor: "konvo", StatusCode: 599}, "konvo: 599"},
		{"code that repeats the status", &apierror.APIError{Vendor: "konvo", StatusCode: 401, Code: "401", Message: "missing or invalid credential"}, "konvo: 401 Unauthorized: missing or invalid credential"},
		{"code", &apierror.APIError{Vendor: "konvo", StatusCode: 400, Code: "E12"}, "konvo: 400 Bad Request: E12"},
		{"message", &apierror.APIError{Vendor: "konvo", StatusCode: 429, Message: "slow down"}, "konvo: 429 Too Many Requests: slow down"},
		{
			"everything",
			&apierror.APIError{
				Vendor: "komerza", StatusCode: 422, Code: "VALIDATION", Message: "bad order",
				FieldErrors: []apierror.FieldError{{Field: "email", Message: "invalid"}, {Field: "items[0].qty", Message: "too small"}},
				RequestID:   "req_123", RetryAfter: time.Second,
				Body: []byte(`{"secret body":"never printed"}`), BodyTruncated: true,
			},
			"komerza: 422 Unprocessable Entity: VALIDATION: bad order; email: invalid; items[0].qty: too small (request id req_123)",
		},
		{"request id only", &apierror.APIError{Vendor: "x", StatusCode: 503, RequestID: "abc"}, "x: 503 Service Unavailable (request id abc)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n %q\nwant\n %q", got, tt.want)
			}
			if strings.Contains(tt.err.Error(), "never printed") {
				t.Error("Error() includes the body")
			}
		})
	}
}

func TestViolationString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    apierror.Violation
		want string
	}{
		{apierror.Violation{Path: "[0].items[2].sku", Rule: "minLength", Message: "must be at least 1 characters"}, "[0].items[2].sku: minLength: must be at least 1 characters"},
		{apierror.Violation{Path: "", Rule: "customerOrId", Message: "give customerId or customer"}, "(request): customerOrId: give customerId or customer"},
		{apierror.Violation{}, "(request): : "},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestValidationError(t *testing.T) {
	t.Parallel()
	e := &apierror.ValidationError{Vendor: "konvo", Violations: []apierror.Violation{
		{Path: "[0].id", Rule: "required", Message: "is required"},
		{Path: "[0].currency", Rule: "maxLength", Message: "must be at most 3 characters"},
	}}
	want := "konvo: invalid request, not sent: [0].id: required: is required; [0].currency: maxLength: must be at most 3 characters"
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	for _, s := range sentinels {
		if got, want := errors.Is(fmt.Errorf("w: %w", e), s.err), s.err == apierror.ErrInvalidRequest; got != want {
			t.Errorf("errors.Is(ValidationError, %s) = %v, want %v", s.name, got, want)
		}
	}
}

func TestRequestError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		err         *apierror.RequestError
		wantText    string
		wantUnknown bool
	}{
		{
			"not sent",
			&apierror.RequestError{Vendor: "konvo", Method: "POST", URL: "https://api.konvoai.com/orders", Err: errors.New("connection refused")},
			"konvo: POST https://api.konvoai.com/orders (not sent): connection refused", false,
		},
		{
			"sent",
			&apierror.RequestError{Vendor: "konvo", Method: "POST", URL: "https://api.konvoai.com/orders", Sent: true, Err: io.ErrUnexpectedEOF},
			"konvo: POST https://api.konvoai.com/orders (sent, outcome unknown): unexpected EOF", true,
		},
		{
			"sent, deadline",
			&apierror.RequestError{Vendor: "konvo", Method: "POST", URL: "u", Sent: true, Err: fmt.Errorf("read: %w", context.DeadlineExceeded)},
			"konvo: POST u (sent, outcome unknown): read: context deadline exceeded", true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.wantText {
				t.Errorf("Error() = %q, want %q", got, tt.wantText)
			}
			if got := errors.Is(tt.err, apierror.ErrOutcomeUnknown); got != tt.wantUnknown {
				t.Errorf("errors.Is(ErrOutcomeUnknown) = %v, want %v", got, tt.wantUnknown)
			}
			if !errors.Is(tt.err, tt.err.Err) {
				t.Error("RequestError does not unwrap to its Err")
			}
			for _, s := range sentinels {
				if s.err != apierror.ErrOutcomeUnknown && errors.Is(tt.err, s.err) {
					t.Errorf("RequestError matches %s", s.name)
				}
			}
		})
	}
	canceled := &apierror.RequestError{Vendor: "v", Method: "POST", URL: "u", Err: context.Canceled}
	if !errors.Is(canceled, context.Canceled) || errors.Is(canceled, apierror.ErrOutcomeUnknown) {
		t.Error("a cancelled, unsent RequestError must match context.Canceled and not ErrOutcomeUnknown")
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	inner := errors.New("invalid character 'x'")
	e := &apierror.DecodeError{Vendor: "konvo", StatusCode: 201, Body: []byte("xyz body"), Err: inner}
	if got, want := e.Error(), "konvo: 201 response could not be decoded: invalid character 'x'"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, inner) {
		t.Error("DecodeError does not unwrap to its Err")
	}
	for _, s := range sentinels {
		if got, want := errors.Is(e, s.err), s.err == apierror.ErrOutcomeUnknown; got != want {
			t.Errorf("errors.Is(DecodeError, %s) = %v, want %v", s.name, got, want)
		}
	}
}

func TestRedirectError(t *testing.T) {
	t.Parallel()
	e := &apierror.RedirectError{From: "https://a.example/orders", To: "https://b.example/orders", Reason: "another host"}
	if got, want := e.Error(), "refused redirect from https://a.example/orders to https://b.example/orders: another host"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	for _, s := range sentinels {
		if errors.Is(e, s.err) {
			t.Errorf("RedirectError matches %s", s.name)
		}
	}
}
