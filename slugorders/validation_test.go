package slugorders_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/slugorders"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

// violation is a Violation without its message, which TestViolationMessages
// checks once.
type violation struct{ Path, Rule string }

func TestValidationCatchesEveryConstraintKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		team, app string
		mutate    func(o *slugorders.CreateOrderRequest)
		want      []violation
	}{
		{"required: lines", team, app, func(o *slugorders.CreateOrderRequest) { o.Lines = nil },
			[]violation{{"lines", "required"}}},
		{"minItems: lines", team, app, func(o *slugorders.CreateOrderRequest) { o.Lines = []slugorders.OrderLineInput{} },
			[]violation{{"lines", "minItems"}}},
		{"enum: status unset", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = "" },
			[]violation{{"status", "enum"}}},
		{"enum: status unknown", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = "shipped" },
			[]violation{{"status", "enum"}}},
		{"enum: status case", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = "Placed" },
			[]violation{{"status", "enum"}}},
		{"minLength: required strings", team, app, func(o *slugorders.CreateOrderRequest) {
			o.CountryCode, o.CurrencyCode, o.LanguageCode, o.Reference, o.Source = "", "", "", "", ""
		}, []violation{
			{"country_code", "minLength"}, {"currency_code", "minLength"}, {"language_code", "minLength"},
			{"reference", "minLength"}, {"source", "minLength"},
		}},
		{"minLength: line ids", team, app, func(o *slugorders.CreateOrderRequest) {
			o.Lines = append(o.Lines, slugorders.OrderLineInput{Quantity: 1})
		}, []violation{{"lines[1].product_id", "minLength"}, {"lines[1].variant_id", "minLength"}}},
		{"minimum: grand_total", team, app, func(o *slugorders.CreateOrderRequest) { o.GrandTotal = -0.01 },
			[]violation{{"grand_total", "minimum"}}},
		{"minimum: optional totals", team, app, func(o *slugorders.CreateOrderRequest) {
			n := ptr(-1.0)
			o.BonusTotal, o.DiscountTotal, o.GiftCardTotal, o.ShippingTotal, o.SubTotal, o.TaxTotal = n, n, n, n, n, n
		}, []violation{
			{"bonus_total", "minimum"}, {"discount_total", "minimum"}, {"gift_card_total", "minimum"},
			{"shipping_total", "minimum"}, {"sub_total", "minimum"}, {"tax_total", "minimum"},
		}},
		{"type: non-finite numbers", team, app, func(o *slugorders.CreateOrderRequest) {
			o.GrandTotal = math.NaN()
			o.TaxTotal = ptr(math.Inf(1))
			o.Lines[0].BasePriceAmount = ptr(math.Inf(-1))
		}, []violation{{"grand_total", "type"}, {"lines[0].base_price_amount", "type"}, {"tax_total", "type"}}},
		{"minLength: empty slugs", "", "", nil,
			[]violation{{"team_slug", "minLength"}, {"app_slug", "minLength"}}},
		{"minLength: empty app slug", team, "", nil, []violation{{"app_slug", "minLength"}}},
		{"dotSegment: dot slugs", ".", "..", nil,
			[]violation{{"team_slug", "dotSegment"}, {"app_slug", "dotSegment"}}},
		{"shadowedField: unmodelled members that shadow fields", team, app, func(o *slugorders.CreateOrderRequest) {
			o.Lines[0].AdditionalProperties = map[string]interface{}{"quantity": 0, "product_id": "", "gift_wrap": true}
			o.BillingAddress = &slugorders.AddressInput{AdditionalProperties: map[string]interface{}{"city": "X"}}
			o.ShippingAddress = &slugorders.AddressInput{AdditionalProperties: map[string]interface{}{"care_of": "Y", "email": "e"}}
		}, []violation{
			{"billing_address.city", "shadowedField"}, {"shipping_address.email", "shadowedField"},
			{"lines[0].product_id", "shadowedField"}, {"lines[0].quantity", "shadowedField"},
		}},
		{"slugs first, then the body", "", "..", func(o *slugorders.CreateOrderRequest) { o.GrandTotal = -1 },
			[]violation{{"team_slug", "minLength"}, {"app_slug", "dotSegment"}, {"grand_total", "minimum"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			o := slugorderstest.MinimalOrder()
			if tt.mutate != nil {
				tt.mutate(&o)
			}
			_, err := c.CreateOrder(context.Background(), tt.team, tt.app, o)
			var ve *slugorders.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, slugorders.ErrInvalidRequest) {
				t.Fatalf("err = %v, want a *ValidationError matching ErrInvalidRequest", err)
			}
			got := make([]violation, len(ve.Violations))
			for i, v := range ve.Violations {
				got[i] = violation{v.Path, v.Rule}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
			if n := srv.Requests(); n != 0 {
				t.Errorf("fake received %d requests, want 0", n)
			}
		})
	}
}

