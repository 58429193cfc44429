package lenient

import (
	"encoding/json"
	"errors"
	"io"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// scalars holds one field of each kind Decode handles.
type scalars struct {
	S        string      `json:"s"`
	P        *string     `json:"p"`
	I        int         `json:"i"`
	I8       int8        `json:"i8"`
	I64      int64       `json:"i64"`
	U        uint        `json:"u"`
	F32      float32     `json:"f32"`
	F        float64     `json:"f"`
	B        bool        `json:"b"`
	N        json.Number `json:"n"`
	Bytes    []byte      `json:"bytes"`
	Any      any         `json:"any"`
	Skipped  string      `json:"-"`
	Dash     string      `json:"-,"`
	Quoted   int         `json:"quoted,string"`
	Untagged string
	Arr      [2]int         `json:"arr"`
	IntMap   map[int]string `json:"intMap"`
	IntSlice []int          `json:"ints"`
	Counts   map[string]int `json:"counts"`
	Addr     netip.Addr     `json:"addr"`
	Reader   io.Reader      `json:"reader"`
	Chan     chan int       `json:"chan"`
	Time     *time.Time     `json:"time"`
	Status   *testFinancialStatus
}

// folded has two fields whose names differ only in case.
type folded struct {
	Lower string `json:"name"`
	Upper string `json:"Name"`
}

// Embedded structs, promoted under encoding/json's rules.
type (
	embeddedBase struct {
		X string `json:"x"`
		Y string `json:"y"`
	}
	EmbeddedPtr struct {
		Z string `json:"z"`
	}
	unexportedPtr struct {
		W string `json:"w"`
	}
	embedding struct {
		embeddedBase
		*EmbeddedPtr
		*unexportedPtr
		Y string `json:"y"` // shallower, so it wins over embeddedBase.Y
	}
)

// halfDone is a non-struct type whose UnmarshalJSON fails after writing.
type halfDone []string

func (h *halfDone) UnmarshalJSON([]byte) error {
	*h = append(*h, "written")
	return errors.New("failed half way")
}

// loop is a pointer type that never ends.
type loop *loop

func TestDecode(t *testing.T) {
	t.Parallel()
	str := func(s string) *string { return &s }
	status := testFinancialStatusPending
	tests := []struct {
		name  string
		doc   string
		want  any // a value of the target type
		drift []Drift
	}{
		{name: "string", doc: `{"s":"x","p":"y"}`, want: scalars{S: "x", P: str("y")}},
		{name: "number for string keeps its text", doc: `{"s":12.50,"p":7}`, want: scalars{S: "12.50", P: str("7")}, drift: []Drift{
			{"s", "want string, got number; kept its text"}, {"p", "want string, got number; kept its text"}}},
		{name: "boolean for string keeps its text", doc: `{"s":false}`, want: scalars{S: "false"}, drift: []Drift{
			{"s", "want string, got boolean; kept its text"}}},
		{name: "object for string", doc: `{"s":{"a":1},"p":[]}`, want: scalars{}, drift: []Drift{
			{"s", "want string, got object"}, {"p", "want string, got array"}}},
		{name: "string for struct", doc: `"x"`, want: scalars{}, drift: []Drift{{"", "want object, got string"}}},
		{name: "array for struct", doc: `{"data":[]}`, want: testResponse{}, drift: []Drift{{"data", "want object, got array"}}},
		{name: "object for slice", doc: `{"details":{}}`, want: testResponse{}, drift: []Drift{{"details", "want array, got object"}}},
		{name: "integral float for integer", doc: `{"i":2.0,"i8":2e0,"i64":20e-1,"u":0.002e3}`, want: scalars{I: 2, I8: 2, I64: 2, U: 2}},
		{name: "integer converted exactly", doc: `{"i64":9007199254740993.0}`, want: scalars{I64: 9007199254740993}},
		{name: "negative zero for unsigned", doc: `{"u":-0.0}`, want: scalars{}},
		{name: "zero with a huge exponent", doc: `{"i":0e99999999999999999999}`, want: scalars{}},
		{name: "fraction for integer", doc: `{"i":2.5}`, want: scalars{}, drift: []Drift{{"i", "want integer, got number with a fraction"}}},
		{name: "tiny exponent for integer", doc: `{"i":1e-99999999999999999999}`, want: scalars{}, drift: []Drift{
			{"i", "want integer, got number with a fraction"}}},
		{name: "out of range", doc: `{"i8":300,"u":-1,"i":1e99999999999999999999,"i64":9223372036854775808,"f":1e400,"f32":1e39}`, want: scalars{}, drift: []Drift{
			{"i8", "want int8, got number out of its range"},
			{"u", "want uint, got number out of its range"},
			{"i", "want int, got number out of its range"},
			{"i64", "want int64, got number out of its range"},
			{"f", "want float64, got number out of its range"},
			{"f32", "want float32, got number out of its range"}}},
		{name: "extremes in range", doc: `{"i8":-128,"i64":-9223372036854775808,"u":18446744073709551615}`, want: scalars{I8: -128, I64: -9223372036854775808, U: 18446744073709551615}},
		{name: "string holding a number", doc: `{"i":"2","f":"1.5e1","f32":"-0.5"}`, want: scalars{I: 2, F: 15, F32: -0.5}, drift: []Drift{
			{"i", "want integer, got string; parsed it"}, {"f", "want number, got string; parsed it"}, {"f32", "want number, got string; parsed it"}}},
		{name: "string holding a number that does not fit", doc: `{"i":"2.5","i8":"999"}`, want: scalars{}, drift: []Drift{
			{"i", "want integer, got string holding a number with a fraction"}, {"i8", "want int8, got string holding a number out of its range"}}},
		{name: "string not a number", doc: `{"f":"NaN","i":" 2","u":"0x10"}`, want: scalars{}, drift: []Drift{
			{"f", "want number, got string"}, {"i", "want integer, got string"}, {"u", "want integer, got string"}}},
		{name: "other types for number", doc: `{"f":true,"i":{},"u":[]}`, want: scalars{}, drift: []Drift{
			{"f", "want number, got boolean"}, {"i", "want integer, got object"}, {"u", "want integer, got array"}}},
		{name: "boolean from string", doc: `{"b":"true"}`, want: scalars{B: true}, drift: []Drift{{"b", "want boolean, got string; parsed it"}}},
		{name: "boolean from other strings", doc: `{"b":"TRUE"}`, want: scalars{}, drift: []Drift{{"b", "want boolean, got string"}}},
		{name: "boolean from number", doc: `{"b":1}`, want: scalars{}, drift: []Drift{{"b", "want boolean, got number"}}},
		{name: "json.Number", doc: `{"n":12.50}`, want: scalars{N: "12.50"}},
		{name: "json.Number from string", doc: `{"n":"-3e2"}`, want: scalars{N: "-3e2"}},
		{name: "json.Number from other strings", doc: `{"n":"twelve"}`, want: scalars{}, drift: []Drift{{"n", "want number, got string"}}},
		{name: "json.Number from object", doc: `{"n":{}}`, want: scalars{}, drift: []Drift{{"n", "want number, got object"}}},
		{name: "base64 bytes", doc: `{"bytes":"aGk="}`, want: scalars{Bytes: []byte("hi")}},
		{name: "bytes not base64", doc: `{"bytes":"h!"}`, want: scalars{}, drift: []Drift{{"bytes", "want base64 string, got string that is not base64"}}},
		{name: "empty interface", doc: `{"any":{"a":[1,"x",null,true]}}`, want: scalars{Any: map[string]any{"a": []any{1.0, "x", nil, true}}}},
		{name: "non-empty interface", doc: `{"reader":{}}`, want: scalars{}, drift: []Drift{{"reader", "want io.Reader, got object"}}},
		{name: "unsupported type", doc: `{"chan":1}`, want: scalars{}, drift: []Drift{{"chan", "unsupported Go type chan int"}}},
		{name: "pointer type that never ends", doc: `{"l":1}`, want: struct {
			L loop `json:"l"`
		}{}, drift: []Drift{{"l", "unsupported Go type lenient.loop"}}},
		{name: "tags: - skips, -, names a member", doc: `{"Skipped":"a","-":"b"}`, want: scalars{Dash: "b"}},
		{name: ",string", doc: `{"quoted":"12"}`, want: scalars{Quoted: 12}},
		{name: ",string given a bare number", doc: `{"quoted":12}`, want: scalars{Quoted: 12}},
		{name: ",string given a string that holds no JSON", doc: `{"quoted":"twelve"}`, want: scalars{}, drift: []Drift{{"quoted", "want integer, got string"}}},
		{name: "Go name, any case", doc: `{"UNTAGGED":"a"}`, want: scalars{Untagged: "a"}},
		{name: "exact name beats folded", doc: `{"Name":"a"}`, want: folded{Upper: "a"}},
		{name: "first folded field wins", doc: `{"NAME":"a"}`, want: folded{Lower: "a"}},
		{name: "non-ASCII folding as encoding/json", doc: `{"ſ":"long s"}`, want: struct {
			S string `json:"S"`
		}{S: "long s"}},
		{name: "named string type takes any string", doc: `{"Status":"pending"}`, want: scalars{Status: &status}},
		{name: "Go array", doc: `{"arr":[1,"x",3]}`, want: scalars{Arr: [2]int{1, 0}}, drift: []Drift{{"arr[1]", "want integer, got string"}}},
		{name: "short Go array", doc: `{"arr":[1]}`, want: scalars{Arr: [2]int{1, 0}}},
		{name: "slice element that does not fit keeps its index", doc: `{"ints":[1,"x",3]}`, want: scalars{IntSlice: []int{1, 0, 3}}, drift: []Drift{
			{"ints[1]", "want integer, got string"}}},
		{name: "empty array and object", doc: `{"ints":[],"counts":{}}`, want: scalars{IntSlice: []int{}, Counts: map[string]int{}}},
		{name: "map entry that does not fit is left out", doc: `{"counts":{"a":1,"b":"x","c":2.0}}`, want: scalars{Counts: map[string]int{"a": 1, "c": 2}}, drift: []Drift{
			{"counts.b", "want integer, got string"}}},
		{name: "integer map keys", doc: `{"intMap":{"1":"a","x":"b","-2":"c"}}`, want: scalars{IntMap: map[int]string{1: "a", -2: "c"}}, drift: []Drift{
			{"intMap.x", "member name does not fit Go key type int"}}},
		{name: "UnmarshalText", doc: `{"addr":"192.0.2.1"}`, want: scalars{Addr: netip.MustParseAddr("192.0.2.1")}},
		{name: "UnmarshalText fails", doc: `{"addr":"nowhere"}`, want: scalars{}, drift: []Drift{{"addr", "want netip.Addr, got string"}}},
		{name: "UnmarshalText given a number", doc: `{"addr":5}`, want: scalars{}, drift: []Drift{{"addr", "want string, got number"}}},
		{name: "time.Time rejects a date", doc: `{"time":"2023-11-07"}`, want: scalars{}, drift: []Drift{{"time", "want time.Time, got string"}}},
		{name: "time.Time rejects an object", doc: `{"time":{}}`, want: scalars{}, drift: []Drift{{"time", "want time.Time, got object"}}},
		{name: "UnmarshalJSON that fails half way leaves nothing", doc: `["a"]`, want: halfDone(nil), drift: []Drift{{"", "want lenient.halfDone, got array"}}},
		{name: "generated type: fallback matches exactly, unknown members kept", doc: `{"city":5,"CITY":"x","floor":2.0,"extra":[1]}`,
			want:  testAddress{City: str("5"), Floor: new(2), AdditionalProperties: map[string]any{"CITY": "x", "extra": []any{1.0}}},
			drift: []Drift{{"city", "want string, got number; kept its text"}}},
		{name: "generated type: typed additionalProperties decoded leniently", doc: `{"source":"a","k":7,"o":{},"s":"v"}`,
			want:  testMetadata{Source: str("a"), AdditionalProperties: map[string]string{"k": "7", "s": "v"}},
			drift: []Drift{{"k", "want string, got number; kept its text"}, {"o", "want string, got object"}}},
		{name: "generated type: method succeeds", doc: `{"city":"c","extra":null}`,
			want: testAddress{City: str("c"), AdditionalProperties: map[string]any{"extra": nil}}},
		{name: "null leaves values", doc: `{"s":null,"i":null,"p":null,"ints":null,"any":null,"time":null,"addr":null}`, want: scalars{}},
		{name: "null through a pointer to a generated type", doc: `{"data":{"billingAddress":null,"updatedAt":null}}`, want: testResponse{Data: &testOrder{}}},
		{name: "embedded structs", doc: `{"x":"1","y":"2","z":"3"}`, want: embedding{embeddedBase: embeddedBase{X: "1"}, EmbeddedPtr: &EmbeddedPtr{Z: "3"}, Y: "2"}},
		{name: "nil pointer to unexported embedded struct", doc: `{"w":"1"}`, want: embedding{}, drift: []Drift{
			{"w", "Go field unreachable: nil pointer to an unexported embedded struct"}}},
		{name: "duplicate member: last wins, drift twice", doc: `{"s":1,"s":2}`, want: scalars{S: "2"}, drift: []Drift{
			{"s", "want string, got number; kept its text"}, {"s", "want string, got number; kept its text"}}},
		{name: "drift in document order", doc: `{"ints":[1,"x"],"b":3,"counts":{"z":"a"},"i":"y"}`, want: scalars{IntSlice: []int{1, 0}, Counts: map[string]int{}}, drift: []Drift{
			{"ints[1]", "want integer, got string"}, {"b", "want boolean, got number"}, {"counts.z", "want integer, got string"}, {"i", "want integer, got string"}}},
		{name: "nested paths", doc: `{"data":{"lineItems":[{},{"price":"9.5","productVariant":{"price":[]}}]}}`,
			want:  testResponse{Data: &testOrder{LineItems: []testLineItem{{}, {Price: new(float32(9.5)), ProductVariant: &testProductVariant{}}}}},
			drift: []Drift{{"data.lineItems[1].price", "want number, got string; parsed it"}, {"data.lineItems[1].productVariant.price", "want number, got array"}}},
		{name: "unknown members ignored at every level", doc: `{"x":1,"data":{"y":[{}],"lineItems":[{"z":{}}],"customer":{"w":null}}}`,
			want: testResponse{Data: &testOrder{LineItems: []testLineItem{{}}, Customer: &testCustomer{}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := reflect.New(reflect.TypeOf(tt.want))
			drift, err := Decode([]byte(tt.doc), got.Interface())
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(tt.want, got.Elem().Interface(), cmpOptions...); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.drift, drift); diff != "" {
				t.Errorf("drift (-want +got):\n%s", diff)
			}
		})
	}
}

// cmpOptions compare the test types, some of which have unexported fields.
var cmpOptions = []cmp.Option{
	cmp.Comparer(func(a, b netip.Addr) bool { return a == b }),
	cmp.AllowUnexported(embedding{}),
}

// TestDecodeAgreesWithEncodingJSON decodes documents json.Unmarshal accepts,
// chosen for the corners of its behaviour, and wants its result and no drift.
func TestDecodeAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		into func() any // returns a pointer to the target, which may hold values already
	}{
		{"duplicate objects merge through a pointer", `{"data":{"id":"a","total":1},"data":{"id":"b"}}`, func() any { return new(testResponse) }},
		{"duplicate arrays decode in place", `{"data":{"lineItems":[{"id":"a","units":1}],"lineItems":[{"title":"t"}]}}`, func() any { return new(testResponse) }},
		{"duplicate generated type", `{"billingAddress":{"id":"a","x":1},"billingAddress":{"city":"b"}}`, func() any { return new(testOrder) }},
		{"existing pointer set to nil by null", `{"p":null}`, func() any { return &scalars{P: new("set")} }},
		{"existing slice shrinks", `{"ints":[7]}`, func() any { return &scalars{IntSlice: []int{1, 2, 3}} }},
		{"existing slice emptied", `{"ints":[]}`, func() any { return &scalars{IntSlice: []int{1, 2, 3}} }},
		{"existing map added to", `{"counts":{"b":2}}`, func() any { return &scalars{Counts: map[string]int{"a": 1}} }},
		{"null leaves non-nillable values", `{"s":null,"i":null,"arr":null}`, func() any { return &scalars{S: "s", I: 1, Arr: [2]int{1, 2}} }},
		{"raw message keeps null", `{"gatewayData":null}`, func() any { return new(testOrder) }},
		{"top-level null", `null`, func() any { p := &testResponse{}; return &p }},
		{"embedded", `{"X":"1","Y":"2","z":"3"}`, func() any { return new(embedding) }},
		{"folding", `{"NAME":"1","nAmE":"2"}`, func() any { return new(folded) }},
		{"time formats it takes", `{"createdAt":"2023-11-07T05:31:56.5-07:00","updatedAt":"2023-11-07T05:31:56Z"}`, func() any { return new(testOrder) }},
		{"interface holding a pointer is decoded through", `{"id":"a"}`, func() any { var x any = &testOrder{Version: 1}; return &x }},
		{"interface holding a pointer set to nil by null", `null`, func() any { var x any = &testOrder{}; return &x }},
		{"interface holding a pointer to a pointer", `null`, func() any { p := &testOrder{}; var x any = &p; return &x }},
		{"interface holding a pointer to itself", `{"a":1}`, func() any { var x any; x = &x; return &x }},
		{"empty interface at the top", `[{"a":1e2},"x",null]`, func() any { return new(any) }},
		{"deep nesting", strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth), func() any { return new(any) }},
		{"deep recursive type", strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth), func() any { return new(tree) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want, got := tt.into(), tt.into()
			if err := json.Unmarshal([]byte(tt.doc), want); err != nil {
				t.Fatalf("json.Unmarshal: %v", err)
			}
			drift, err := Decode([]byte(tt.doc), got)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			// cmp.Diff takes minutes over 10000 levels; reflect.DeepEqual
			// does not, and cmp explains a difference once there is one.
			if !reflect.DeepEqual(want, got) {
				t.Errorf("value (-json.Unmarshal +Decode):\n%s", cmp.Diff(want, got, cmpOptions...))
			}
			if len(drift) != 0 {
				t.Errorf("drift %q, want none", drift)
			}
		})
	}
}

