package slugorders

// The model types are generated from the spec into internal/api; these aliases
// make them part of the public API with their field documentation intact.

import "github.com/ordersdk/ordersdk-go/slugorders/internal/api"

type (
	// Address is an address of a created order, with Enad's id and timestamps.
	Address = api.Address
	// AddressInput is a billing or shipping address of a new order; its shape is inferred from Address, and AdditionalProperties carries members the SDK does not model.
	AddressInput = api.AddressInput
	// CreateOrderRequest is the body of CreateOrder: the order to create.
	CreateOrderRequest = api.CreateOrderRequest
	// ErrorBody is the inferred error envelope {success, message, details}, for decoding APIError.Body.
	ErrorBody = api.Error
	// MerchantUser is the merchant user a created order is attributed to.
	MerchantUser = api.MerchantUser
	// Order is a created order as Enad returns it; every field is optional, and it has no status.
	Order = api.Order
	// OrderDiscount is a discount applied to a created order.
	OrderDiscount = api.OrderDiscount
	// OrderLine is a line of a created order.
	OrderLine = api.OrderLine
	// OrderLineInput is one line of a new order; its shape is inferred from OrderLine, and AdditionalProperties carries members the SDK does not model.
	OrderLineInput = api.OrderLineInput
	// OrderStatus is the status a new order is created with.
	OrderStatus = api.OrderStatus
	// UserContent is a file attached to a created order.
	UserContent = api.UserContent
)

// Known values of OrderStatus.
const (
	// OrderStatusCancelled is a cancelled order.
	OrderStatusCancelled = api.OrderStatusCancelled
	// OrderStatusCompensated is Enad's "compensated" status, which Enad does not define.
	OrderStatusCompensated = api.OrderStatusCompensated
	// OrderStatusDelivered is a delivered order.
	OrderStatusDelivered = api.OrderStatusDelivered
	// OrderStatusPlaced is a newly placed order.
	OrderStatusPlaced = api.OrderStatusPlaced
	// OrderStatusRefunded is a refunded order.
	OrderStatusRefunded = api.OrderStatusRefunded
	// OrderStatusReleased is Enad's "released" status, which Enad does not define.
	OrderStatusReleased = api.OrderStatusReleased
)
