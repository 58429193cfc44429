package konvotest

import "github.com/ordersdk/ordersdk-go/konvo"

// Sample orders for tests: each passes validation and the fake, and tests
// can change one field to provoke a specific failure.

// FullOrder sets every field the spec defines.
func FullOrder() konvo.OrderInput {
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

// MinimalOrder sets only the required fields.
func MinimalOrder() konvo.OrderInput {
	return konvo.OrderInput{
		ID: "order-min-1", FriendlyName: "#1", OrderTotal: 0, Currency: "EUR",
		Customer: konvo.OrderCustomer{ID: "c1", FirstName: "A", LastName: "B"},
		Items: []konvo.OrderedItem{{ID: "v1", Sku: "S1", Name: "N", Description: "", Price: 0, Msrp: 0,
			ImageURL: "", Currency: "EUR"}},
	}
}
