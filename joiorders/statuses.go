package joiorders

// The vendor lists both statuses truncated ("unpaid", "authorized",
// "declined", .., "refunded"), and its own sample sends "paid", which the list
// lacks; so both are open sets. The spec marks them x-known-values rather than
// enum, the generated fields are plain strings, and these names are aliases of
// string: a constant here and any other string are both assignable to the
// field, and the client never rejects a value it does not know.

// PaymentStatus is an order's payment status (CreateOrderRequest.PaymentStatus).
// Values other than the constants below are sent as given.
type PaymentStatus = string

// Known payment statuses.
const (
	// PaymentStatusUnpaid: no payment has been taken.
	PaymentStatusUnpaid PaymentStatus = "unpaid"
	// PaymentStatusAuthorized: the payment is authorized, not yet captured.
	PaymentStatusAuthorized PaymentStatus = "authorized"
	// PaymentStatusDeclined: the payment was declined.
	PaymentStatusDeclined PaymentStatus = "declined"
	// PaymentStatusPaid: paid in full. Missing from the vendor's truncated
	// list, but its own sample sends it.
	PaymentStatusPaid PaymentStatus = "paid"
	// PaymentStatusRefunded: the payment was refunded.
	PaymentStatusRefunded PaymentStatus = "refunded"
)

// OrderStatus is an order's fulfilment status (CreateOrderRequest.OrderStatus).
// Values other than the constants below are sent as given.
type OrderStatus = string

// Known order statuses.
const (
	// OrderStatusFulfilled: every item has been fulfilled.
	OrderStatusFulfilled OrderStatus = "fulfilled"
	// OrderStatusPending: the order awaits fulfilment.
	OrderStatusPending OrderStatus = "pending"
	// OrderStatusCancelled: the order was cancelled.
	OrderStatusCancelled OrderStatus = "cancelled"
)
