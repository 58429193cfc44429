// Package konvo is a client for Konvo's create-orders API (POST /orders), which
// takes a batch of orders in one request.
//
// Konvo (https://docs.konvo.dev) authenticates with an API key sent raw in the
// x-api-key header. The production server is https://api.konvoai.com. Money is
// integer minor units: OrderInput.OrderTotal 3995 is $39.95.
//
// A Client validates each batch against the constraints of the spec before it
// sends anything, retries only failures that prove the orders were not created,
// and returns errors that sort with errors.Is and errors.As; see [APIError],
// [ValidationError] and the Err sentinels. Package konvotest runs a fake Konvo
// for tests.
package konvo
