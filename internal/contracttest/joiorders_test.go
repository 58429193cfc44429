//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/joiorders"
)

// The vendor's error types are the shared ones, so the harness's checks apply.
var (
	_ *apierror.APIError        = (*joiorders.APIError)(nil)
	_ *apierror.DecodeError     = (*joiorders.DecodeError)(nil)
	_ *apierror.ValidationError = (*joiorders.ValidationError)(nil)
	_ *apierror.RequestError    = (*joiorders.RequestError)(nil)
)

// joiordersFullOrder is joiorders/testdata/full_order.json: every field the
// spec defines.
func joiordersFullOrder() joiorders.CreateOrderRequest {
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

// joiordersMinimalOrder is joiorders/testdata/minimal_order.json: the required
// fields, and one member of each address pair, which the address rules require.
func joiordersMinimalOrder() joiorders.CreateOrderRequest {
	return joiorders.CreateOrderRequest{
		CustomerID:        "6328113ba105cf37af7f623b",
		PaymentStatus:     joiorders.PaymentStatusUnpaid,
		OrderStatus:       joiorders.OrderStatusPending,
		ShippingAddressID: ptr("63356b3b3a6353a69043680c"),
		BillingAddressID:  ptr("63356b3b3a6353a69043680b"),
		LineItems:         []joiorders.LineItem{{Quantity: 0, Price: 0}},
	}
}

func newJoiorders(t *testing.T, base string, rec *recorder, opts ...joiorders.Option) *joiorders.Client {
	t.Helper()
	c, err := joiorders.New(credential, append([]joiorders.Option{joiorders.WithBaseURL(base), joiorders.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestJoiordersCreateOrder(t *testing.T) {
	base, m := prism(t, "joiorders")
	for _, tc := range []struct {
		name, golden string
		order        joiorders.CreateOrderRequest
	}{
		{"full", "full_order.json", joiordersFullOrder()},
		{"minimal", "minimal_order.json", joiordersMinimalOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newJoiorders(t, base, rec)
			var order *joiorders.Order
			err := call(t, func(ctx context.Context) (err error) {
				order, err = c.CreateOrder(ctx, tc.order)
				return err
			})
			checkWire(t, rec, "joiorders", tc.golden)
			checkCreate(t, m, rec, err, func(m mode) error {
				if err := notNil(order); err != nil || m == dynamic {
					return err
				}
				return nonEmpty("data.id", order.ID)
			})
		})
	}
}

// TestJoiordersInvalidOrder sends the minimal order with an empty customer, a
// required member with minLength: 1.
func TestJoiordersInvalidOrder(t *testing.T) {
	base, _ := prism(t, "joiorders")
	const rule = "minLength"
	bad := joiordersMinimalOrder()
	bad.CustomerID = ""
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newJoiorders(t, base, rec, joiorders.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, bad)
			return err
		})
		checkRejectedByPrism(t, rec, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newJoiorders(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, bad)
			return err
		})
		checkStoppedLocally(t, rec, err, rule)
	})
}
