package fake

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

// WithTLS makes the fake serve HTTPS, offering HTTP/2 and HTTP/1.1 by ALPN.
// HTTP/2 is served by Go's own HTTP/2 server, with the fake's interposer in
// between for the faults HTTP/2 needs (see [Fault]). Every fake of the
// process presents the same self-signed certificate, for 127.0.0.1, ::1 and
// localhost: see [Server.HTTPClient] and [TrustProcessWide] for clients that
// trust it.
func WithTLS() Option { return func(s *Server) { s.tls = true } }

// certificate is the one certificate of the process's TLS fakes, made on
// first use, so that trusting it once covers every fake.
var certificate = sync.OnceValues(func() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"ordersdk-go fake"}, CommonName: "ordersdk-go fake"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(20, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
})

// TrustProcessWide makes the certificate of the TLS fakes one that the
// process trusts by default, so that a client with default TLS settings (a
// clone of http.DefaultTransport, say) can call a fake started [WithTLS].
//
// Call it from TestMain, before anything in the process has verified a
// certificate: crypto/x509 loads the system roots once, on first use, and
// reads SSL_CERT_FILE then. TrustProcessWide writes the certificate to a
// temporary file, points SSL_CERT_FILE at it, has the roots loaded, and then
// puts SSL_CERT_FILE back and removes the file. The roots then hold the
// fake's certificate instead of the system's bundle file; the directories
// named by SSL_CERT_DIR, or the system's, are still read.
//
// It returns an error if the default verifier does not trust the certificate
// afterwards: when the roots were loaded before, or on a system whose
// verifier does not read SSL_CERT_FILE (macOS, Windows).
func TrustProcessWide() error {
	cert, err := certificate()
	if err != nil {
		return err
	}
	f, err := os.CreateTemp("", "ordersdk-fake-*.pem")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	err = pem.Encode(f, &pem.Block{Type: "CERTIFICATE", Bytes: cert.Leaf.Raw})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	const env = "SSL_CERT_FILE"
	old, had := os.LookupEnv(env)
	if err := os.Setenv(env, f.Name()); err != nil {
		return err
	}
	// Verifying against the system roots is what loads them.
	_, verr := cert.Leaf.Verify(x509.VerifyOptions{DNSName: "127.0.0.1"})
	if had {
		err = os.Setenv(env, old)
	} else {
		err = os.Unsetenv(env)
	}
	if verr != nil {
		return fmt.Errorf("fake: the system roots do not trust the fake's certificate (were they loaded before TrustProcessWide?): %w", verr)
	}
	return err
}

// Certificate returns the certificate the fake presents, or nil if it was not
// started WithTLS.
func (s *Server) Certificate() *x509.Certificate {
	if !s.tls {
		return nil
	}
	cert, _ := certificate() // Start has made it
	return cert.Leaf
}

// HTTPClient returns a new http.Client for the fake, with a Transport of its
// own: under WithTLS, it trusts the fake's certificate and negotiates HTTP/2.
// Close closes its idle connections.
func (s *Server) HTTPClient() *http.Client { return s.newClient(true) }

// HTTP1Client is like HTTPClient, but its Transport speaks HTTP/1.1 only,
// over TLS under WithTLS.
func (s *Server) HTTP1Client() *http.Client { return s.newClient(false) }

func (s *Server) newClient(h2 bool) *http.Client {
	var p http.Protocols
	p.SetHTTP1(true)
	p.SetHTTP2(h2 && s.tls)
	tr := &http.Transport{Protocols: &p}
	if s.tls {
		pool := x509.NewCertPool()
		pool.AddCert(s.Certificate())
		tr.TLSClientConfig = &tls.Config{RootCAs: pool}
	}
	s.mu.Lock()
	s.transports = append(s.transports, tr)
	s.mu.Unlock()
	return &http.Client{Transport: tr}
}
