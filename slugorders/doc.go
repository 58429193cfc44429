// Package slugorders is a client for the create-order endpoint of Enad's
// management API (POST /api/v1/{team_slug}/{app_slug}/orders). Enad
// (https://enad.io) is a headless commerce platform; the endpoint is documented
// at https://docs.enad.io/api-reference/orders/create-order.
//
// Enad documents no public server for this API, so [New] fails unless
// [WithBaseURL] names one. The team and app slugs are given per call and are
// path-escaped, so a slug can never change which endpoint is called.
//
// The authentication scheme is UNVERIFIED: Enad's page declares none. The
// client sends "Authorization: Bearer <token>" by default, an assumption;
// [WithAuthHeader] sends the token in another header or with another scheme
// once Enad confirms what it expects.
//
// Money is a float64 whose unit Enad does not state (major units, such as
// 499.00 SEK, are assumed). The shapes of order lines and addresses are
// inferred from the response, and unknown members can be sent through their
// AdditionalProperties.
//
// A Client validates each order against the constraints of the spec before it
// sends anything, retries only failures that prove the order was not created,
// surfaces Enad's non-fatal warnings ("details") on success in
// [CreateOrderResult], and returns errors that sort with errors.Is and
// errors.As; see [APIError], [ValidationError] and the Err sentinels. A 2xx
// whose members drifted from their documented types still returns the order;
// [WithResponseInto] lists what did not fit. Package slugorderstest runs a
// fake Enad for tests.
package slugorders