// tree is a recursive type, for nesting as deep as a document may go.
type tree []tree

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	tooDeep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	for _, doc := range []string{"", " ", "{", `{"a":}`, "[1,]", "{} {}", "nul", `"\x"`, "\xff", tooDeep} {
		t.Run("invalid JSON "+strings.ToValidUTF8(doc[:min(len(doc), 8)], "?"), func(t *testing.T) {
			t.Parallel()
			want := scalars{S: "untouched"}
			got := want
			drift, err := Decode([]byte(doc), &got)
			var syntaxErr *json.SyntaxError
			if !errors.As(err, &syntaxErr) {
				t.Fatalf("error %v, want a *json.SyntaxError", err)
			}
			if drift != nil {
				t.Errorf("drift %q, want none", drift)
			}
			if diff := cmp.Diff(want, got, cmpOptions...); diff != "" {
				t.Errorf("value changed (-want +got):\n%s", diff)
			}
		})
	}
	var nilPointer *scalars
	for name, v := range map[string]any{"nil": nil, "not a pointer": scalars{}, "nil pointer": nilPointer} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode([]byte(`{}`), v)
			var invalid *json.InvalidUnmarshalError
			if !errors.As(err, &invalid) {
				t.Fatalf("error %v, want a *json.InvalidUnmarshalError", err)
			}
		})
	}
}

// TestParseDepth holds the parser to its own bound, whatever json.Valid's.
func TestParseDepth(t *testing.T) {
	t.Parallel()
	if _, err := parse([]byte(`[{"a":[]}]`), 3); err != nil {
		t.Errorf("3 levels under a bound of 3: %v", err)
	}
	if _, err := parse([]byte(`[{"a":[[]]}]`), 3); !errors.Is(err, errTooDeep) {
		t.Errorf("4 levels under a bound of 3: error %v, want errTooDeep", err)
	}
}

func TestDriftString(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		drift Drift
		want  string
	}{
		{Drift{"data.id", "want string, got number; kept its text"}, "data.id: want string, got number; kept its text"},
		{Drift{"", "want object, got array"}, "want object, got array"},
	} {
		if got := tt.drift.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.drift, got, tt.want)
		}
	}
}
