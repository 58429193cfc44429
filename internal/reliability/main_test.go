package reliability

import (
	"fmt"
	"os"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// TestMain makes the process trust the certificate of the TLS fakes, so
// that the SDK's own transport (a clone of http.DefaultTransport) reaches a
// fake started WithTLS over HTTP/2: the h2/sdk case of the transport matrix.
func TestMain(m *testing.M) {
	if err := fake.TrustProcessWide(); err != nil {
		fmt.Fprintln(os.Stderr, "reliability:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
