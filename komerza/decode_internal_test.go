package komerza

import (
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// FuzzDecodeError checks that the error-envelope decoder accepts any bytes,
// as core.Vendor requires. The seeds run with every go test.
func FuzzDecodeError(f *testing.F) {
	for _, s := range []string{
		``, `null`, `[]`, `{}`, `"x"`, `1`, `<html>`, `{"success":false`,
		`{"success":false,"message":"m","code":"ValidationError","data":null,"invalidFields":["a",{"field":"b","message":"c"}]}`,
		`{"invalidFields":{"a":["x",1,null],"b":"y","c":{}}}`,
		`{"invalidFields":[[],{},null,1,{"Field":1,"FIELD":"z"}]}`,
		`{"code":1e999,"message":"\ud800"}`,
		`{"success":true,"data":{"id":"x","items":[{"quantity":1.5}]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var e apierror.APIError
		decodeError(body, &e)
	})
}
