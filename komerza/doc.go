// Package komerza is a client for Komerza's create-order API (POST
// /stores/{storeId}/orders), which creates a dashboard order in one store.
//
// Komerza (https://docs.komerza.com) authenticates with an API key sent as
// "Authorization: Bearer <key>"; the key needs the stores.orders.create
// permission. The production server is https://api.komerza.com. Money is a
// decimal number in major units: CreateOrderRequest.Cost 19.99 is $19.99.
//
// Komerza wraps every answer in a {success, message, code, data} envelope and
// may report success:false on a 2xx status; a Client treats that as an
// [*APIError] too, so a nil error always means the order exists. A 2xx whose
// members drifted from their documented types still returns the order, with
// the drift reported through [WithResponseInto]. A Client validates each order
// against the constraints of the spec before it sends anything, retries only
// failures that prove the order was not created, and returns errors that sort
// with errors.Is and errors.As; see [APIError], [ValidationError], the Err
// sentinels and the Code constants. Package komerzatest runs a fake Komerza
// for tests.
package komerza
