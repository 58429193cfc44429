//go:build contract

package contracttest

import (
	"context"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/komerza"
)

// The vendor's error types are the shared ones, so the harness's checks apply.
var (
	_ *apierror.APIError        = (*komerza.APIError)(nil)
	_ *apierror.DecodeError     = (*komerza.DecodeError)(nil)
	_ *apierror.ValidationError = (*komerza.ValidationError)(nil)
	_ *apierror.RequestError    = (*komerza.RequestError)(nil)
)

const komerzaStoreID = "5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"

// komerzaFullOrder is komerza/testdata/full_order.json: every field the spec
// defines, cost and items both.
func komerzaFullOrder() komerza.CreateOrderRequest {
	return komerza.CreateOrderRequest{
		Items: []komerza.LineItemInput{
			{ProductID: "3c90c3cc-0d44-4b50-8888-8dd25736052a", VariantID: "3c90c3cc-0d44-4b50-8888-8dd25736052b", Quantity: 2},
			{ProductID: "7f1d9a2e-5b3c-4e8f-9a6d-1c2b3a4d5e6f", VariantID: "7f1d9a2e-5b3c-4e8f-9a6d-1c2b3a4d5e70", Quantity: 1},
		},
		Gateway:       "stripe",
		EmailAddress:  "jane.doe@example.com",
		SendReceipt:   ptr(false),
		Cost:          ptr(49.95),
		CouponCode:    ptr("SUMMER10"),
		AffiliateCode: ptr("partner-42"),
		ReturnURL:     ptr("https://shop.example.com/thanks?order=1059"),
		Metadata:      komerza.Metadata{"source": "ordersdk", "campaign": "spring-sale"},
		IPAddress:     ptr("203.0.113.7"),
		UserAgent:     ptr("Mozilla/5.0 (X11; Linux x86_64)"),
		CountryCode:   ptr("US"),
	}
}

// komerzaMinimalOrder is komerza/testdata/minimal_order.json: the required
// fields and one line item.
func komerzaMinimalOrder() komerza.CreateOrderRequest {
	return komerza.CreateOrderRequest{
		Items: []komerza.LineItemInput{
			{ProductID: "3c90c3cc-0d44-4b50-8888-8dd25736052a", VariantID: "3c90c3cc-0d44-4b50-8888-8dd25736052b", Quantity: 1},
		},
		Gateway:      "stripe",
		EmailAddress: "customer@example.com",
	}
}

// komerzaMinimalCostOrder is komerza/testdata/minimal_cost_order.json: the
// required fields and a cost instead of items.
func komerzaMinimalCostOrder() komerza.CreateOrderRequest {
	return komerza.CreateOrderRequest{Gateway: "stripe", EmailAddress: "customer@example.com", Cost: ptr(0.01)}
}

func newKomerza(t *testing.T, base string, rec *recorder, opts ...komerza.Option) *komerza.Client {
	t.Helper()
	c, err := komerza.New(credential, append([]komerza.Option{komerza.WithBaseURL(base), komerza.WithHTTPClient(rec.client())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestKomerzaCreateOrder(t *testing.T) {
	base, m := prism(t, "komerza")
	for _, tc := range []struct {
		name, golden string
		order        komerza.CreateOrderRequest
	}{
		{"full", "full_order.json", komerzaFullOrder()},
		{"minimal", "minimal_order.json", komerzaMinimalOrder()},
		{"minimal with cost", "minimal_cost_order.json", komerzaMinimalCostOrder()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t)
			c := newKomerza(t, base, rec)
			var order *komerza.Order
			err := call(t, func(ctx context.Context) (err error) {
				order, err = c.CreateOrder(ctx, komerzaStoreID, tc.order)
				return err
			})
			checkWire(t, rec, "komerza", tc.golden)
			checkCreate(t, m, rec, err, func(m mode) error {
				if err := notNil(order); err != nil || m == dynamic {
					return err
				}
				return nonEmpty("data.id", order.ID)
			})
		})
	}
}

// TestKomerzaInvalidOrder sends the minimal order with an empty gateway, a
// required member with minLength: 1.
func TestKomerzaInvalidOrder(t *testing.T) {
	base, _ := prism(t, "komerza")
	const rule = "minLength"
	bad := komerzaMinimalOrder()
	bad.Gateway = ""
	t.Run("without validation Prism rejects it", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newKomerza(t, base, rec, komerza.WithoutValidation())
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, komerzaStoreID, bad)
			return err
		})
		checkRejectedByPrism(t, rec, err, rule)
	})
	t.Run("with validation nothing is sent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder(t)
		c := newKomerza(t, base, rec)
		err := call(t, func(ctx context.Context) error {
			_, err := c.CreateOrder(ctx, komerzaStoreID, bad)
			return err
		})
		checkStoppedLocally(t, rec, err, rule)
	})
}