func TestValidationAcceptsBoundaries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		team, app string
		mutate    func(o *slugorders.CreateOrderRequest)
	}{
		{"grand_total 0 and one line", team, app, func(o *slugorders.CreateOrderRequest) { o.GrandTotal = 0 }},
		{"optional totals 0", team, app, func(o *slugorders.CreateOrderRequest) {
			z := ptr(0.0)
			o.BonusTotal, o.DiscountTotal, o.GiftCardTotal, o.ShippingTotal, o.SubTotal, o.TaxTotal = z, z, z, z, z, z
		}},
		{"one-character strings and slugs", "a", "b", func(o *slugorders.CreateOrderRequest) {
			o.CountryCode, o.CurrencyCode, o.LanguageCode, o.Reference, o.Source = "S", "K", "s", "R", "w"
			o.Lines[0].ProductID, o.Lines[0].VariantID = "p", "v"
		}},
		{"status placed", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = slugorders.OrderStatusPlaced }},
		{"status refunded", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = slugorders.OrderStatusRefunded }},
		{"status compensated", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = slugorders.OrderStatusCompensated }},
		{"status released", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = slugorders.OrderStatusReleased }},
		{"status delivered", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = slugorders.OrderStatusDelivered }},
		{"status cancelled", team, app, func(o *slugorders.CreateOrderRequest) { o.Status = slugorders.OrderStatusCancelled }},
		{"unmodelled members that shadow nothing", team, app, func(o *slugorders.CreateOrderRequest) {
			o.Lines[0].AdditionalProperties = map[string]interface{}{"gift_wrap": true}
			o.BillingAddress = &slugorders.AddressInput{AdditionalProperties: map[string]interface{}{"care_of": "Y"}}
		}},
		{"dots within slugs", "...", "a.b", nil},
		{"many lines", team, app, func(o *slugorders.CreateOrderRequest) {
			for i := 0; i < 30; i++ {
				o.Lines = append(o.Lines, slugorders.OrderLineInput{ProductID: "p", VariantID: "v", Quantity: 1})
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			o := slugorderstest.MinimalOrder()
			if tt.mutate != nil {
				tt.mutate(&o)
			}
			if _, err := c.CreateOrder(context.Background(), tt.team, tt.app, o); err != nil {
				t.Fatalf("valid order refused: %v", err)
			}
			if n := len(srv.Orders()); n != 1 {
				t.Errorf("fake created %d orders, want 1", n)
			}
		})
	}
}

func TestViolationMessages(t *testing.T) {
	t.Parallel()
	c, _ := setup(t)
	o := slugorderstest.MinimalOrder()
	o.GrandTotal = -1
	o.Status = "shipped"
	o.Lines = []slugorders.OrderLineInput{}
	_, err := c.CreateOrder(context.Background(), "", "..", o)
	var ve *slugorders.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	want := []slugorders.Violation{
		{Path: "team_slug", Rule: "minLength", Message: "must be at least 1 characters"},
		{Path: "app_slug", Rule: "dotSegment", Message: `must not be "." or "..", which URL resolution would remove from the path`},
		{Path: "grand_total", Rule: "minimum", Message: "must be at least 0"},
		{Path: "lines", Rule: "minItems", Message: "must have at least 1 items"},
		{Path: "status", Rule: "enum", Message: "must be one of: placed, refunded, compensated, released, delivered, cancelled"},
	}
	if diff := cmp.Diff(want, ve.Violations); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if got, want := err.Error(), "slugorders: invalid request, not sent: team_slug: minLength: must be at least 1 characters; "; len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("Error() = %q", got)
	}
}

func TestSlugChecksSurviveWithoutValidation(t *testing.T) {
	t.Parallel()
	c, srv := setup(t, slugorders.WithoutValidation())
	bad := slugorderstest.MinimalOrder()
	bad.GrandTotal = -1 // not reported: body validation is off
	_, err := c.CreateOrder(context.Background(), "..", "", bad)
	var ve *slugorders.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	got := make([]violation, len(ve.Violations))
	for i, v := range ve.Violations {
		got[i] = violation{v.Path, v.Rule}
	}
	if diff := cmp.Diff([]violation{{"app_slug", "minLength"}, {"team_slug", "dotSegment"}}, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if srv.Requests() != 0 {
		t.Errorf("fake received %d requests, want 0", srv.Requests())
	}
}
