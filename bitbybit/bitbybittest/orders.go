package bitbybittest

import "github.com/ordersdk/ordersdk-go/bitbybit"

// Sample orders for tests: each passes validation and the fake, and tests
// can change one field to provoke a specific failure.

// FullOrder sets every field the spec defines, except customerId: it and
// customer are mutually exclusive, and minimalOrder sends customerId.
func FullOrder() bitbybit.CreateOrderRequest {
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

// MinimalOrder sets only the required fields, and customerId, which the
// customerIdOrCustomer rule requires when customer is absent.
func MinimalOrder() bitbybit.CreateOrderRequest {
	return bitbybit.CreateOrderRequest{
		CustomerID: ptr("cus_01HZX4"),
		LineItems:  []bitbybit.LineItemInput{{ProductVariantID: "pv_1", Quantity: 1}},
		ShippingAddress: bitbybit.ShippingAddressInput{
			FirstName: "A", LastName: "B", Phone: "1", Address1: "C", City: "D", Province: "E", Zip: "F",
		},
	}
}
