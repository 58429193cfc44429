package fake_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/fake"
)

func TestTLS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                string
		opts                []fake.Option
		client              func(*fake.Server) *http.Client
		wantScheme          string
		wantProto, wantALPN string
	}{
		{"WithTLS, HTTPClient negotiates HTTP/2", []fake.Option{fake.WithTLS()}, (*fake.Server).HTTPClient, "https://", "HTTP/2.0", "h2"},
		// A Go client that speaks HTTP/1 only offers no ALPN at all.
		{"WithTLS, HTTP1Client keeps to HTTP/1.1", []fake.Option{fake.WithTLS()}, (*fake.Server).HTTP1Client, "https://", "HTTP/1.1", ""},
		{"without TLS, HTTPClient speaks HTTP/1.1", nil, (*fake.Server).HTTPClient, "http://", "HTTP/1.1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := start(t, tt.opts...)
			if want := tt.wantScheme + "127.0.0.1:"; !strings.HasPrefix(s.URL(), want) {
				t.Errorf("URL() = %q, want it to begin with %q", s.URL(), want)
			}
			req, err := http.NewRequest(http.MethodPost, s.URL()+validCall.path, strings.NewReader(validCall.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", validCall.auth)
			req.Header.Set("Content-Type", validCall.contentType)
			resp, err := tt.client(s).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			alpn := ""
			if resp.TLS != nil {
				alpn = resp.TLS.NegotiatedProtocol
			}
			if resp.StatusCode != http.StatusCreated || resp.Proto != tt.wantProto || alpn != tt.wantALPN {
				t.Errorf("got %d over %s, ALPN %q; want 201 over %s, ALPN %q", resp.StatusCode, resp.Proto, alpn, tt.wantProto, tt.wantALPN)
			}
			if n := len(s.Orders()); n != 1 {
				t.Errorf("ledger holds %d orders", n)
			}
		})
	}
}

func TestCertificate(t *testing.T) {
	t.Parallel()
	a, b := start(t, fake.WithTLS()), start(t, fake.WithTLS())
	cert := a.Certificate()
	if cert == nil || !cert.Equal(b.Certificate()) {
		t.Fatal("two fakes present different certificates; want the process's one")
	}
	if c := start(t).Certificate(); c != nil {
		t.Errorf("a fake without TLS has a certificate")
	}
	if key, ok := cert.PublicKey.(*ecdsa.PublicKey); !ok || key.Curve != elliptic.P256() {
		t.Errorf("key = %T, want ECDSA P-256", cert.PublicKey)
	}
	ips := []string{}
	for _, ip := range cert.IPAddresses {
		ips = append(ips, ip.String())
	}
	if diff := cmp.Diff([]string{"127.0.0.1", "::1"}, ips); diff != "" {
		t.Errorf("IP SANs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"localhost"}, cert.DNSNames); diff != "" {
		t.Errorf("DNS SANs (-want +got):\n%s", diff)
	}
	if years := time.Until(cert.NotAfter) / (24 * time.Hour * 365); years < 10 {
		t.Errorf("valid until %v, want years", cert.NotAfter)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	for _, name := range []string{"127.0.0.1", "::1", "localhost"} {
		if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: name}); err != nil {
			t.Errorf("not valid for %s: %v", name, err)
		}
	}
}

// TestDefaultTransportDistrustsFake checks that, in a process that has not
// called TrustProcessWide (this one), a client with default TLS settings
// refuses the fake: the trust the other tests rely on is the fake's doing.
func TestDefaultTransportDistrustsFake(t *testing.T) {
	t.Parallel()
	s := start(t, fake.WithTLS())
	tr := http.DefaultTransport.(*http.Transport).Clone()
	defer tr.CloseIdleConnections()
	_, err := send(context.Background(), &http.Client{Transport: tr}, s.URL(), validCall)
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Fatalf("err = %v, want x509.UnknownAuthorityError", err)
	}
	if n := s.Requests(); n != 0 {
		t.Errorf("Requests() = %d, want 0", n)
	}
	// The refused handshake still counts as a connection, and closes.
	waitFor(t, "the connection to close", func() bool { return s.OpenConns() == 0 })
	if n := s.ConnsAccepted(); n != 1 {
		t.Errorf("ConnsAccepted() = %d, want 1", n)
	}
}

// TestTrustProcessWideTooLate checks that TrustProcessWide says so when the
// system roots were loaded before it, and leaves SSL_CERT_FILE as it was. The
// test binary of ./trusttest checks that it works when called in time.
func TestTrustProcessWideTooLate(t *testing.T) {
	// Not parallel: TrustProcessWide sets an environment variable for a
	// moment.
	if _, err := x509.SystemCertPool(); err != nil {
		t.Fatal(err)
	}
	before, had := os.LookupEnv("SSL_CERT_FILE")
	err := fake.TrustProcessWide()
	if err == nil {
		t.Fatal("TrustProcessWide succeeded after the system roots were loaded")
	}
	if !strings.Contains(err.Error(), "were they loaded before TrustProcessWide?") {
		t.Errorf("err = %v, want it to say why", err)
	}
	if after, has := os.LookupEnv("SSL_CERT_FILE"); after != before || has != had {
		t.Errorf("SSL_CERT_FILE = %q (set %v), was %q (set %v)", after, has, before, had)
	}
}
