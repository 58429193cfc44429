package fake_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks that the fakes leave no goroutine behind once closed: no
// handler, no HTTP/2 interposer, no connection of the clients they hand out.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
