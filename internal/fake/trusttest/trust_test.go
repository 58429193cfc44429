// Package trusttest checks fake.TrustProcessWide in a test binary of its own,
// since it works only before anything in the process has verified a
// certificate.
package trusttest

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

// certFile is SSL_CERT_FILE as the process started with it.
var certFile struct {
	value string
	set   bool
}

// TestMain calls TrustProcessWide after every package of the binary has been
// initialized, and before any test runs: as an SDK's test binary would.
func TestMain(m *testing.M) {
	certFile.value, certFile.set = os.LookupEnv("SSL_CERT_FILE")
	if err := fake.TrustProcessWide(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// TestDefaultTransportTrustsFake checks that a client with default TLS
// settings, a clone of http.DefaultTransport as the SDK's own transport is,
// trusts a fake started WithTLS and speaks HTTP/2 to it.
func TestDefaultTransportTrustsFake(t *testing.T) {
	s, err := fake.Start(fake.Vendor{
		Name:       "trust",
		Spec:       &openapi3.T{OpenAPI: "3.0.3", Info: &openapi3.Info{Title: "trust", Version: "1"}, Paths: openapi3.NewPaths()},
		AuthHeader: "Authorization",
		Credential: "trust-test-credential",
		ErrorBody:  func(_ int, code, _ string) any { return code },
	}, fake.WithTLS())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	defer tr.CloseIdleConnections()
	req, err := http.NewRequest(http.MethodPost, s.URL()+"/orders", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", s.Credential())
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The spec has no operations: a 404 from the fake is an answer over TLS.
	if resp.StatusCode != http.StatusNotFound || resp.Proto != "HTTP/2.0" || string(body) != `"NOT_FOUND"` {
		t.Errorf("got %d %s over %s; want the fake's 404 over HTTP/2.0", resp.StatusCode, body, resp.Proto)
	}
}

// TestEnvironmentRestored checks that TrustProcessWide leaves SSL_CERT_FILE
// as it found it, for the processes the tests start.
func TestEnvironmentRestored(t *testing.T) {
	if v, set := os.LookupEnv("SSL_CERT_FILE"); v != certFile.value || set != certFile.set {
		t.Errorf("SSL_CERT_FILE = %q (set %v), was %q (set %v)", v, set, certFile.value, certFile.set)
	}
}

// TestTrustProcessWideAgain checks that a second call, with the roots loaded
// and holding the certificate, succeeds.
func TestTrustProcessWideAgain(t *testing.T) {
	if err := fake.TrustProcessWide(); err != nil {
		t.Error(err)
	}
}
