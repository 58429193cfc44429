//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/slugorders"
)

// The vendor's error types are the shared ones, so the harness's checks apply.
var (
	_ *apierror.APIError        = (*slugorders.APIError)(nil)
	_ *apierror.DecodeError     = (*slugorders.DecodeError)(nil)
	_ *apierror.ValidationError = (*slugorders.ValidationError)(nil)
	_ *apierror.RequestError    = (*slugorders.RequestError)(nil)
)

const (
	slugTeam = "acme"
	slugApp  = "webshop"
)

// slugordersFullOrder is slugorders/testdata/full_order.json: every field the
// spec defines, and one unmodelled member on a line and on an address.
func slugordersFullOrder() slugorders.CreateOrderRequest {
	return slugorders.CreateOrderRequest{
		CountryCode: "SE", CurrencyCode: "SEK", GrandTotal: 1049.5, LanguageCode: "sv",
		Reference: "ORDER-1001", Source: "webshop", Status: slugorders.OrderStatusPlaced,
		Lines: []slugorders.OrderLineInput{{
			ProductID: "prod_123", VariantID: "var_456", Quantity: 2,
			ProductName: ptr("Linen shirt"), ProductNumber: ptr("LS-100"),
			VariantName: ptr("Linen shirt, blue, M"), VariantNumber: ptr("LS-100-BLU-M"),
			BasePriceAmount: ptr(499.0), TotalPriceAmount: ptr(998.0), TotalSalePrice: ptr(898.0),
			TotalDiscountAmount: ptr(100.0), TotalTaxAmount: ptr(179.6), TaxGroupID: ptr("tax_standard_25"),
			CurrencyCode: ptr("SEK"), ShortDescription: ptr("Relaxed fit linen shirt"),
			FirstImagePath:       ptr("products/ls-100/blue.jpg"),
			AdditionalProperties: map[string]interface{}{"gift_wrap": true},
		}},
		BillingAddress: &slugorders.AddressInput{
			GivenName: ptr("Astrid"), FamilyName: ptr("Lindqvist"), StreetAddress: ptr("Drottninggatan 12"),
			StreetAddress2: ptr("Lgh 1102"), PostalCode: ptr("111 51"), City: ptr("Stockholm"),
			StateOrProvince: ptr("Stockholms län"), CountryCode: ptr("SE"), Email: ptr("astrid@example.se"),
			TelephoneNumber: ptr("+46701234567"), AddressType: ptr("billing"),
			AdditionalProperties: map[string]interface{}{"care_of": "Lindqvist AB"},
		},
		ShippingAddress: &slugorders.AddressInput{
			GivenName: ptr("Astrid"), FamilyName: ptr("Lindqvist"), StreetAddress: ptr("Sveavägen 44"),
			PostalCode: ptr("113 59"), City: ptr("Stockholm"), CountryCode: ptr("SE"), AddressType: ptr("shipping"),
		},
		BonusTotal: ptr(20.0), DiscountTotal: ptr(100.0), GiftCardTotal: ptr(50.0),
		MerchantUserID: ptr("mu_789"), PaymentMethod: ptr("card"), PaymentMethodID: ptr("pm_321"),
		PaymentMethodName: ptr("Visa"), SessionID: ptr("sess_abc"),
		ShippingMethods: []string{"postnord_home", "instabox"},
		ShippingTotal:   ptr(49.0), SubTotal: ptr(998.0), TaxTotal: ptr(209.9),
	}
}

// slugordersMinimalOrder is slugorders/testdata/minimal_order.json: the
// required fields only.
func slugordersMinimalOrder() slugorders.CreateOrderRequest {
	return slugorders.CreateOrderRequest{
		CountryCode: "SE", CurrencyCode: "SEK", GrandTotal: 0, LanguageCode: "sv",
		Reference: "ORDER-1002", Source: "webshop", Status: slugorders.OrderStatusPlaced,
		Lines: []slugorders.OrderLineInput{{ProductID: "prod_123", VariantID: "var_456", Quantity: 1}},
	}
}

func newSlugorders(t *testing.T, base string, rec *recorder, opts ...slugorders.Option) *slugorders.Client {
	t.Helper()
	c, err := slugorders.New(credential, append([]slugorders.Option{slugorders.WithBaseURL(base), slugorders.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSlugordersCreateOrder(t *testing.T) {
	base, m := prism(t, "slugorders")
	for _, tc := range []struct {
		name, golden string
		order        slugorders.CreateOrderRequest
	}{
		{"full", "full_order.json", slugordersFullOrder()},
		{"minimal", "minimal_order.json", slugordersMinimalOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newSlugorders(t, base, rec)
			var res *slugorders.CreateOrderResult
			err := call(t, func(ctx context.Context) (err error) {
				res, err = c.CreateOrder(ctx, slugTeam, slugApp, tc.order)
				return err
			})
			checkWire(t, rec, "slugorders", tc.golden)
			checkCreate(t, m, rec, err, func(m mode) error {
				if err := notNil(res); err != nil {
					return err
				}
				if err := notNil(res.Order); err != nil || m == dynamic {
					return err
				}
				return nonEmpty("data.id", res.Order.ID)
			})
		})
	}
}

// TestSlugordersInvalidOrder sends the minimal order with no lines, which
// breaks lines' minItems: 1.
func TestSlugordersInvalidOrder(t *testing.T) {
	base, _ := prism(t, "slugorders")
	const rule = "minItems"
	bad := slugordersMinimalOrder()
	bad.Lines = []slugorders.OrderLineInput{}
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newSlugorders(t, base, rec, slugorders.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, slugTeam, slugApp, bad)
			return err
		})
		checkRejectedByPrism(t, rec, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newSlugorders(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, slugTeam, slugApp, bad)
			return err
		})
		checkStoppedLocally(t, rec, err, rule)
	})
}
