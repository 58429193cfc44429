package komerza_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
)

// pathRule is what a violation must report: where, and which constraint.
type pathRule struct{ Path, Rule string }

func lines(n int) []komerza.LineItemInput {
	out := make([]komerza.LineItemInput, n)
	for i := range out {
		out[i] = komerza.LineItemInput{
			ProductID: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
			VariantID: fmt.Sprintf("3c90c3cc-0d44-4b50-8888-%012d", i),
			Quantity:  1,
		}
	}
	return out
}

func metadata(keys, keyLen, valueLen int) komerza.Metadata {
	m := komerza.Metadata{}
	for i := 0; i < keys; i++ {
		k := fmt.Sprintf("%03d", i)
		m[k+strings.Repeat("k", max(keyLen-len(k), 0))] = strings.Repeat("v", valueLen)
	}
	return m
}

// email returns a syntactically valid address of exactly n characters.
func email(n int) string {
	const domain = "@example.com"
	return strings.Repeat("a", n-len(domain)) + domain
}

// returnURL returns a valid absolute URL of exactly n characters.
func returnURL(n int) string {
	const prefix = "https://shop.example.com/"
	return prefix + strings.Repeat("p", n-len(prefix))
}

// constraintCases covers every constraint kind the spec uses, each with a
// value just past its limit (rejected) and one on it (accepted).
var constraintCases = []struct {
	name     string
	bad      func(*komerza.CreateOrderRequest)
	want     []pathRule
	boundary func(*komerza.CreateOrderRequest)
}{
	{
		name: "itemsOrCost: neither items nor cost",
		bad:  func(r *komerza.CreateOrderRequest) { r.Items = nil },
		want: []pathRule{{"items", "itemsOrCost"}},
		boundary: func(r *komerza.CreateOrderRequest) {
			r.Items = nil
			r.Cost = ptr(10.0)
		},
	},
	{
		name: "itemsOrCost: items empty, which is left out of the request",
		bad:  func(r *komerza.CreateOrderRequest) { r.Items = []komerza.LineItemInput{} },
		want: []pathRule{{"items", "itemsOrCost"}},
		boundary: func(r *komerza.CreateOrderRequest) {
			r.Items = []komerza.LineItemInput{}
			r.Cost = ptr(10.0)
		},
	},
	{
		name:     "minimum: quantity 0",
		bad:      func(r *komerza.CreateOrderRequest) { r.Items[0].Quantity = 0 },
		want:     []pathRule{{"items[0].quantity", "minimum"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Items[0].Quantity = 1 },
	},
	{
		name:     "maximum: quantity 50001",
		bad:      func(r *komerza.CreateOrderRequest) { r.Items[0].Quantity = 50001 },
		want:     []pathRule{{"items[0].quantity", "maximum"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Items[0].Quantity = 50000 },
	},
	{
		name:     "minLength and format: empty productId",
		bad:      func(r *komerza.CreateOrderRequest) { r.Items[0].ProductID = "" },
		want:     []pathRule{{"items[0].productId", "minLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Items[0].ProductID = "00000000-0000-0000-0000-000000000000" },
	},
	{
		name:     "format: variantId not a uuid",
		bad:      func(r *komerza.CreateOrderRequest) { r.Items[0].VariantID = "variant-1" },
		want:     []pathRule{{"items[0].variantId", "format"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Items[0].VariantID = "3C90C3CC-0D44-4B50-8888-8DD25736052B" },
	},
	{
		name:     "minLength: empty gateway",
		bad:      func(r *komerza.CreateOrderRequest) { r.Gateway = "" },
		want:     []pathRule{{"gateway", "minLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Gateway = "x" },
	},
	{
		name:     "maxLength: gateway of 257",
		bad:      func(r *komerza.CreateOrderRequest) { r.Gateway = strings.Repeat("g", 257) },
		want:     []pathRule{{"gateway", "maxLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Gateway = strings.Repeat("g", 256) },
	},
	{
		name:     "minLength: empty emailAddress",
		bad:      func(r *komerza.CreateOrderRequest) { r.EmailAddress = "" },
		want:     []pathRule{{"emailAddress", "minLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.EmailAddress = "a@b.c" },
	},
	{
		name:     "maxLength: emailAddress of 257",
		bad:      func(r *komerza.CreateOrderRequest) { r.EmailAddress = email(257) },
		want:     []pathRule{{"emailAddress", "maxLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.EmailAddress = email(256) },
	},
	{
		name:     "format: emailAddress",
		bad:      func(r *komerza.CreateOrderRequest) { r.EmailAddress = "Jane <jane@example.com>" },
		want:     []pathRule{{"emailAddress", "format"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.EmailAddress = "jane+orders@example.co.uk" },
	},
	{
		name:     "minimum: cost 0",
		bad:      func(r *komerza.CreateOrderRequest) { r.Cost = ptr(0.0) },
		want:     []pathRule{{"cost", "minimum"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Cost = ptr(0.01) },
	},
	{
		name:     "minimum: cost just under 0.01",
		bad:      func(r *komerza.CreateOrderRequest) { r.Cost = ptr(0.0099) },
		want:     []pathRule{{"cost", "minimum"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Cost = ptr(0.01) },
	},
	{
		name:     "maximum: cost over 1,000,000",
		bad:      func(r *komerza.CreateOrderRequest) { r.Cost = ptr(1000000.01) },
		want:     []pathRule{{"cost", "maximum"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Cost = ptr(1000000.0) },
	},
	{
		name:     "maxLength: couponCode of 33",
		bad:      func(r *komerza.CreateOrderRequest) { r.CouponCode = ptr(strings.Repeat("C", 33)) },
		want:     []pathRule{{"couponCode", "maxLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.CouponCode = ptr(strings.Repeat("C", 32)) },
	},
	{
		name:     "maxLength: affiliateCode of 257",
		bad:      func(r *komerza.CreateOrderRequest) { r.AffiliateCode = ptr(strings.Repeat("a", 257)) },
		want:     []pathRule{{"affiliateCode", "maxLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.AffiliateCode = ptr(strings.Repeat("a", 256)) },
	},
	{
		name:     "maxLength: returnUrl of 2049",
		bad:      func(r *komerza.CreateOrderRequest) { r.ReturnURL = ptr(returnURL(2049)) },
		want:     []pathRule{{"returnUrl", "maxLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.ReturnURL = ptr(returnURL(2048)) },
	},
	{
		name:     "format: returnUrl not absolute",
		bad:      func(r *komerza.CreateOrderRequest) { r.ReturnURL = ptr("/thanks") },
		want:     []pathRule{{"returnUrl", "format"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.ReturnURL = ptr("https://s.io") },
	},
	{
		name: "maxLength: ipAddress of 46",
		bad:  func(r *komerza.CreateOrderRequest) { r.IPAddress = ptr(strings.Repeat("1", 46)) },
		want: []pathRule{{"ipAddress", "maxLength"}},
		boundary: func(r *komerza.CreateOrderRequest) {
			r.IPAddress = ptr("0000:0000:0000:0000:0000:ffff:255.255.255.255")
		},
	},
	{
		name:     "maxLength: userAgent of 513",
		bad:      func(r *komerza.CreateOrderRequest) { r.UserAgent = ptr(strings.Repeat("u", 513)) },
		want:     []pathRule{{"userAgent", "maxLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.UserAgent = ptr(strings.Repeat("u", 512)) },
	},
	{
		name:     "minLength and pattern: countryCode of 1",
		bad:      func(r *komerza.CreateOrderRequest) { r.CountryCode = ptr("U") },
		want:     []pathRule{{"countryCode", "minLength"}, {"countryCode", "pattern"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.CountryCode = ptr("us") },
	},
	{
		name:     "maxLength and pattern: countryCode of 3",
		bad:      func(r *komerza.CreateOrderRequest) { r.CountryCode = ptr("USA") },
		want:     []pathRule{{"countryCode", "maxLength"}, {"countryCode", "pattern"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.CountryCode = ptr("GB") },
	},
	{
		name:     "pattern: countryCode with a digit",
		bad:      func(r *komerza.CreateOrderRequest) { r.CountryCode = ptr("U1") },
		want:     []pathRule{{"countryCode", "pattern"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.CountryCode = ptr("Us") },
	},
	{
		name:     "maxProperties: metadata of 21 keys",
		bad:      func(r *komerza.CreateOrderRequest) { r.Metadata = metadata(21, 3, 1) },
		want:     []pathRule{{"metadata", "maxProperties"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Metadata = metadata(20, 3, 1) },
	},
	{
		name:     "maxKeyLength: metadata key of 41",
		bad:      func(r *komerza.CreateOrderRequest) { r.Metadata = metadata(1, 41, 1) },
		want:     []pathRule{{"metadata.000" + strings.Repeat("k", 38), "maxKeyLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Metadata = metadata(1, 40, 1) },
	},
	{
		name:     "maxLength: metadata value of 501",
		bad:      func(r *komerza.CreateOrderRequest) { r.Metadata = metadata(1, 3, 501) },
		want:     []pathRule{{"metadata.000", "maxLength"}},
		boundary: func(r *komerza.CreateOrderRequest) { r.Metadata = metadata(20, 40, 500) },
	},
}

func TestValidationRejectsAndSendsNothing(t *testing.T) {
	t.Parallel()
	for _, tt := range constraintCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			req := komerzatest.MinimalOrder()
			tt.bad(&req)
			_, err := c.CreateOrder(context.Background(), storeID, req)
			var ve *komerza.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, komerza.ErrInvalidRequest) {
				t.Fatalf("err = %v, want a *ValidationError matching ErrInvalidRequest", err)
			}
			var got []pathRule
			for _, v := range ve.Violations {
				got = append(got, pathRule{v.Path, v.Rule})
				if v.Message == "" {
					t.Errorf("violation %v has no message", v)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
			if n := srv.Requests(); n != 0 {
				t.Errorf("fake received %d requests, want 0", n)
			}
			noKey(t, err, c)
		})
	}
}

// TestValidationAcceptsBoundaries sends each limit value to the fake, which
// checks the request against the spec again.
func TestValidationAcceptsBoundaries(t *testing.T) {
	t.Parallel()
	for _, tt := range constraintCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			req := komerzatest.MinimalOrder()
			tt.boundary(&req)
			o, err := c.CreateOrder(context.Background(), storeID, req)
			if err != nil {
				t.Fatalf("boundary value refused: %v", err)
			}
			if o.ID == nil || len(srv.Orders()) != 1 {
				t.Errorf("order %+v not created", o)
			}
		})
	}
}

// TestItemsHaveNoLengthLimit sends more lines than Komerza's base line-items
// form allows: its dashboard form removes that [Length] check, so the client
// must not refuse them.
func TestItemsHaveNoLengthLimit(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	req := komerzatest.MinimalOrder()
	req.Items = lines(25)
	o, err := c.CreateOrder(context.Background(), storeID, req)
	if err != nil {
		t.Fatalf("25 lines refused: %v", err)
	}
	if len(o.Items) != 25 {
		t.Errorf("order has %d lines, want 25", len(o.Items))
	}
	if got := srv.Orders(); len(got) != 1 || len(got[0].Items) != 25 {
		t.Errorf("ledger = %+v, want one order of 25 lines", got)
	}
}

func TestValidationListsEveryViolation(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	req := komerzatest.MinimalOrder()
	req.Items = append(req.Items, komerza.LineItemInput{ProductID: "nope", VariantID: "", Quantity: -1})
	req.EmailAddress = "not-an-email"
	req.CountryCode = ptr("usa")
	_, err := c.CreateOrder(context.Background(), storeID, req)
	var ve *komerza.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	want := []komerza.Violation{
		{Path: "countryCode", Rule: "maxLength", Message: "must be at most 2 characters"},
		{Path: "countryCode", Rule: "pattern", Message: "must match ^[A-Za-z]{2}$"},
		{Path: "emailAddress", Rule: "format", Message: "must be a valid email"},
		{Path: "items[1].productId", Rule: "format", Message: "must be a valid uuid"},
		{Path: "items[1].quantity", Rule: "minimum", Message: "must be at least 1"},
		{Path: "items[1].variantId", Rule: "minLength", Message: "must be at least 1 characters"},
	}
	if diff := cmp.Diff(want, ve.Violations); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if n := srv.Requests(); n != 0 {
		t.Errorf("fake received %d requests, want 0", n)
	}
}

// TestFakeRejectsInvalidOrders turns client-side validation off, so that the
// fake's own check answers with Komerza's 400 and invalidFields.
func TestFakeRejectsInvalidOrders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		bad  func(*komerza.CreateOrderRequest)
		want []komerza.FieldError
	}{
		{
			name: "spec constraints",
			bad: func(r *komerza.CreateOrderRequest) {
				r.Gateway = ""
				r.Items[0].Quantity = 0
			},
			want: []komerza.FieldError{
				{Field: "gateway", Message: "minimum string length is 1"},
				{Field: "items[0].quantity", Message: "number must be at least 1"},
			},
		},
		{
			name: "itemsOrCost",
			bad:  func(r *komerza.CreateOrderRequest) { r.Items = nil },
			want: []komerza.FieldError{{Field: "items", Message: "items is required unless cost is set"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t, komerza.WithoutValidation())
			req := komerzatest.MinimalOrder()
			tt.bad(&req)
			_, err := c.CreateOrder(context.Background(), storeID, req)
			var apiErr *komerza.APIError
			if !errors.As(err, &apiErr) || !errors.Is(err, komerza.ErrInvalidRequest) {
				t.Fatalf("err = %v, want an *APIError matching ErrInvalidRequest", err)
			}
			if apiErr.StatusCode != 400 || apiErr.Code != komerza.CodeValidationError {
				t.Errorf("status %d code %q, want 400 ValidationError", apiErr.StatusCode, apiErr.Code)
			}
			if diff := cmp.Diff(tt.want, apiErr.FieldErrors); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
			if len(srv.Orders()) != 0 {
				t.Error("the fake created an invalid order")
			}
		})
	}
}
