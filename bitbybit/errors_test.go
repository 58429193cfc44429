package bitbybit_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
)

// errorTransport answers every request with a 400 carrying body, and a
// request id, without a network.
type errorTransport struct{ body []byte }

func (t errorTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{
		StatusCode:    http.StatusBadRequest,
		Header:        http.Header{"X-Request-Id": {"r"}},
		Body:          io.NopCloser(bytes.NewReader(t.body)),
		ContentLength: int64(len(t.body)),
		Request:       req,
	}, nil
}

// FuzzDecodeError sends any bytes as the body of a 400 through the client,
// which must return an *APIError whose envelope fields (Code, Message) are
// the only ones the body decided. The seeds run with go test;
// go test -fuzz=FuzzDecodeError ./bitbybit/ explores further.
func FuzzDecodeError(f *testing.F) {
	for _, seed := range []string{
		`{"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests."}}`,
		`{"error":{"code":42,"message":null}}`,
		`{"error":"text"}`, `{"error":[]}`, `{"error":{}}`, `{"message":"m"}`, `{"message":7}`,
		`null`, `[]`, `""`, `0`, `{`, `{"error":{"code":"A"`, "<html>", "\xff\xfe", "",
		`{"error":{"code":"\ud800","message":"\u0000"}}`,
		`{"error":{"code":"X","message":"  padded  "},"message":"ignored"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > bitbybit.MaxErrorBody {
			t.Skip("longer than an error body is kept")
		}
		c, err := bitbybit.New(bitbybittest.APIKey, bitbybit.WithBaseURL("http://127.0.0.1:1"),
			bitbybit.WithHTTPClient(&http.Client{Transport: errorTransport{body}}), bitbybit.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.CreateOrder(context.Background(), bitbybittest.MinimalOrder())
		var e *bitbybit.APIError
		if !errors.As(err, &e) {
			t.Fatalf("err = %v, want an *APIError", err)
		}
		if e.Vendor != "bitbybit" || e.StatusCode != 400 || e.RequestID != "r" || e.FieldErrors != nil ||
			e.RetryAfter != 0 || e.BodyTruncated || e.Ambiguous {
			t.Errorf("the body changed fields the envelope does not own: %+v", e)
		}
		if e.Message != strings.TrimSpace(e.Message) {
			t.Errorf("Message = %q, want it trimmed", e.Message)
		}
		if !errors.Is(err, bitbybit.ErrInvalidRequest) {
			t.Errorf("a 400 does not match ErrInvalidRequest: %v", err)
		}
	})
}
