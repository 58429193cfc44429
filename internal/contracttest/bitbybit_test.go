//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// The vendor's error types are the shared ones, so the harness's checks apply.
var (
	_ *apierror.APIError        = (*bitbybit.APIError)(nil)
	_ *apierror.DecodeError     = (*bitbybit.DecodeError)(nil)
	_ *apierror.ValidationError = (*bitbybit.ValidationError)(nil)
	_ *apierror.RequestError    = (*bitbybit.RequestError)(nil)
)

// bitbybitFullOrder is bitbybit/testdata/full_order.json: every field the spec
// defines except customerId, which excludes customer.
func bitbybitFullOrder() bitbybit.CreateOrderRequest {
	return bitbybit.CreateOrderRequest{
		Customer: &bitbybit.CustomerInput{
			FirstName: "Siti", LastName: "Rahma",
			Phone: ptr("+6281234567890"), Email: ptr("siti.rahma@example.com"),
		},
		LineItems: []bitbybit.LineItemInput{
			{ProductVariantID: "pv_batik_shirt_m", Quantity: 2},
			{ProductVariantID: "pv_tote_bag", Quantity: 1},
		},
		ShippingAddress: bitbybit.ShippingAddressInput{
			FirstName: "Siti", LastName: "Rahma", Phone: "+6281234567890",
			Address1: "Jl. Sudirman No. 45", Address2: ptr("Apartemen Blok C, Lt. 12"),
			City: "Jakarta Selatan", Province: "DKI Jakarta", Country: ptr("Indonesia"), Zip: "12190",
		},
		Notes: ptr("Please gift-wrap the tote bag."),
		Tags:  []string{"whatsapp", "vip"},
	}
}

// bitbybitMinimalOrder is bitbybit/testdata/minimal_order.json: the required
// fields, and customerId, which the customerIdOrCustomer rule requires when
// customer is absent.
func bitbybitMinimalOrder() bitbybit.CreateOrderRequest {
	return bitbybit.CreateOrderRequest{
		CustomerID: ptr("cus_01HZX4"),
		LineItems:  []bitbybit.LineItemInput{{ProductVariantID: "pv_1", Quantity: 1}},
		ShippingAddress: bitbybit.ShippingAddressInput{
			FirstName: "A", LastName: "B", Phone: "1", Address1: "C", City: "D", Province: "E", Zip: "F",
		},
	}
}

func newBitbybit(t *testing.T, base string, rec *recorder, opts ...bitbybit.Option) *bitbybit.Client {
	t.Helper()
	c, err := bitbybit.New(credential, append([]bitbybit.Option{bitbybit.WithBaseURL(base), bitbybit.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBitbybitCreateOrder(t *testing.T) {
	base, m := prism(t, "bitbybit")
	for _, tc := range []struct {
		name, golden string
		order        bitbybit.CreateOrderRequest
	}{
		{"full", "full_order.json", bitbybitFullOrder()},
		{"minimal", "minimal_order.json", bitbybitMinimalOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newBitbybit(t, base, rec)
			var order *bitbybit.Order
			err := call(t, func(ctx context.Context) (err error) {
				order, err = c.CreateOrder(ctx, tc.order)
				return err
			})
			checkWire(t, rec, "bitbybit", tc.golden)
			checkCreate(t, m, rec, err, func(m mode) error {
				if err := notNil(order); err != nil || m == dynamic {
					return err
				}
				return nonEmpty("data.id", order.ID)
			})
		})
	}
}

// TestBitbybitInvalidOrder sends the minimal order with no line items, which
// breaks lineItems' minItems: 1.
func TestBitbybitInvalidOrder(t *testing.T) {
	base, _ := prism(t, "bitbybit")
	const rule = "minItems"
	bad := bitbybitMinimalOrder()
	bad.LineItems = []bitbybit.LineItemInput{}
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newBitbybit(t, base, rec, bitbybit.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, bad)
			return err
		})
		checkRejectedByPrism(t, rec, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newBitbybit(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, bad)
			return err
		})
		checkStoppedLocally(t, rec, err, rule)
	})
}
