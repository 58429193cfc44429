package joiorders

import (
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// FuzzDecoders feeds any bytes to the error decoder: it may not panic, and it
// sets nothing but Message.
func FuzzDecoders(f *testing.F) {
	for _, seed := range []string{
		``, `null`, `{}`, `[]`, `"x"`, `0`, `{"success":false}`, `{"success":false,"message":"m"}`,
		`{"message":{"nested":true}}`, `{"success":true,"data":{"id":"6349a1c0f1d2e3a4b5c6d7e8","x":[1,{"y":null}]}}`,
		`{"success":true,"data":[]}`, `{"success": false , "message":"\u00e9"}`, `{"success":fals`, "\xff\xfe{",
		`<html></html>`, `{"success":true,"data":{"id":null}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := apierror.APIError{StatusCode: 400}
		decodeError(body, &e)
		if e.StatusCode != 400 || e.Code != "" || e.FieldErrors != nil || e.Body != nil {
			t.Errorf("decodeError changed more than Message: %+v", e)
		}
	})
}

func TestCheckResultIgnoresOtherResults(t *testing.T) {
	for _, v := range []any{nil, &struct{}{}, 42} {
		if err := checkResult(v); err != nil {
			t.Errorf("checkResult(%T) = %v, want nil", v, err)
		}
	}
}
