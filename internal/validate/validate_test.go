package validate_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

func ptr[T any](v T) *T { return &v }

// box holds one value under the JSON name "v", so that a table can put any Go
// type under the one property its schema constrains.
type box[T any] struct {
	V T `json:"v"`
}

// loadSchema loads the YAML schema y as components.schemas.S of a small
// OpenAPI document, checks the document, and returns S.
func loadSchema(t *testing.T, y string) *openapi3.Schema {
	t.Helper()
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: test, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S:\n")
	for _, line := range strings.Split(strings.TrimSpace(y), "\n") {
		b.WriteString("      " + line + "\n")
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(b.String()))
	if err != nil {
		t.Fatalf("loading schema: %v\n%s", err, b.String())
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("schema is not valid OpenAPI: %v\n%s", err, b.String())
	}
	return doc.Components.Schemas["S"].Value
}

func compile(t *testing.T, y string, rules ...validate.Rule) *validate.Schema {
	t.Helper()
	s, err := validate.Compile(loadSchema(t, y), rules...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// prop is an object schema whose one property, v, has the schema p.
func prop(p string) string {
	return "type: object\nproperties:\n  v: " + p
}

func v(path, rule, msg string) apierror.Violation {
	return apierror.Violation{Path: path, Rule: rule, Message: msg}
}

// TestConstraints checks every constraint the validator knows: each rejects
// its violating value with the path, rule and message, and accepts the
// boundary value next to it.
func TestConstraints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		schema string
		reject any
		want   []apierror.Violation
		accept any
	}{
		// required: a nil pointer, slice or map is absent; a zero string is not.
		{"required nil pointer", "type: object\nrequired: [v]\nproperties:\n  v: {type: string}",
			box[*string]{}, []apierror.Violation{v("v", "required", "is required")}, box[*string]{ptr("")}},
		{"required nil slice", "type: object\nrequired: [v]\nproperties:\n  v: {type: array, items: {type: string}}",
			box[[]string]{}, []apierror.Violation{v("v", "required", "is required")}, box[[]string]{[]string{}}},
		{"required nil map", "type: object\nrequired: [v]\nproperties:\n  v: {type: object, additionalProperties: true}",
			box[map[string]any]{}, []apierror.Violation{v("v", "required", "is required")}, box[map[string]any]{map[string]any{}}},
		{"required nil interface", "type: object\nrequired: [v]\nproperties:\n  v: {type: string}",
			box[any]{}, []apierror.Violation{v("v", "required", "is required")}, box[any]{""}},
		{"required field missing from struct", "type: object\nrequired: [v]\nproperties:\n  v: {type: string}",
			struct{ W string }{}, []apierror.Violation{v("v", "required", "is required")}, box[string]{}},
		{"required key missing from map", "type: object\nrequired: [v]\nproperties:\n  v: {type: string}",
			map[string]any{"w": "x"}, []apierror.Violation{v("v", "required", "is required")}, map[string]any{"v": ""}},
		{"required nested", "type: object\nproperties:\n  v:\n    type: object\n    required: [id]\n    properties:\n      id: {type: string}",
			box[*struct {
				ID *string `json:"id"`
			}]{&struct {
				ID *string `json:"id"`
			}{}}, []apierror.Violation{v("v.id", "required", "is required")},
			box[*struct {
				ID *string `json:"id"`
			}]{&struct {
				ID *string `json:"id"`
			}{ptr("x")}}},

		// type: null where the schema is not nullable.
		{"null map value", prop("{type: string}"),
			map[string]any{"v": nil}, []apierror.Violation{v("v", "type", "must not be null")}, map[string]any{"v": "x"}},
		{"null array item", prop("{type: array, items: {type: array, items: {type: string}}}"),
			box[[][]string]{[][]string{{"a"}, nil}}, []apierror.Violation{v("v[1]", "type", "must not be null")}, box[[][]string]{[][]string{{"a"}, {}}}},
		{"null pointer item", prop("{type: array, items: {type: integer}}"),
			box[[]*int]{[]*int{ptr(1), nil}}, []apierror.Violation{v("v[1]", "type", "must not be null")}, box[[]*int]{[]*int{ptr(1), ptr(2)}}},
		{"null nested map", prop("{type: object, additionalProperties: {type: object, additionalProperties: true}}"),
			box[map[string]map[string]any]{map[string]map[string]any{"k": nil}}, []apierror.Violation{v("v.k", "type", "must not be null")},
			box[map[string]map[string]any]{map[string]map[string]any{"k": {}}}},
		{"null root", "type: object\nproperties:\n  v: {type: string}",
			(*box[string])(nil), []apierror.Violation{v("", "type", "must not be null")}, &box[string]{}},
		{"nullable accepts null", prop("{type: string, nullable: true, minLength: 2}"),
			map[string]any{"v": "x"}, []apierror.Violation{v("v", "minLength", "must be at least 2 characters")}, map[string]any{"v": nil}},

		// enum
		{"enum string", prop("{type: string, enum: [open, paid]}"),
			box[string]{"Paid"}, []apierror.Violation{v("v", "enum", "must be one of: open, paid")}, box[string]{"paid"}},
		{"enum named string type", prop("{type: string, enum: [open, paid]}"),
			box[status]{"closed"}, []apierror.Violation{v("v", "enum", "must be one of: open, paid")}, box[status]{"open"}},
		{"enum integer", prop("{type: integer, enum: [1, 1000000]}"),
			box[int]{2}, []apierror.Violation{v("v", "enum", "must be one of: 1, 1000000")}, box[int]{1000000}},
		{"enum number", prop("{type: number, enum: [0.5, 2.25]}"),
			box[float64]{2.5}, []apierror.Violation{v("v", "enum", "must be one of: 0.5, 2.25")}, box[float64]{2.25}},

		// minItems, maxItems
		{"minItems", prop("{type: array, minItems: 2, items: {type: string}}"),
			box[[]string]{[]string{"a"}}, []apierror.Violation{v("v", "minItems", "must have at least 2 items")}, box[[]string]{[]string{"a", "b"}}},
		{"minItems empty", prop("{type: array, minItems: 1, items: {type: string}}"),
			box[[]string]{[]string{}}, []apierror.Violation{v("v", "minItems", "must have at least 1 items")}, box[[]string]{[]string{""}}},
		{"maxItems", prop("{type: array, maxItems: 2, items: {type: string}}"),
			box[[]string]{[]string{"a", "b", "c"}}, []apierror.Violation{v("v", "maxItems", "must have at most 2 items")}, box[[]string]{[]string{"a", "b"}}},
		{"maxItems array", prop("{type: array, maxItems: 2, items: {type: integer}}"),
			box[[3]int]{}, []apierror.Violation{v("v", "maxItems", "must have at most 2 items")}, box[[2]int]{}},

		// minLength, maxLength: counted in runes, not bytes.
		{"minLength", prop("{type: string, minLength: 2}"),
			box[string]{"é"}, []apierror.Violation{v("v", "minLength", "must be at least 2 characters")}, box[string]{"éé"}},
		{"minLength empty", prop("{type: string, minLength: 1}"),
			box[string]{""}, []apierror.Violation{v("v", "minLength", "must be at least 1 characters")}, box[string]{"x"}},
		{"maxLength", prop("{type: string, maxLength: 3}"),
			box[string]{"abcd"}, []apierror.Violation{v("v", "maxLength", "must be at most 3 characters")}, box[string]{"日本語"}},
		{"maxLength zero", prop("{type: string, maxLength: 0}"),
			box[string]{"a"}, []apierror.Violation{v("v", "maxLength", "must be at most 0 characters")}, box[string]{""}},

		// pattern
		{"pattern", prop("{type: string, pattern: '^[A-Z]{3}$'}"),
			box[string]{"usd"}, []apierror.Violation{v("v", "pattern", "must match ^[A-Z]{3}$")}, box[string]{"USD"}},
		{"pattern unanchored", prop("{type: string, pattern: '[0-9]'}"),
			box[string]{"abc"}, []apierror.Violation{v("v", "pattern", "must match [0-9]")}, box[string]{"a1c"}},

		// formats; an empty string is left to minLength.
		{"format email", prop("{type: string, format: email}"),
			box[string]{"john.doe@"}, []apierror.Violation{v("v", "format", "must be a valid email")}, box[string]{"john.doe@example.com"}},
		{"format email with display name", prop("{type: string, format: email}"),
			box[string]{"John <john@example.com>"}, []apierror.Violation{v("v", "format", "must be a valid email")}, box[string]{"john@example.com"}},
		{"format uuid", prop("{type: string, format: uuid}"),
			box[string]{"08c0e60e-26bd-4e41-bb05-97bfbe1ba7c"}, []apierror.Violation{v("v", "format", "must be a valid uuid")}, box[string]{"08C0E60E-26bd-4e41-bb05-97bfbe1ba7cd"}},
		{"format uri", prop("{type: string, format: uri}"),
			box[string]{"example.com/track/1"}, []apierror.Violation{v("v", "format", "must be a valid uri")}, box[string]{"https://example.com/track/1"}},
		{"format date-time", prop("{type: string, format: date-time}"),
			box[string]{"2024-01-02 10:00:00"}, []apierror.Violation{v("v", "format", "must be a valid date-time")}, box[string]{"2024-01-02T10:00:00+01:00"}},
		{"format date", prop("{type: string, format: date}"),
			box[string]{"2023-02-29"}, []apierror.Violation{v("v", "format", "must be a valid date")}, box[string]{"2024-02-29"}},
		{"format ipv4", prop("{type: string, format: ipv4}"),
			box[string]{"256.0.0.1"}, []apierror.Violation{v("v", "format", "must be a valid ipv4")}, box[string]{"255.255.255.255"}},
		{"format ipv4 given ipv6", prop("{type: string, format: ipv4}"),
			box[string]{"::1"}, []apierror.Violation{v("v", "format", "must be a valid ipv4")}, box[string]{"127.0.0.1"}},
		{"format ipv6", prop("{type: string, format: ipv6}"),
			box[string]{"192.0.2.1"}, []apierror.Violation{v("v", "format", "must be a valid ipv6")}, box[string]{"2001:db8::1"}},
		{"format empty string", prop("{type: string, format: email, minLength: 1}"),
			box[string]{""}, []apierror.Violation{v("v", "minLength", "must be at least 1 characters")}, box[string]{"a@b.example"}},
		{"format unknown passes", prop("{type: string, format: color, maxLength: 1}"),
			box[string]{"ab"}, []apierror.Violation{v("v", "maxLength", "must be at most 1 characters")}, box[string]{"#"}},

		// minimum, maximum and their exclusive forms (OpenAPI 3.0 booleans).
		{"minimum", prop("{type: integer, minimum: 1}"),
			box[int]{0}, []apierror.Violation{v("v", "minimum", "must be at least 1")}, box[int]{1}},
		{"minimum unsigned", prop("{type: integer, minimum: 1}"),
			box[uint8]{0}, []apierror.Violation{v("v", "minimum", "must be at least 1")}, box[uint8]{1}},
		{"minimum float", prop("{type: number, minimum: 0}"),
			box[float64]{-0.5}, []apierror.Violation{v("v", "minimum", "must be at least 0")}, box[float64]{0}},
		{"maximum", prop("{type: integer, maximum: 10}"),
			box[int64]{11}, []apierror.Violation{v("v", "maximum", "must be at most 10")}, box[int64]{10}},
		{"maximum float", prop("{type: number, maximum: 1.5}"),
			box[float32]{1.75}, []apierror.Violation{v("v", "maximum", "must be at most 1.5")}, box[float32]{1.5}},
		{"exclusiveMinimum", prop("{type: number, minimum: 0, exclusiveMinimum: true}"),
			box[float64]{0}, []apierror.Violation{v("v", "exclusiveMinimum", "must be greater than 0")}, box[float64]{0.001}},
		{"exclusiveMinimum integer", prop("{type: integer, minimum: 0, exclusiveMinimum: true}"),
			box[int]{-1}, []apierror.Violation{v("v", "exclusiveMinimum", "must be greater than 0")}, box[int]{1}},
		{"exclusiveMaximum", prop("{type: integer, maximum: 10, exclusiveMaximum: true}"),
			box[int]{10}, []apierror.Violation{v("v", "exclusiveMaximum", "must be less than 10")}, box[int]{9}},
		{"minimum and maximum", prop("{type: integer, minimum: 1, maximum: 3}"),
			box[int]{4}, []apierror.Violation{v("v", "maximum", "must be at most 3")}, box[int]{3}},
		{"minimum, integer enum", prop("{type: integer, minimum: 2, enum: [1, 2, 3]}"),
			box[int]{1}, []apierror.Violation{v("v", "minimum", "must be at least 2")}, box[int]{2}},

		// maxProperties, minProperties and the key length extension on maps.
		{"maxProperties", prop("{type: object, maxProperties: 2, additionalProperties: true}"),
			box[map[string]any]{map[string]any{"a": 1, "b": 2, "c": 3}}, []apierror.Violation{v("v", "maxProperties", "must have at most 2 keys")},
			box[map[string]any]{map[string]any{"a": 1, "b": 2}}},
		{"minProperties", prop("{type: object, minProperties: 1, additionalProperties: true}"),
			box[map[string]any]{map[string]any{}}, []apierror.Violation{v("v", "minProperties", "must have at least 1 keys")},
			box[map[string]any]{map[string]any{"a": nil}}},
		{"x-ordersdk-max-key-length", prop("{type: object, additionalProperties: true, x-ordersdk-max-key-length: 3}"),
			box[map[string]any]{map[string]any{"abc": 1, "abcd": 2}}, []apierror.Violation{v("v.abcd", "maxKeyLength", "key must be at most 3 characters")},
			box[map[string]any]{map[string]any{"日本語": 1, "abc": 2}}},
		// A map of strings is walked without reflection.
		{"x-ordersdk-max-key-length, string map", prop("{type: object, additionalProperties: {type: string, maxLength: 2}, x-ordersdk-max-key-length: 3}"),
			box[map[string]string]{map[string]string{"abc": "ab", "abcd": "日本語"}}, []apierror.Violation{
				v("v.abcd", "maxKeyLength", "key must be at most 3 characters"), v("v.abcd", "maxLength", "must be at most 2 characters")},
			box[map[string]string]{map[string]string{"日本語": "日本", "abc": ""}}},

		// NaN and infinities are not JSON numbers.
		{"NaN", prop("{type: number}"),
			box[float64]{math.NaN()}, []apierror.Violation{v("v", "type", "must be a finite number")}, box[float64]{math.MaxFloat64}},
		{"+Inf", prop("{type: number, maximum: 100}"),
			box[float64]{math.Inf(1)}, []apierror.Violation{v("v", "type", "must be a finite number")}, box[float64]{100}},
		{"-Inf", prop("{type: number, minimum: 0}"),
			box[float64]{math.Inf(-1)}, []apierror.Violation{v("v", "type", "must be a finite number")}, box[float64]{0}},
		{"NaN float32 in map", prop("{type: object, additionalProperties: {type: number}}"),
			box[map[string]float32]{map[string]float32{"x": float32(math.NaN())}}, []apierror.Violation{v("v.x", "type", "must be a finite number")},
			box[map[string]float32]{map[string]float32{"x": -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := compile(t, tt.schema)
			if diff := cmp.Diff(tt.want, s.Check(tt.reject)); diff != "" {
				t.Errorf("Check(%#v) violations (-want +got):\n%s", tt.reject, diff)
			}
			if got := s.Check(tt.accept); got != nil {
				t.Errorf("Check(%#v) = %v, want no violations", tt.accept, got)
			}
		})
	}
}

type status string

// The types below mirror what oapi-codegen generates: json tags, pointers for
// optional fields, slices and maps.
type (
	order struct {
		ID       string            `json:"id"`
		Customer *customer         `json:"customer,omitempty"`
		Items    []item            `json:"items"`
		Metadata map[string]any    `json:"metadata,omitempty"`
		Labels   map[string]string `json:"labels,omitempty"`
		Tags     []string          `json:"tags,omitempty"`
		Internal string            `json:"-"`
		hidden   string            //nolint:unused // an unexported field the walk must skip
	}
	customer struct {
		Email string `json:"email"`
	}
	item struct {
		Sku      string `json:"sku"`
		Quantity *int   `json:"quantity,omitempty"`
	}
)

const orderSchema = `
type: array
minItems: 1
items:
  type: object
  required: [id, items]
  properties:
    id: {type: string, minLength: 1}
    customer:
      type: object
      required: [email]
      properties:
        email: {type: string, format: email}
    items:
      type: array
      minItems: 1
      items:
        type: object
        required: [sku]
        properties:
          sku: {type: string, minLength: 1}
          quantity: {type: integer, minimum: 1}
    metadata:
      type: object
      maxProperties: 2
      additionalProperties: {type: string, maxLength: 5}
    labels:
      type: object
      additionalProperties: {type: string, maxLength: 2}
      x-ordersdk-max-key-length: 3
    tags:
      type: array
      items: {type: string, enum: [a, b]}
    Internal: {type: string, minLength: 100}
    hidden: {type: string, minLength: 100}
`

// TestPaths checks that violations carry the JSON path of nested arrays,
// objects and maps, in document order.
func TestPaths(t *testing.T) {
	t.Parallel()
	s := compile(t, orderSchema)
	good := item{Sku: "S", Quantity: ptr(1)}
	batch := []order{
		{ID: "o1", Items: []item{good, good, {Sku: ""}, {Sku: "S", Quantity: ptr(0)}}, Internal: "x"},
		{ID: "", Customer: &customer{Email: "nope"}, Items: []item{},
			Metadata: map[string]any{"b": "toolong", "a": 5, "c": "ok"}, Tags: []string{"a", "z"},
			Labels: map[string]string{"zz": "long", "abcd": "ok", "b": "x", "c": "xyz"}},
	}
	want := []apierror.Violation{
		v("[0].items[2].sku", "minLength", "must be at least 1 characters"),
		v("[0].items[3].quantity", "minimum", "must be at least 1"),
		v("[1].id", "minLength", "must be at least 1 characters"),
		v("[1].customer.email", "format", "must be a valid email"),
		v("[1].items", "minItems", "must have at least 1 items"),
		v("[1].metadata", "maxProperties", "must have at most 2 keys"),
		v("[1].metadata.b", "maxLength", "must be at most 5 characters"),
		v("[1].labels.abcd", "maxKeyLength", "key must be at most 3 characters"),
		v("[1].labels.c", "maxLength", "must be at most 2 characters"),
		v("[1].labels.zz", "maxLength", "must be at most 2 characters"),
		v("[1].tags[1]", "enum", "must be one of: a, b"),
	}
	if diff := cmp.Diff(want, s.Check(batch)); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	// The same batch as a pointer, and as an array, gives the same answer.
	if diff := cmp.Diff(want, s.Check(&batch)); diff != "" {
		t.Errorf("violations of a pointer (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, s.Check([2]order{batch[0], batch[1]})); diff != "" {
		t.Errorf("violations of an array (-want +got):\n%s", diff)
	}
	if got := s.Check([]order{{ID: "o", Items: []item{good}}}); got != nil {
		t.Errorf("valid batch: %v", got)
	}
	if got, want := s.Check([]order{}), []apierror.Violation{v("", "minItems", "must have at least 1 items")}; !reflect.DeepEqual(got, want) {
		t.Errorf("empty batch: %v, want %v", got, want)
	}
}

// TestRules checks that extra rules run after the schema's checks, on the
// value as given, and append in order.
func TestRules(t *testing.T) {
	t.Parallel()
	var seen []any
	customerOrID := func(x any) []apierror.Violation {
		seen = append(seen, x)
		var out []apierror.Violation
		for i, o := range x.([]order) {
			if o.Customer == nil && o.ID == "" {
				out = append(out, v(fmt.Sprintf("[%d]", i), "customerOrId", "give a customer or an id"))
			}
		}
		return out
	}
	always := func(any) []apierror.Violation {
		return []apierror.Violation{v("", "second", "runs after the first")}
	}
	s := compile(t, orderSchema, customerOrID, always)
	batch := []order{{ID: "", Items: []item{{Sku: "S"}}}}
	want := []apierror.Violation{
		v("[0].id", "minLength", "must be at least 1 characters"),
		v("[0]", "customerOrId", "give a customer or an id"),
		v("", "second", "runs after the first"),
	}
	if diff := cmp.Diff(want, s.Check(batch)); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	if len(seen) != 1 || !reflect.DeepEqual(seen[0], batch) {
		t.Errorf("rule saw %#v, want the batch itself", seen)
	}
}

// TestRuleFor checks that a typed rule sees a value Check is given as a T or
// a *T, and nothing else.
func TestRuleFor(t *testing.T) {
	t.Parallel()
	var seen []string
	rule := validate.RuleFor(func(c *customer) []apierror.Violation {
		seen = append(seen, c.Email)
		return []apierror.Violation{v("email", "seen", c.Email)}
	})
	for _, tt := range []struct {
		in   any
		want []apierror.Violation
	}{
		{customer{Email: "value"}, []apierror.Violation{v("email", "seen", "value")}},
		{&customer{Email: "pointer"}, []apierror.Violation{v("email", "seen", "pointer")}},
		{(*customer)(nil), nil},
		{nil, nil},
		{item{Sku: "other"}, nil},
	} {
		if diff := cmp.Diff(tt.want, rule(tt.in)); diff != "" {
			t.Errorf("rule(%#v) (-want +got):\n%s", tt.in, diff)
		}
	}
	if want := []string{"value", "pointer"}; !reflect.DeepEqual(seen, want) {
		t.Errorf("the rule saw %q, want %q", seen, want)
	}
}

// TestDeepPath checks the path of a violation deeper than the walker keeps
// on the stack.
func TestDeepPath(t *testing.T) {
	t.Parallel()
	const depth = 12
	schema := "{type: array, items: {type: string, minLength: 2}}"
	var value any = []string{"ok", "x"}
	want := "[1]"
	for i := 1; i < depth; i++ {
		schema = "{type: array, items: " + schema + "}"
		value = []any{value}
		want = "[0]" + want
	}
	s := compile(t, schema)
	got := s.Check(value)
	if diff := cmp.Diff([]apierror.Violation{v(want, "minLength", "must be at least 2 characters")}, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

type key string

type embedded struct {
	Sku string `json:"sku"`
}

type odd struct {
	embedded
	*customer
	Ch      chan int          `json:"ch"`
	Fn      func()            `json:"fn"`
	When    time.Time         `json:"when"`
	Named   map[key]string    `json:"named"`
	IntKeys map[int]string    `json:"intKeys"`
	Iface   any               `json:"iface"`
	PtrPtr  **string          `json:"ptrPtr"`
	Nested  map[string][]item `json:"nested"`
	private int
}

// TestCheckOddInputs feeds values a generated model never holds; Check must
// not panic on any of them.
func TestCheckOddInputs(t *testing.T) {
	t.Parallel()
	s := compile(t, `
type: object
required: [named]
properties:
  sku: {type: string, minLength: 1}
  ch: {type: string}
  fn: {type: string}
  when: {type: string, format: date-time}
  named:
    type: object
    required: [must]
    maxProperties: 1
    additionalProperties: {type: string, minLength: 2}
  intKeys: {type: object, maxProperties: 1, required: ['1']}
  iface: {type: string, minLength: 3}
  ptrPtr: {type: string, minLength: 3}
  nested:
    type: object
    additionalProperties:
      type: array
      items:
        type: object
        properties:
          sku: {type: string, minLength: 2}
  private: {type: integer, minimum: 5}
`)
	var nilPtr *odd
	var nilIface fmt.Stringer
	inputs := []any{
		nil, 42, "text", 3.5, true, []int{1}, map[int]int{1: 1}, make(chan int), func() {},
		nilPtr, nilIface, &nilPtr, struct{}{}, struct{ x int }{1}, time.Now(),
		odd{}, &odd{},
		odd{Named: map[key]string{"must": "ok", "x": "y"}, IntKeys: map[int]string{1: "a", 2: "b"},
			Iface: 7, PtrPtr: ptr(ptr("ab")), Nested: map[string][]item{"k": {{Sku: "s"}}}, private: 1},
	}
	for i, in := range inputs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("input %d (%T): Check panicked: %v", i, in, r)
				}
			}()
			s.Check(in)
		}()
	}
	got := s.Check(odd{Named: map[key]string{"x": "y"}, IntKeys: map[int]string{1: "a", 2: "b"},
		PtrPtr: ptr(ptr("ab")), Nested: map[string][]item{"k": {{Sku: "s"}}}, private: 1})
	want := []apierror.Violation{
		v("named.x", "minLength", "must be at least 2 characters"),
		v("named.must", "required", "is required"),
		v("intKeys", "maxProperties", "must have at most 1 keys"),
		v("ptrPtr", "minLength", "must be at least 3 characters"),
		v("nested.k[0].sku", "minLength", "must be at least 2 characters"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

type (
	treeNode struct {
		Name     string     `json:"name"`
		Children []treeNode `json:"children,omitempty"`
		Leaf     *treeLeaf  `json:"leaf,omitempty"`
	}
	treeLeaf struct {
		Weight int       `json:"weight"`
		Parent *treeNode `json:"parent,omitempty"`
	}
)

// TestCyclicSchema compiles schemas that refer to themselves and checks
// values nested through the cycle.
func TestCyclicSchema(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "tree.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	s, err := validate.Compile(doc.Components.Schemas["Node"].Value)
	if err != nil {
		t.Fatal(err)
	}
	tree := treeNode{Name: "root", Children: []treeNode{
		{Name: "a", Children: []treeNode{{Name: ""}}},
		{Name: "b", Leaf: &treeLeaf{Weight: -1, Parent: &treeNode{Name: "", Leaf: &treeLeaf{Weight: 2}}}},
	}}
	want := []apierror.Violation{
		v("children[0].children[0].name", "minLength", "must be at least 1 characters"),
		v("children[1].leaf.weight", "minimum", "must be at least 0"),
		v("children[1].leaf.parent.name", "minLength", "must be at least 1 characters"),
	}
	if diff := cmp.Diff(want, s.Check(tree)); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
	// The same tree as decoded JSON: maps and slices of any.
	asMaps := map[string]any{"children": []any{map[string]any{"name": "x", "children": []any{map[string]any{}}}}}
	want = []apierror.Violation{
		v("children[0].children[0].name", "required", "is required"),
		v("name", "required", "is required"),
	}
	if diff := cmp.Diff(want, s.Check(asMaps)); diff != "" {
		t.Errorf("violations of maps (-want +got):\n%s", diff)
	}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		schema *openapi3.Schema
		want   string
	}{
		{"bad pattern", &openapi3.Schema{Pattern: "([a-z"}, "pattern"},
		{"bad nested pattern", &openapi3.Schema{Properties: openapi3.Schemas{"sku": {Value: &openapi3.Schema{Pattern: "(?<"}}}}, "sku: pattern"},
		{"bad key length", &openapi3.Schema{Extensions: map[string]any{validate.MaxKeyLengthExtension: "ten"}}, validate.MaxKeyLengthExtension},
		{"bad items", &openapi3.Schema{Items: &openapi3.SchemaRef{Value: &openapi3.Schema{Pattern: "["}}}, "items: pattern"},
		{"bad additionalProperties", &openapi3.Schema{AdditionalProperties: openapi3.AdditionalProperties{Schema: &openapi3.SchemaRef{Value: &openapi3.Schema{Pattern: "["}}}}, "additionalProperties: pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := validate.Compile(tt.schema)
			if err == nil || s != nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Compile() = %v, %v; want an error containing %q", s, err, tt.want)
			}
			defer func() {
				if recover() == nil {
					t.Error("MustCompile did not panic")
				}
			}()
			validate.MustCompile(tt.schema)
		})
	}
	// A property or item without a resolved schema is skipped, not a crash.
	s, err := validate.Compile(&openapi3.Schema{
		Properties: openapi3.Schemas{"a": nil, "b": {Ref: "#/nowhere"}},
		Items:      &openapi3.SchemaRef{Ref: "#/nowhere"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Check(map[string]any{"a": 1, "b": nil}); got != nil {
		t.Errorf("Check = %v, want nothing", got)
	}
}

// TestCheckConcurrent runs checks of many types at once, for the race detector.
func TestCheckConcurrent(t *testing.T) {
	t.Parallel()
	s := compile(t, orderSchema)
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if got := s.Check([]order{{ID: "o", Items: []item{{Sku: ""}}}}); len(got) != 1 {
					t.Errorf("Check = %v, want one violation", got)
					return
				}
				s.Check([]map[string]any{{"id": ""}})
			}
		}()
	}
	wg.Wait()
}

func TestMustRequestBody(t *testing.T) {
	t.Parallel()
	load := func() (*openapi3.T, error) {
		return openapi3.NewLoader().LoadFromData([]byte(`
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [id], properties: {id: {type: string}}}
      responses: {"201": {description: ok}}
    get:
      responses: {"200": {description: ok}}
`))
	}
	s := validate.MustRequestBody(load, "/orders")
	if got := s.Check(struct {
		ID *string `json:"id"`
	}{}); len(got) != 1 || got[0].Path != "id" || got[0].Rule != "required" {
		t.Errorf("Check() = %v, want id required", got)
	}
	for _, path := range []string{"/nowhere", ""} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MustRequestBody(%q) did not panic", path)
				}
			}()
			validate.MustRequestBody(load, path)
		}()
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("MustRequestBody with a failing loader did not panic")
			}
		}()
		validate.MustRequestBody(func() (*openapi3.T, error) { return nil, errors.New("broken") }, "/orders")
	}()
}
