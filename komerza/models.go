package komerza

// The model types are generated from the spec into internal/api; these aliases
// make them part of the public API with their field documentation intact.

import "github.com/ordersdk/ordersdk-go/komerza/internal/api"

type (
	// Chargeback is the Chargeback schema: A cardholder chargeback or dispute on an order (Komerza's PublicChargeback).
	Chargeback = api.Chargeback
	// CreateOrderRequest is the CreateOrderRequest schema: a new dashboard order (Komerza's CreateDashboardOrderForm). Set Items, or Cost for a total with no line items.
	CreateOrderRequest = api.CreateOrderRequest
	// CreateOrderResult is the CreateOrderResponse schema: the {success, message, code, data} envelope of a 200. CreateOrder returns its Data.
	CreateOrderResult = api.CreateOrderResponse
	// CustomFieldAnswers is the CustomFieldAnswers schema: The answers to the store's custom checkout fields, by field.
	CustomFieldAnswers = api.CustomFieldAnswers
	// CustomerDetails is the CustomerDetails schema: The customer details on the order (Komerza's PublicCustomerDetails).
	CustomerDetails = api.CustomerDetails
	// DeliveredItem is the DeliveredItem schema: An item delivered as part of an order (Komerza's PublicDeliveredItem).
	DeliveredItem = api.DeliveredItem
	// ErrorBody is the Error schema: the {success, message, code, data, invalidFields} envelope of every Komerza error.
	ErrorBody = api.Error
	// GatewayMetadata is the GatewayMetadata schema: The gateway-specific metadata for the order (Komerza's PublicGatewayMetadata).
	GatewayMetadata = api.GatewayMetadata
	// LineItem is the LineItem schema: A product line of an order (Komerza's PublicLineItem).
	LineItem = api.LineItem
	// LineItemInput is the LineItemInput schema: One product line of a new order.
	LineItemInput = api.LineItemInput
	// Metadata is the Metadata schema: custom string pairs, at most 20 keys of at most 40 characters, values of at most 500.
	Metadata = api.Metadata
	// Order is the Order schema: An order made by a customer to a merchant for a product they are selling (Komerza's PublicOrder). Only the fields the vendor page shows are modelled.
	Order = api.Order
	// OrderCoupon is the OrderCoupon schema: The usage data of a coupon within an order (Komerza's PublicOrderCoupon).
	OrderCoupon = api.OrderCoupon
	// OrderDiscount is the OrderDiscount schema: The affiliate discount applied to an order (Komerza's PublicOrderDiscount).
	OrderDiscount = api.OrderDiscount
	// StoredFile is the StoredFile schema: A publicly accessible file with additional metadata (Komerza's PublicStoredFile).
	StoredFile = api.StoredFile
)
