// Package contracttest drives every vendor client against a Prism mock server
// built from the vendor's spec (specs/<vendor>.yaml), so that a request the
// SDK sends and a response it decodes are checked against the spec itself,
// not against the SDK's own fakes.
//
// The tests carry the build tag "contract", so `go test ./...` neither builds
// nor needs them; this file only makes the package exist. Run them with
//
//	bash .ci/contract/run
//
// which starts the mocks (static, then dynamic mode) and runs
// `go test -tags contract ./internal/contracttest/...` with
// ORDERSDK_PRISM_<VENDOR>=http://127.0.0.1:<port> and
// ORDERSDK_PRISM_MODE=static|dynamic. Run by hand without those variables,
// every test skips; with ORDERSDK_PRISM_MODE set, a vendor whose variable is
// missing fails instead, so that a mock that did not start cannot pass
// unnoticed.
package contracttest
