// Package reliability holds the SDK's reliability suites; it has no code of
// its own. Each suite runs every vendor client (konvo, komerza, joiorders,
// slugorders, bitbybit) at its public API, against the vendor's fake (package
// <vendor>test) or a hostile httptest server, and checks a promise the SDK
// makes whatever the vendor does. helpers_test.go describes each vendor once
// (a kit: its fake, its client, where an order carries a reference the
// fake's ledger shows); the other files hold one concern each:
//
//   - storm_test.go: no lost or duplicate order. 1,000 create calls from 16
//     goroutines against a fake that faults about 30% of requests (429, 503,
//     500, 502, 504, connections dropped before the body or after the order
//     was recorded, answers slower than the call's deadline). Every success
//     is in the fake's ledger exactly once, no order is there twice, and every
//     failure either proves the order was not created (the ledger agrees) or
//     matches ErrOutcomeUnknown. A second storm adds WithRetryAmbiguous, an
//     idempotency key per call and a deduplicating fake: still no duplicate,
//     and more successes.
//   - context_test.go: a cancel or deadline during a wait (backoff, rate
//     limits, a slow answer) returns at once with the context's error; no
//     goroutine (go.uber.org/goleak) or connection outlives the calls.
//   - credential_test.go: the credential never shows in an error of any kind,
//     a printed client, option or result, or a log record, even when the
//     server echoes it; it never follows a redirect to another host; plain
//     http is refused off loopback.
//   - response_test.go and fuzz_test.go: a hostile answer (malformed JSON,
//     wrong types, nulls, huge numbers, a body that never ends) gives a
//     result or a typed error, never a panic, and memory stays bounded. The
//     fuzz targets FuzzKonvoSuccess, FuzzKonvoError, ... (two per vendor)
//     drive the success and error decoders, seeded with the vendors'
//     documented examples.
//   - constraint_test.go: every constraint of every vendor's spec, found by
//     walking specs/<vendor>.yaml, rejects its violating values with a
//     *ValidationError naming the path and rule, and accepts its boundary
//     values, which the fake then accepts too.
//
// Run the suites with
//
//	go test -race ./internal/reliability/
//
// and the fuzz targets for a few seconds each with `bash .ci/fuzz`
// (FUZZTIME=60s for a longer run). The tests that measure the process as a
// whole (goroutines, heap) and the storms do not call t.Parallel, so that
// they run alone.
package reliability
