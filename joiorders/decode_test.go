package joiorders

import (
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// FuzzDecoders feeds any bytes to the error decoder and the success-envelope
// decoder: neither may panic, and the error decoder sets nothing but Message.
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
		var r createResult
		err := r.UnmarshalJSON(body)
		switch {
		case err == nil && r.failed && r.order != nil:
			t.Errorf("%q decoded as both a failure and an order", body)
		case err == nil && !r.failed && r.order == nil:
			t.Errorf("%q decoded as success without an order", body)
		case err != nil && (r.failed || r.order != nil):
			t.Errorf("%q failed to decode but left a result: %v", body, err)
		}
		if apiErr := checkSuccess(&r, 200, body); (apiErr != nil) != (err == nil && r.failed) {
			t.Errorf("checkSuccess(%q) = %v", body, apiErr)
		}
	})
}

func TestCheckSuccessIgnoresOtherResults(t *testing.T) {
	if e := checkSuccess(&struct{}{}, 200, nil); e != nil {
		t.Errorf("checkSuccess on a foreign type = %v, want nil", e)
	}
	if e := checkSuccess(nil, 200, nil); e != nil {
		t.Errorf("checkSuccess(nil) = %v, want nil", e)
	}
}

func TestRulesIgnoreOtherValues(t *testing.T) {
	for _, v := range []any{nil, &CreateOrderRequest{}, 42} {
		shippingAddressRule(v, func(x apierror.Violation) { t.Errorf("shippingAddressRule(%T) reported %v", v, x) })
		billingAddressRule(v, func(x apierror.Violation) { t.Errorf("billingAddressRule(%T) reported %v", v, x) })
	}
}
