// Package joiorders is a client for the create-order API (POST /orders) of an
// unidentified vendor: a MongoDB-backed B2B commerce backend that validates
// requests with Joi, known here only by its "joiId" ids.
//
// The vendor could not be identified, and neither a public documentation URL
// nor a public server was found; the SDK follows the vendor's "Create Order"
// page as the project keeps it. So there is no DefaultBaseURL: [New] fails
// unless [WithBaseURL] names the server.
//
// The access token is sent raw in a header named accessToken, not in
// Authorization, spelled so on HTTP/1.1 as the vendor documents it (HTTP/2
// lower-cases every header name). The vendor calls it a "Bearer Token", which
// most likely names the kind of credential; if your server expects
// "Bearer <token>" in that header, use [WithBearerPrefix].
//
// Every id ("joiId") is a 24-hex-digit MongoDB ObjectId. Money is decimal major
// units: LineItem.Price 31.84 is $31.84. The order and payment statuses are
// open sets; see [PaymentStatus] and [OrderStatus].
//
// A Client validates each order against the constraints of the spec before it
// sends anything, retries only failures that prove the order was not created,
// and returns errors that sort with errors.Is and errors.As; see [APIError],
// [ValidationError] and the Err sentinels. A 2xx whose members drifted from
// their documented types still returns the order, with the drift in
// [Response]. Package joiorderstest runs a fake of the vendor for tests.
package joiorders
