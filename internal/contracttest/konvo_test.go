//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/konvo"
)

// The vendor's error types are the shared ones, so the harness's checks apply.
var (
	_ *apierror.APIError        = (*konvo.APIError)(nil)
	_ *apierror.DecodeError     = (*konvo.DecodeError)(nil)
	_ *apierror.ValidationError = (*konvo.ValidationError)(nil)
	_ *apierror.RequestError    = (*konvo.RequestError)(nil)
)

// konvoFullOrder is konvo/testdata/full_order.json: every field the spec defines.
func konvoFullOrder() konvo.OrderInput {
	return konvo.OrderInput{
		ID:           "08c0e60e-26bd-4e41-bb05-97bfbe1ba7cd",
		ExternalID:   ptr("order_12345"),
		FriendlyName: "#1059",
		Customer: konvo.OrderCustomer{
			ID: "customer_67890", FirstName: "John", LastName: "Doe",
			UserIds: []konvo.OrderUserID{{Type: konvo.OrderUserIDTypeEmail, ID: "john.doe@example.com"}},
		},
		OrderTotal: 3995,
		Currency:   "USD",
		Items: []konvo.OrderedItem{{
			ID: "variant_123", Sku: "SHIRT-BLU-M", Name: "Blue T-Shirt - Medium",
			Description: "Comfortable cotton t-shirt in blue", Price: 2999, Msrp: 3999,
			ImageURL: "https://example.com/images/blue-tshirt.jpg", Currency: "USD",
			Available: ptr(true), InventoryQuantity: ptr(150), Quantity: ptr(1),
		}},
		Metadata:       map[string]interface{}{"gift_message": "Happy Birthday!", "preorder": true},
		Status:         ptr(konvo.OrderInputStatusPaid),
		ShipmentStatus: ptr(konvo.OrderInputShipmentStatusInTransit),
		Source:         ptr(konvo.OrderInputSourceOnline),
		TrackingURL:    ptr("https://tracking.example.com/12345"),
		Address: &konvo.OrderAddress{
			FirstName: "John", LastName: "Doe", AddressLineOne: "123 Main St", AddressLineTwo: "Apt 4B",
			ZipCode: "10001", City: "New York", CountryCode: "US", State: ptr("NY"),
			Latitude: ptr("40.7128"), Longitude: ptr("-74.0060"), Company: ptr("Acme Corp"), Phone: ptr("+15551234567"),
		},
	}
}

// konvoMinimalOrder is konvo/testdata/minimal_order.json: the required fields only.
func konvoMinimalOrder() konvo.OrderInput {
	return konvo.OrderInput{
		ID: "order-min-1", FriendlyName: "#1", OrderTotal: 0, Currency: "EUR",
		Customer: konvo.OrderCustomer{ID: "c1", FirstName: "A", LastName: "B"},
		Items: []konvo.OrderedItem{{ID: "v1", Sku: "S1", Name: "N", Description: "", Price: 0, Msrp: 0,
			ImageURL: "", Currency: "EUR"}},
	}
}

func newKonvo(t *testing.T, base string, rec *recorder, opts ...konvo.Option) *konvo.Client {
	t.Helper()
	c, err := konvo.New(credential, append([]konvo.Option{konvo.WithBaseURL(base), konvo.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestKonvoCreateOrders(t *testing.T) {
	base, m := prism(t, "konvo")
	for _, tc := range []struct {
		name, golden string
		order        konvo.OrderInput
	}{
		{"full", "full_order.json", konvoFullOrder()},
		{"minimal", "minimal_order.json", konvoMinimalOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newKonvo(t, base, rec)
			var res *konvo.CreateOrdersResult
			err := call(t, func(ctx context.Context) (err error) {
				res, err = c.CreateOrders(ctx, []konvo.OrderInput{tc.order})
				return err
			})
			checkWire(t, rec, "konvo", tc.golden)
			checkCreate(t, m, rec, err, func(m mode) error {
				if err := notNil(res); err != nil || m == dynamic {
					return err
				}
				if len(res.Result) == 0 {
					return errNoOrders
				}
				return nonEmpty("result[0].id", res.Result[0].ID)
			})
		})
	}
}

// TestKonvoInvalidOrder sends an empty batch, which breaks the body's
// minItems: 1.
func TestKonvoInvalidOrder(t *testing.T) {
	base, _ := prism(t, "konvo")
	const rule = "minItems"
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newKonvo(t, base, rec, konvo.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrders(ctx, []konvo.OrderInput{})
			return err
		})
		checkRejectedByPrism(t, rec, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newKonvo(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrders(ctx, []konvo.OrderInput{})
			return err
		})
		checkStoppedLocally(t, rec, err, rule)
	})
}
