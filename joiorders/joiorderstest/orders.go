package joiorderstest

import "github.com/ordersdk/ordersdk-go/joiorders"

// Sample orders for tests: each passes validation and the fake, and tests
// can change one field to provoke a specific failure.

// FullOrder sets every field the spec defines.
func FullOrder() joiorders.CreateOrderRequest {
	return joiorders.CreateOrderRequest{
		CustomerID:    "6328113ba105cf37af7f623b",
		PaymentStatus: joiorders.PaymentStatusPaid,
		OrderStatus:   joiorders.OrderStatusFulfilled,
		FulfilledItems: []joiorders.Fulfillment{{
			Items: []joiorders.FulfilledItem{{
				LineItemID: ptr("636d07be0438c42bc4d455f9"),
				Quantity:   2,
				MetaField:  &joiorders.FulfilledItemMetaField{Code: ptr("engraving"), Value: ptr("J.D.")},
				Sku:        ptr("MUG-BLK-12"),
				Options:    []joiorders.FulfilledItemOption{{Name: ptr("Color"), Value: ptr("Black")}},
			}},
			Carrier:        ptr("UPS"),
			TrackingNumber: ptr("1Z999AA10123456784"),
			TrackingURL:    ptr("https://www.ups.com/track?tracknum=1Z999AA10123456784"),
			FulfilledAt:    ptr("2022-10-20"),
		}},
		TaxAmount:        ptr(5.1),
		BillingAddressID: ptr("63356b3b3a6353a69043680b"),
		NewBillingAddress: &joiorders.NewBillingAddress{
			CompanyName: ptr("Acme Corp"), CompanyEmail: ptr("billing@acme.example"),
			FirstName: ptr("Jane"), LastName: ptr("Roe"),
			Address1: ptr("1 Billing Way"), Address2: ptr("Suite 200"), PhoneNumber: ptr("+1 908 555 0100"),
			City: ptr("Newark"), State: ptr("NJ"), Country: ptr("US"), Zipcode: ptr("07102"),
		},
		PaymentTermID:     ptr("63356b3b3a6353a69043680d"),
		ShippingAddressID: ptr("63356b3b3a6353a69043680c"),
		NewShippingAddress: &joiorders.NewShippingAddress{
			CompanyName: ptr("Acme Corp"), CompanyEmail: ptr("shipping@acme.example"),
			FirstName: ptr("John"), LastName: ptr("Doe"),
			Address1: ptr("12/4, test st"), Address2: ptr(""), PhoneNumber: ptr("65161861"),
			City: ptr("Elizabeth"), State: ptr("NJ"), Country: ptr("US"), Zipcode: ptr("07202"),
		},
		OrderedAt:      ptr("2022-10-18"),
		RefundedAmount: ptr(2.5),
		ShippingCost:   ptr(9.99),
		ShippingLabel:  ptr("UPS Ground"),
		ShipmentDetails: &joiorders.ShipmentDetails{
			TrackingNumber: ptr("8498461648"), Carrier: ptr("something"),
			FulfilledAt: ptr("2022-10-18"), TimeEstimate: ptr("2 days"),
		},
		Currency: &joiorders.Currency{Currency: ptr("USD"), Symbol: ptr("$")},
		LineItems: []joiorders.LineItem{{
			ProductID: ptr("636d07be0438c42bc4d455e3"),
			VariantID: ptr("636d07be0438c42bc4d455f2"),
			Quantity:  10,
			Discounts: []joiorders.ProductDiscount{{
				ID: ptr("636d07be0438c42bc4d45500"), Name: ptr("Launch 10%"), DiscountedAmount: 31.84,
			}},
			DiscountAmount:    ptr(31.84),
			Price:             31.84,
			FulfilledQuantity: ptr(2),
			Returned:          ptr(false),
		}},
		MetaFields: []joiorders.OrderMetaField{{
			Label: ptr("orderId"), Value: ptr("#123445363"), DisplayStorefront: ptr(true),
		}},
	}
}

// MinimalOrder sets only the required fields, and one member of each address
// pair, which the address rules require.
func MinimalOrder() joiorders.CreateOrderRequest {
	return joiorders.CreateOrderRequest{
		CustomerID:        "6328113ba105cf37af7f623b",
		PaymentStatus:     joiorders.PaymentStatusUnpaid,
		OrderStatus:       joiorders.OrderStatusPending,
		ShippingAddressID: ptr("63356b3b3a6353a69043680c"),
		BillingAddressID:  ptr("63356b3b3a6353a69043680b"),
		LineItems:         []joiorders.LineItem{{Quantity: 0, Price: 0}},
	}
}
func ptr[T any](v T) *T { return &v }
