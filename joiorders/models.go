package joiorders

// The model types are generated from the spec into internal/api; these aliases
// make them part of the public API with their field documentation intact.

import "github.com/ordersdk/ordersdk-go/joiorders/internal/api"

type (
	// CreateOrderRequest is the CreateOrderRequest schema: a new order. Set at least one of ShippingAddressID and NewShippingAddress, and at least one of BillingAddressID and NewBillingAddress.
	CreateOrderRequest = api.CreateOrderRequest
	// CreateOrderResult is the CreateOrderResponse schema: the {success, message, data} envelope of a 2xx response; CreateOrder returns its Data.
	CreateOrderResult = api.CreateOrderResponse
	// Currency is the Currency schema: The order currency.
	Currency = api.Currency
	// ErrorBody is the Error schema: the {success, message} shape an error body is read as, inferred because the vendor documents none.
	ErrorBody = api.Error
	// FulfilledItem is the FulfilledItem schema: One item of a fulfillment.
	FulfilledItem = api.FulfilledItem
	// FulfilledItemMetaField is the FulfilledItemMetaField schema: A custom field on a fulfilled item.
	FulfilledItemMetaField = api.FulfilledItemMetaField
	// FulfilledItemOption is the FulfilledItemOption schema: A product option of a fulfilled item.
	FulfilledItemOption = api.FulfilledItemOption
	// Fulfillment is the Fulfillment schema: A fulfillment (shipment) of some of the order's items; the vendor's "Fulfilled Items" table.
	Fulfillment = api.Fulfillment
	// LineItem is the LineItem schema: One ordered line.
	LineItem = api.LineItem
	// NewBillingAddress is the NewBillingAddress schema: A billing address to create with the order.
	NewBillingAddress = api.NewBillingAddress
	// NewShippingAddress is the NewShippingAddress schema: A shipping address to create with the order.
	NewShippingAddress = api.NewShippingAddress
	// Order is the Order schema: The created order. The vendor's "Order Object" is not published, so only id is modelled; every other member is kept in AdditionalProperties.
	Order = api.Order
	// OrderMetaField is the OrderMetaField schema: A custom field on the order. The shape is from the vendor's sample only.
	OrderMetaField = api.OrderMetaField
	// ProductDiscount is the ProductDiscount schema: A discount applied to a line item.
	ProductDiscount = api.ProductDiscount
	// ShipmentDetails is the ShipmentDetails schema: Shipment details. Undocumented: the object appears only in the vendor's sample request, not in its field table. Send it only if you need it.
	ShipmentDetails = api.ShipmentDetails
)
