package slugorderstest

import "github.com/ordersdk/ordersdk-go/slugorders"

// Sample orders for tests: each passes validation and the fake, and tests
// can change one field to provoke a specific failure.

// FullOrder sets every field the spec defines, and one unmodelled member on a
// line and on an address.
func FullOrder() slugorders.CreateOrderRequest {
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

// MinimalOrder sets only the required fields.
func MinimalOrder() slugorders.CreateOrderRequest {
	return slugorders.CreateOrderRequest{
		CountryCode: "SE", CurrencyCode: "SEK", GrandTotal: 0, LanguageCode: "sv",
		Reference: "ORDER-1002", Source: "webshop", Status: slugorders.OrderStatusPlaced,
		Lines: []slugorders.OrderLineInput{{ProductID: "prod_123", VariantID: "var_456", Quantity: 1}},
	}
}
