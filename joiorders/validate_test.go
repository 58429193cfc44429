package joiorders_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
)

// TestValidation covers every constraint kind the spec uses, each violated
// (nothing sent) and at its boundary (accepted by the client and the fake).
func TestValidation(t *testing.T) {
	t.Parallel()
	chars := func(n int) *string { return ptr(strings.Repeat("é", n)) } // runes, not bytes, are counted
	tests := []struct {
		name   string
		mutate func(o *joiorders.CreateOrderRequest)
		want   []joiorders.Violation // nil: accepted and sent
	}{
		// required
		{"lineItems missing", func(o *joiorders.CreateOrderRequest) { o.LineItems = nil },
			[]joiorders.Violation{{Path: "lineItems", Rule: "required", Message: "is required"}}},
		{"lineItems empty is accepted (no minItems)", func(o *joiorders.CreateOrderRequest) { o.LineItems = []joiorders.LineItem{} }, nil},

		// minLength on the required strings, whose zero value means "not set"
		{"paymentStatus empty", func(o *joiorders.CreateOrderRequest) { o.PaymentStatus = "" },
			[]joiorders.Violation{{Path: "paymentStatus", Rule: "minLength", Message: "must be at least 1 characters"}}},
		{"orderStatus empty", func(o *joiorders.CreateOrderRequest) { o.OrderStatus = "" },
			[]joiorders.Violation{{Path: "orderStatus", Rule: "minLength", Message: "must be at least 1 characters"}}},
		{"customer empty", func(o *joiorders.CreateOrderRequest) { o.CustomerID = "" },
			[]joiorders.Violation{
				{Path: "customer", Rule: "minLength", Message: "must be at least 1 characters"},
				{Path: "customer", Rule: "pattern", Message: "must match ^[0-9a-fA-F]{24}$"},
			}},
		{"newShippingAddress.firstName empty", func(o *joiorders.CreateOrderRequest) {
			o.NewShippingAddress = &joiorders.NewShippingAddress{FirstName: ptr("")}
		}, []joiorders.Violation{{Path: "newShippingAddress.firstName", Rule: "minLength", Message: "must be at least 1 characters"}}},
		{"newShippingAddress.firstName of 1 is accepted", func(o *joiorders.CreateOrderRequest) {
			o.NewShippingAddress = &joiorders.NewShippingAddress{FirstName: ptr("J")}
		}, nil},
		{"newBillingAddress.city empty", func(o *joiorders.CreateOrderRequest) {
			o.NewBillingAddress = &joiorders.NewBillingAddress{City: ptr("")}
		}, []joiorders.Violation{{Path: "newBillingAddress.city", Rule: "minLength", Message: "must be at least 1 characters"}}},
		{"lastName and address2 may be empty", func(o *joiorders.CreateOrderRequest) {
			o.NewShippingAddress = &joiorders.NewShippingAddress{LastName: ptr(""), Address2: ptr("")}
			o.NewBillingAddress = &joiorders.NewBillingAddress{LastName: ptr(""), Address2: ptr("")}
		}, nil},

		// maxLength
		{"newShippingAddress.address1 of 101", func(o *joiorders.CreateOrderRequest) {
			o.NewShippingAddress = &joiorders.NewShippingAddress{Address1: chars(101)}
		}, []joiorders.Violation{{Path: "newShippingAddress.address1", Rule: "maxLength", Message: "must be at most 100 characters"}}},
		{"newBillingAddress.zipcode of 101", func(o *joiorders.CreateOrderRequest) {
			o.NewBillingAddress = &joiorders.NewBillingAddress{Zipcode: chars(101)}
		}, []joiorders.Violation{{Path: "newBillingAddress.zipcode", Rule: "maxLength", Message: "must be at most 100 characters"}}},
		{"address fields of 100 are accepted", func(o *joiorders.CreateOrderRequest) {
			o.NewShippingAddress = &joiorders.NewShippingAddress{Address1: chars(100), Address2: chars(100), PhoneNumber: chars(100),
				City: chars(100), State: chars(100), Country: chars(100), Zipcode: chars(100)}
			o.NewBillingAddress = &joiorders.NewBillingAddress{Address1: chars(100), Address2: chars(100), PhoneNumber: chars(100),
				City: chars(100), State: chars(100), Country: chars(100), Zipcode: chars(100)}
		}, nil},

		// pattern: ObjectIds and the currency code
		{"ObjectIds of the wrong shape", func(o *joiorders.CreateOrderRequest) {
			o.CustomerID = "6328113ba105cf37af7f623"           // 23 digits
			o.BillingAddressID = ptr("customer-42")            // not hex
			o.ShippingAddressID = ptr("")                      // empty
			o.PaymentTermID = ptr("63356b3b3a6353a69043680dd") // 25 digits
			o.LineItems[0].ProductID = ptr("636d07be0438c42bc4d455eg")
			o.LineItems[0].VariantID = ptr(" 636d07be0438c42bc4d455f2")
			o.LineItems[0].Discounts = []joiorders.ProductDiscount{{ID: ptr("x"), DiscountedAmount: 1}}
		}, []joiorders.Violation{
			{Path: "billingAddress", Rule: "pattern", Message: "must match ^[0-9a-fA-F]{24}$"},
			{Path: "customer", Rule: "pattern", Message: "must match ^[0-9a-fA-F]{24}$"},
			{Path: "lineItems[0].discounts[0].id", Rule: "pattern", Message: "must match ^[0-9a-fA-F]{24}$"},
			{Path: "lineItems[0].productId", Rule: "pattern", Message: "must match ^[0-9a-fA-F]{24}$"},
			{Path: "lineItems[0].variantId", Rule: "pattern", Message: "must match ^[0-9a-fA-F]{24}$"},
			{Path: "paymentTerm", Rule: "pattern", Message: "must match ^[0-9a-fA-F]{24}$"},
			{Path: "shippingAddressId", Rule: "pattern", Message: "must match ^[0-9a-fA-F]{24}$"},
		}},
		{"upper-case ObjectIds are accepted", func(o *joiorders.CreateOrderRequest) {
			o.CustomerID = "6328113BA105CF37AF7F623B"
			o.LineItems[0].ProductID = ptr("636D07BE0438C42BC4D455E3")
		}, nil},
		{"currency code in lower case", func(o *joiorders.CreateOrderRequest) {
			o.Currency = &joiorders.Currency{Currency: ptr("usd"), Symbol: ptr("$")}
		}, []joiorders.Violation{{Path: "currency.currency", Rule: "pattern", Message: "must match ^[A-Z]{3}$"}}},
		{"currency code of 2 letters, as the vendor's table says", func(o *joiorders.CreateOrderRequest) {
			o.Currency = &joiorders.Currency{Currency: ptr("US")}
		}, []joiorders.Violation{{Path: "currency.currency", Rule: "pattern", Message: "must match ^[A-Z]{3}$"}}},
		{"currency USD with any symbol is accepted", func(o *joiorders.CreateOrderRequest) {
			o.Currency = &joiorders.Currency{Currency: ptr("USD"), Symbol: ptr("US$")}
		}, nil},

		// minimum
		{"negative quantities and shipping cost", func(o *joiorders.CreateOrderRequest) {
			o.LineItems[0].Quantity = -1
			o.LineItems[0].FulfilledQuantity = ptr(-1)
			o.FulfilledItems = []joiorders.Fulfillment{{Items: []joiorders.FulfilledItem{{Quantity: 1}, {Quantity: -3}}}}
			o.ShippingCost = ptr(-0.01)
		}, []joiorders.Violation{
			{Path: "fulfilledItems[0].items[1].quantity", Rule: "minimum", Message: "must be at least 0"},
			{Path: "lineItems[0].fulfilledQuantity", Rule: "minimum", Message: "must be at least 0"},
			{Path: "lineItems[0].quantity", Rule: "minimum", Message: "must be at least 0"},
			{Path: "shippingCost", Rule: "minimum", Message: "must be at least 0"},
		}},
		{"zero quantities and shipping cost are accepted", func(o *joiorders.CreateOrderRequest) {
			o.LineItems[0].Quantity = 0
			o.LineItems[0].FulfilledQuantity = ptr(0)
			o.FulfilledItems = []joiorders.Fulfillment{{Items: []joiorders.FulfilledItem{{Quantity: 0}}}}
			o.ShippingCost = ptr(0.0)
		}, nil},
		{"negative money without a minimum is accepted", func(o *joiorders.CreateOrderRequest) {
			o.LineItems[0].Price = -5
			o.TaxAmount = ptr(-1.5)
		}, nil},

		// type: a number JSON cannot carry
		{"price NaN", func(o *joiorders.CreateOrderRequest) { o.LineItems[0].Price = math.NaN() },
			[]joiorders.Violation{{Path: "lineItems[0].price", Rule: "type", Message: "must be a finite number"}}},
		{"taxAmount +Inf", func(o *joiorders.CreateOrderRequest) { o.TaxAmount = ptr(math.Inf(1)) },
			[]joiorders.Violation{{Path: "taxAmount", Rule: "type", Message: "must be a finite number"}}},

		// open statuses: unknown values are not rejected
		{"unknown statuses are accepted", func(o *joiorders.CreateOrderRequest) {
			o.PaymentStatus = "partially_refunded"
			o.OrderStatus = joiorders.OrderStatus("on_hold")
		}, nil},

		// cross-field rules
		{"no shipping address", func(o *joiorders.CreateOrderRequest) { o.ShippingAddressID, o.NewShippingAddress = nil, nil },
			[]joiorders.Violation{{Path: "", Rule: "shippingAddress", Message: "needs shippingAddressId or newShippingAddress"}}},
		{"no billing address", func(o *joiorders.CreateOrderRequest) { o.BillingAddressID, o.NewBillingAddress = nil, nil },
			[]joiorders.Violation{{Path: "", Rule: "billingAddress", Message: "needs billingAddress or newBillingAddress"}}},
		{"no address at all", func(o *joiorders.CreateOrderRequest) {
			o.ShippingAddressID, o.BillingAddressID = nil, nil
		}, []joiorders.Violation{
			{Path: "", Rule: "shippingAddress", Message: "needs shippingAddressId or newShippingAddress"},
			{Path: "", Rule: "billingAddress", Message: "needs billingAddress or newBillingAddress"},
		}},
		{"new addresses only are accepted", func(o *joiorders.CreateOrderRequest) {
			o.ShippingAddressID, o.BillingAddressID = nil, nil
			o.NewShippingAddress = &joiorders.NewShippingAddress{FirstName: ptr("John")}
			o.NewBillingAddress = &joiorders.NewBillingAddress{FirstName: ptr("John")}
		}, nil},
		{"both members of each pair are accepted", func(o *joiorders.CreateOrderRequest) {
			o.NewShippingAddress = &joiorders.NewShippingAddress{FirstName: ptr("John")}
			o.NewBillingAddress = &joiorders.NewBillingAddress{FirstName: ptr("John")}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			order := joiorderstest.MinimalOrder()
			order.LineItems = []joiorders.LineItem{{Quantity: 1, Price: 9.5}}
			tt.mutate(&order)
			got, err := c.CreateOrder(context.Background(), order)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("CreateOrder: %v", err)
				}
				if got == nil || got.ID == nil || srv.Requests() != 1 {
					t.Fatalf("order %+v after %d requests, want one created", got, srv.Requests())
				}
				return
			}
			var ve *joiorders.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, joiorders.ErrInvalidRequest) {
				t.Fatalf("err = %v, want a *ValidationError matching ErrInvalidRequest", err)
			}
			if diff := cmp.Diff(tt.want, ve.Violations); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
			if got != nil {
				t.Errorf("order = %+v, want nil", got)
			}
			if n := srv.Requests(); n != 0 {
				t.Errorf("fake received %d requests, want 0", n)
			}
			assertNoToken(t, err)
		})
	}
}

// TestWithoutValidation sends an invalid order, which the fake then refuses as
// the vendor would, with {success:false, message}.
func TestWithoutValidation(t *testing.T) {
	t.Parallel()
	c, srv := setup(t, joiorders.WithoutValidation())
	order := joiorderstest.MinimalOrder()
	order.CustomerID = "not-an-object-id"
	order.ShippingAddressID = nil // the address rules are off too
	_, err := c.CreateOrder(context.Background(), order)
	var apiErr *joiorders.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !errors.Is(err, joiorders.ErrInvalidRequest) {
		t.Fatalf("err = %v, want a 400 *APIError matching ErrInvalidRequest", err)
	}
	if !strings.Contains(apiErr.Message, "customer") {
		t.Errorf("Message = %q, want the fake's complaint about customer", apiErr.Message)
	}
	if n := srv.Requests(); n != 1 {
		t.Errorf("fake received %d requests, want 1", n)
	}
}
