package core

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// TestScanShape checks which success bodies are recognized as holding the
// created order, for the three shapes the vendors use.
func TestScanShape(t *testing.T) {
	t.Parallel()
	envelope := &ResultShape{Member: "data", SuccessFlag: "success"}
	batch := &ResultShape{Member: "result", Array: true}
	plain := &ResultShape{Member: "data"}
	tests := []struct {
		name    string
		shape   *ResultShape
		body    string
		failure bool
		err     string
	}{
		{"envelope", envelope, `{"success":true,"data":{"id":"1"}}`, false, ""},
		{"envelope, data first", envelope, ` { "data" : {"id":"1"} , "success" : true } `, false, ""},
		{"envelope without flag", envelope, `{"data":{"id":"1"}}`, false, ""},
		{"flag of another type", envelope, `{"success":"false","data":{"id":"1"}}`, false, ""},
		{"success false", envelope, `{"success":false,"data":null,"message":"no"}`, true, ""},
		{"success false, spaced", envelope, "{ \"success\" :\n\t false ,\n \"data\": {\"id\":\"1\"} }", true, ""},
		{"success false after data", envelope, `{"data":{"id":"1"},"success":false}`, true, ""},
		{"success false, no data", envelope, `{"message":"x","success":false}`, true, ""},
		{"data null", envelope, `{"success":true,"data":null}`, false, `"data" is not an object`},
		{"data missing", envelope, `{"success":true}`, false, `no "data" member`},
		{"data a string", envelope, `{"success":true,"data":"1"}`, false, `"data" is not an object`},
		{"data an array", plain, `{"data":[{"id":"1"}]}`, false, `"data" is not an object`},
		{"nested members skipped", plain, `{"meta":{"data":1,"x":[1,{"y":"}"}]},"data":{}}`, false, ""},
		{"escaped key", plain, `{"d\u0061ta":{}}`, false, ""},
		{"batch", batch, `{"count":1,"result":[{"id":"1"}]}`, false, ""},
		{"batch, first not an object", batch, `{"result":[null,"x",{"id":"1"}]}`, false, ""},
		{"batch empty", batch, `{"count":0,"result":[]}`, false, `"result" holds no object`},
		{"batch of strings", batch, `{"result":["a","b"]}`, false, `"result" holds no object`},
		{"batch not an array", batch, `{"result":{}}`, false, `"result" is not an array`},
		{"not an object", envelope, `[{"data":{}}]`, false, "not a JSON object"},
		{"html", envelope, `<html>`, false, "not a JSON object"},
		{"empty", envelope, ``, false, "not a JSON object"},
		{"truncated", envelope, `{"success":true,"da`, false, "not valid JSON"},
		{"duplicate data, last null", envelope, `{"data":{"id":"a"},"data":null}`, false, `"data" is not an object`},
		{"duplicate data, last an object", envelope, `{"data":null,"data":{"id":"a"}}`, false, ""},
		{"duplicate flag, last false", envelope, `{"success":true,"data":{},"success":false}`, true, ""},
		{"duplicate flag, last true", envelope, `{"success":false,"data":{},"success":true}`, false, ""},
		{"data in other case, last null", envelope, `{"data":{"id":"a"},"DATA":null}`, false, `"data" is not an object`},
		{"data in other case only", envelope, `{"Data":{"id":"a"}}`, false, ""},
		{"flag in other case, last false", envelope, `{"success":true,"data":{},"Success":false}`, true, ""},
		{"batch in other case, last null", batch, `{"result":[{}],"Result":null}`, false, `"result" is not an array`},
		{"duplicate batch, last empty", batch, `{"result":[{}],"result":[]}`, false, `"result" holds no object`},
		{"missing comma", envelope, `{"success":true "data":{}}`, false, "not valid JSON"},
		{"truncated value", envelope, `{"success":true,"data":{"id":"1`, false, "not valid JSON"},
	}
	for _, tt := range tests {
		failure, err := scanShape([]byte(tt.body), tt.shape)
		if failure != tt.failure {
			t.Errorf("%s: reportsFailure = %v, want %v", tt.name, failure, tt.failure)
		}
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.err)
		}
	}
}

// TestErrorEnvelope checks each vendor's envelope description against the
// bodies it must read, and the bodies it must leave alone.
func TestErrorEnvelope(t *testing.T) {
	t.Parallel()
	konvo := ErrorEnvelope{Code: []string{"/error"}, Message: []string{"/message"}}
	bitbybit := ErrorEnvelope{Code: []string{"/error/code"}, Message: []string{"/error/message", "/error", "/message"}}
	komerza := ErrorEnvelope{Code: []string{"/code"}, Message: []string{"/message"}, FieldErrors: "/invalidFields"}
	enad := ErrorEnvelope{Message: []string{"/message"}, Details: "/details"}
	type want struct {
		Code, Message string
		Fields        []apierror.FieldError
	}
	tests := []struct {
		name string
		env  ErrorEnvelope
		body string
		want want
	}{
		{"konvo", konvo, `{"error":400,"message":"bad"}`, want{Code: "400", Message: "bad"}},
		{"konvo code as text", konvo, `{"error":"E1","message":"bad"}`, want{Code: "E1", Message: "bad"}},
		{"konvo big code", konvo, `{"error":12345678901234567890}`, want{Code: "12345678901234567890"}},
		{"bitbybit", bitbybit, `{"error":{"code":"RATE","message":"slow"}}`, want{Code: "RATE", Message: "slow"}},
		{"bitbybit gateway", bitbybit, `{"error":"Bad Gateway"}`, want{Message: "Bad Gateway"}},
		{"bitbybit top message", bitbybit, `{"message":"down"}`, want{Message: "down"}},
		{"bitbybit wrong types", bitbybit, `{"error":{"code":1.5,"message":["x"]}}`, want{Code: "1.5"}},
		{"komerza fields", komerza, `{"code":"ValidationError","message":"m","invalidFields":["a",{"Field":"b","errorMessage":"c"},3]}`,
			want{Code: "ValidationError", Message: "m", Fields: []apierror.FieldError{{Field: "a"}, {Field: "b", Message: "c"}}}},
		{"komerza fields map", komerza, `{"invalidFields":{"z":"bad","a":["x","y"],"m":1}}`,
			want{Fields: []apierror.FieldError{{Field: "a", Message: "x"}, {Field: "a", Message: "y"}, {Field: "m"}, {Field: "z", Message: "bad"}}}},
		{"enad", enad, `{"message":" no ","details":["a"," ",1,"b"]}`, want{Message: "no: a; b"}},
		{"enad one detail", enad, `{"details":"only"}`, want{Message: "only"}},
		{"html", konvo, `<html>502</html>`, want{}},
		{"array", konvo, `[1]`, want{}},
		{"null", konvo, `null`, want{}},
		{"empty", konvo, ``, want{}},
	}
	for _, tt := range tests {
		var e apierror.APIError
		tt.env.decode([]byte(tt.body), &e)
		got := want{Code: e.Code, Message: e.Message, Fields: e.FieldErrors}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
}
