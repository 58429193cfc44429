// Package bitbybit is a client for bitbybit's create-order API (POST /orders),
// which creates one order for a new or existing customer.
//
// bitbybit (https://bitbybit.studio, API documentation at
// https://knowledge.bitbybit.studio) is a WhatsApp commerce platform. It
// authenticates with an API key sent raw in the x-api-key header; keys look
// like bbb_live_… in production and bbb_test_… for testing, are created under
// Settings > Developer, and need the orders WRITE scope to create orders.
//
// The base URL is [DefaultBaseURL],
// https://api.bitbybit.studio/customer/api/open/v1, taken from the servers
// entry of bitbybit's OpenAPI document. bitbybit's authentication page shows
// https://api.bitbybit.studio/customer/open/v1 instead, without the /api
// segment; the two have not been checked against the live API, so if the
// default answers 404 ([CodeNotFound]), pass the other with [WithBaseURL].
//
// bitbybit allows 100 requests per minute per API key and reports the window
// in the RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers. The
// client paces itself from those headers, so that a bulk import waits for the
// window to reset instead of spending requests on 429s. A 429 is retried
// after RateLimit-Reset seconds (each wait capped by [WithMaxRetryWait], all
// of them by [WithMaxRateLimitWait]), unless the context's deadline comes
// sooner, in which case the *APIError comes back at once with its RetryAfter
// set. Clients in several processes that share a key can share one limit
// through [WithLimiter].
//
// Money (Order.Total, LineItem.Price, ProductVariant.Price and CompareAtPrice)
// is a float64: bitbybit declares a JSON number and does not state its units.
// Timestamps (Order.CreatedAt, UpdatedAt) are the text bitbybit sent, so that
// one without an offset, or a date alone, never fails the decoding of a
// created order; parse them with time.Parse.
//
// A Client validates each order against the constraints of the spec, and
// checks that exactly one of customerId and customer is set, before it sends
// anything; it retries only failures that prove the order was not created,
// because bitbybit documents no idempotency key; and it returns errors that
// sort with errors.Is and errors.As: see [APIError], [ValidationError], the Err
// sentinels and the Code constants. Package bitbybittest runs a fake bitbybit
// for tests.
package bitbybit
