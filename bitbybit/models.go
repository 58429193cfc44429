package bitbybit

// The model types are generated from the spec into internal/api; these aliases
// make them part of the public API with their field documentation intact.

import "github.com/ordersdk/ordersdk-go/bitbybit/internal/api"

type (
	// Address is a shipping address as bitbybit stores it; every field but the
	// id is nullable in the response.
	Address = api.Address
	// CreateOrderRequest is the CreateOrderRequest schema: a new order. Set
	// exactly one of CustomerID and Customer; the client checks this because the
	// published schema cannot say so.
	CreateOrderRequest = api.CreateOrderRequest
	// CreateOrderResult is the CreateOrderResponse schema: the created order,
	// wrapped in data. CreateOrder unwraps it and returns the Order.
	CreateOrderResult = api.CreateOrderResponse
	// CustomerInput is the CustomerInput schema: a customer to create, or to
	// find by phone or email. Only the names are required by the schema, but
	// matching needs Phone or Email in practice.
	CustomerInput = api.CustomerInput
	// ErrorBody is the Error schema: the {"error": {"code", "message"}}
	// envelope every bitbybit error shares.
	ErrorBody = api.Error
	// ErrorDetail is the code and message inside an ErrorBody.
	ErrorDetail = api.ErrorDetail
	// LineItem is one line of a created order, with its server-assigned id.
	LineItem = api.LineItem
	// LineItemInput is the LineItemInput schema: one line of a new order.
	LineItemInput = api.LineItemInput
	// Order is an order as bitbybit stores it. Prices and totals are numbers in
	// major units (the documentation does not say; 12.5 is 12.50).
	Order = api.Order
	// OrderCustomer is the OrderCustomer schema: the customer attached to an
	// order.
	OrderCustomer = api.OrderCustomer
	// OrderFinancialStatus is whether an order is paid: pending, paid or
	// refunded.
	OrderFinancialStatus = api.OrderFinancialStatus
	// OrderFulfillmentStatus is whether an order has shipped: unfulfilled or
	// fulfilled.
	OrderFulfillmentStatus = api.OrderFulfillmentStatus
	// OrderStatus is an order's lifecycle state: active, archived, cancelled or
	// refunded.
	OrderStatus = api.OrderStatus
	// ProductVariant is the product variant a LineItem refers to.
	ProductVariant = api.ProductVariant
	// ShippingAddressInput is the ShippingAddressInput schema: the address a new
	// order ships to. Country is optional, while Province and Zip are required.
	ShippingAddressInput = api.ShippingAddressInput
)

// Known values of the enum types.
const (
	OrderFinancialStatusPaid          = api.OrderFinancialStatusPaid
	OrderFinancialStatusPending       = api.OrderFinancialStatusPending
	OrderFinancialStatusRefunded      = api.OrderFinancialStatusRefunded
	OrderFulfillmentStatusFulfilled   = api.OrderFulfillmentStatusFulfilled
	OrderFulfillmentStatusUnfulfilled = api.OrderFulfillmentStatusUnfulfilled
	OrderStatusActive                 = api.OrderStatusActive
	OrderStatusArchived               = api.OrderStatusArchived
	OrderStatusCancelled              = api.OrderStatusCancelled
	OrderStatusRefunded               = api.OrderStatusRefunded
)
