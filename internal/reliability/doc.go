// Package reliability holds the SDK's reliability suites; it has no code of
// its own. Each suite runs every vendor client (konvo, komerza, joiorders,
// slugorders, bitbybit) at its public API, against the vendor's fake (package
// <vendor>test) or a hostile httptest server, and checks a promise the SDK
// makes whatever the vendor does. kit_test.go describes each vendor once
// (a kit: its fake, its client, where an order carries a reference the
// fake's ledger shows); the other files hold one concern each:
//
//   - storm_test.go: no lost or duplicate order. Per vendor, over HTTP/1.1
//     and HTTP/2, 80 create calls from 10 goroutines against a fake that
//     faults about 35% of requests (429, 503, 409, connections dropped
//     before the body, 500 and 502 after recording the order, connections
//     and streams reset after it, answers that hang after it until the
//     call's generous deadline). Every success is in the ledger exactly once
//     with its id, every failure that does not match ErrOutcomeUnknown is not
//     there at all, and no call is there twice; once with the default
//     policy, once with WithRetryAmbiguous, an idempotency key per call and
//     a deduplicating fake.
//   - outcome_test.go and matrix_test.go: whether an order may have reached
//     the vendor, across the transport matrix (h1/h2; the SDK's transport, a
//     caller's client with a Timeout, a wrapping RoundTripper, a proxy).
//   - credential_test.go: the credential never shows in an error of any kind,
//     a printed client, option or result, or a log record, even when the
//     server echoes it; it never follows a redirect to another host; plain
//     http is refused off loopback.
//   - response_test.go and fuzz_test.go: a hostile answer (malformed JSON,
//     wrong types, nulls, huge numbers, a body that never ends) gives a
//     result or a typed error, never a panic, and memory stays bounded. The
//     fuzz targets FuzzKonvoSuccess, FuzzKonvoError, ... (two per vendor)
//     drive the success and error decoders, seeded with the vendors'
//     documented examples: a success body of the documented shape keeps its
//     order id, and an error body never gives an order nor shows the
//     credential.
//   - drift_test.go: issue 13's family. Every leaf of each vendor's
//     documented success body drifted in turn (another JSON type, null, a
//     float for an integer, odd date formats, unknown enum values), unknown
//     members at every level, objects and arrays swapped: each variant still
//     gives the typed result with the order id.
//   - constraint_test.go: every single-constraint violation of each vendor's
//     spec that the fake's validator (kin-openapi) refuses, the client's
//     validation refuses first, with nothing sent.
//
// Run the suites with
//
//	go test -race ./internal/reliability/
//
// and the fuzz targets for a few seconds each with `bash .ci/fuzz`
// (FUZZTIME=60s for a longer run). The tests that measure the process as a
// whole (the heap) do not call t.Parallel, so that they run alone.
package reliability
