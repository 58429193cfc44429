//go:build race

package ordersdk_test

// Under the race detector the programs are built with it too, so that they
// reuse the packages compiled for the test instead of compiling them again.
func init() { buildFlags = append(buildFlags, "-race") }
