package bitbybit

import (
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// FuzzDecodeError checks that the envelope decoder accepts any bytes without
// panicking, and only ever fills Code and Message. The seeds run with go test;
// go test -fuzz=FuzzDecodeError explores further.
func FuzzDecodeError(f *testing.F) {
	for _, seed := range []string{
		`{"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests."}}`,
		`{"error":{"code":42,"message":null}}`,
		`{"error":"text"}`, `{"error":[]}`, `{"error":{}}`, `{"message":"m"}`, `{"message":7}`,
		`null`, `[]`, `""`, `0`, `{`, `{"error":{"code":"A"`, "<html>", "\xff\xfe", "",
		`{"error":{"code":"\ud800","message":"\u0000"}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := &apierror.APIError{Vendor: "bitbybit", StatusCode: 400, RequestID: "r"}
		decodeError(body, e)
		if e.Vendor != "bitbybit" || e.StatusCode != 400 || e.RequestID != "r" || e.FieldErrors != nil {
			t.Errorf("decodeError changed fields it does not own: %+v", e)
		}
	})
}
