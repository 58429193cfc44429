package konvo

// The model types are generated from the spec into internal/api; these aliases
// make them part of the public API with their field documentation intact.

import "github.com/ordersdk/ordersdk-go/konvo/internal/api"

type (
	// CreateOrdersResult is the CreateOrdersResponse schema: The orders the batch created.
	CreateOrdersResult = api.CreateOrdersResponse
	// ErrorBody is the Error schema of the konvo spec.
	ErrorBody = api.Error
	// Order is the Order schema: An order as Konvo stores it. Every field is optional because the vendor marks none required.
	Order = api.Order
	// OrderAddress is the OrderAddress schema of the konvo spec.
	OrderAddress = api.OrderAddress
	// OrderCustomer is the OrderCustomer schema of the konvo spec.
	OrderCustomer = api.OrderCustomer
	// OrderInput is the OrderInput schema of the konvo spec.
	OrderInput = api.OrderInput
	// OrderInputShipmentStatus is the OrderInputShipmentStatus schema of the konvo spec.
	OrderInputShipmentStatus = api.OrderInputShipmentStatus
	// OrderInputSource is the OrderInputSource schema of the konvo spec.
	OrderInputSource = api.OrderInputSource
	// OrderInputStatus is the OrderInputStatus schema of the konvo spec.
	OrderInputStatus = api.OrderInputStatus
	// OrderUserID is the OrderUserID schema of the konvo spec.
	OrderUserID = api.OrderUserID
	// OrderUserIDType is the OrderUserIDType schema of the konvo spec.
	OrderUserIDType = api.OrderUserIDType
	// OrderedItem is the OrderedItem schema of the konvo spec.
	OrderedItem = api.OrderedItem
)

// Known values of the enum types.
const (
	OrderInputShipmentStatusAttemptedDelivery = api.OrderInputShipmentStatusAttemptedDelivery
	OrderInputShipmentStatusConfirmed         = api.OrderInputShipmentStatusConfirmed
	OrderInputShipmentStatusDelivered         = api.OrderInputShipmentStatusDelivered
	OrderInputShipmentStatusFailure           = api.OrderInputShipmentStatusFailure
	OrderInputShipmentStatusInTransit         = api.OrderInputShipmentStatusInTransit
	OrderInputShipmentStatusNone              = api.OrderInputShipmentStatusNone
	OrderInputShipmentStatusOutForDelivery    = api.OrderInputShipmentStatusOutForDelivery
	OrderInputShipmentStatusReadyForPickup    = api.OrderInputShipmentStatusReadyForPickup
	OrderInputSourceInStore                   = api.OrderInputSourceInStore
	OrderInputSourceOnline                    = api.OrderInputSourceOnline
	OrderInputStatusCancelled                 = api.OrderInputStatusCancelled
	OrderInputStatusCompleted                 = api.OrderInputStatusCompleted
	OrderInputStatusDisputed                  = api.OrderInputStatusDisputed
	OrderInputStatusFulfilled                 = api.OrderInputStatusFulfilled
	OrderInputStatusOpen                      = api.OrderInputStatusOpen
	OrderInputStatusPaid                      = api.OrderInputStatusPaid
	OrderInputStatusPartiallyRefunded         = api.OrderInputStatusPartiallyRefunded
	OrderInputStatusRefunded                  = api.OrderInputStatusRefunded
	OrderInputStatusShipped                   = api.OrderInputStatusShipped
	OrderUserIDTypeEmail                      = api.OrderUserIDTypeEmail
	OrderUserIDTypeHandle                     = api.OrderUserIDTypeHandle
	OrderUserIDTypePhone                      = api.OrderUserIDTypePhone
)
