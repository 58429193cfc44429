package komerzatest

import "github.com/ordersdk/ordersdk-go/komerza"

// Sample orders for tests: each passes validation and the fake, and tests
// can change one field to provoke a specific failure.

// FullOrder sets every field the spec defines, cost and items both.
func FullOrder() komerza.CreateOrderRequest {
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

// MinimalOrder sets only the required fields, with one line item.
func MinimalOrder() komerza.CreateOrderRequest {
	return komerza.CreateOrderRequest{
		Items: []komerza.LineItemInput{
			{ProductID: "3c90c3cc-0d44-4b50-8888-8dd25736052a", VariantID: "3c90c3cc-0d44-4b50-8888-8dd25736052b", Quantity: 1},
		},
		Gateway:      "stripe",
		EmailAddress: "customer@example.com",
	}
}

// MinimalCostOrder sets only the required fields, with a cost instead of items.
func MinimalCostOrder() komerza.CreateOrderRequest {
	return komerza.CreateOrderRequest{Gateway: "stripe", EmailAddress: "customer@example.com", Cost: ptr(0.01)}
}
