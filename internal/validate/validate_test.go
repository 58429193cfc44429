package validate_test

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// The tables the tests check against are generated from testdata/tables.yaml
// and testdata/tree.yaml by genvalidate, as the vendor packages' are from
// their specs.
//go:generate go -C ../../tools run ./cmd/genvalidate -components -spec ../internal/validate/testdata/tables.yaml -pkg validate_test -out ../internal/validate/testtables_test.go
//go:generate go -C ../../tools run ./cmd/genvalidate -components -spec ../internal/validate/testdata/tree.yaml -pkg validate_test -out ../internal/validate/treetables_test.go

func ptr[T any](v T) *T { return &v }

// box holds one value under the JSON name "v", so that a table can put any Go
// type under the one property its schema constrains.
type box[T any] struct {
	V T `json:"v"`
}

func v(path, rule, msg string) apierror.Violation {
	return apierror.Violation{Path: path, Rule: rule, Message: msg}
}

// TestConstraints checks every constraint the validator knows: each rejects
// its violating value with the path, rule and message, and accepts the
// boundary value next to it. Each case's schema is the component of
// testdata/tables.yaml named after it, so a constraint genvalidate fails to
// write into the table fails its case.
func TestConstraints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		table  *validate.Table
		reject any
		want   []apierror.Violation
		accept any
	}{
		// required: a nil pointer, slice or map is absent; a zero string is not.
		{"required nil pointer", &requiredNilPointerTable,
			box[*string]{}, []apierror.Violation{v("v", "required", "is required")}, box[*string]{ptr("")}},
		{"required nil slice", &requiredNilSliceTable,
			box[[]string]{}, []apierror.Violation{v("v", "required", "is required")}, box[[]string]{[]string{}}},
		{"required nil map", &requiredNilMapTable,
			box[map[string]any]{}, []apierror.Violation{v("v", "required", "is required")}, box[map[string]any]{map[string]any{}}},
		{"required nil interface", &requiredNilInterfaceTable,
			box[any]{}, []apierror.Violation{v("v", "required", "is required")}, box[any]{""}},
		{"required field missing from struct", &requiredFieldMissingFromStructTable,
			struct{ W string }{}, []apierror.Violation{v("v", "required", "is required")}, box[string]{}},
		{"required key missing from map", &requiredKeyMissingFromMapTable,
			map[string]any{"w": "x"}, []apierror.Violation{v("v", "required", "is required")}, map[string]any{"v": ""}},
		{"required nested", &requiredNestedTable,
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
		{"null map value", &nullMapValueTable,
			map[string]any{"v": nil}, []apierror.Violation{v("v", "type", "must not be null")}, map[string]any{"v": "x"}},
		{"null array item", &nullArrayItemTable,
			box[[][]string]{[][]string{{"a"}, nil}}, []apierror.Violation{v("v[1]", "type", "must not be null")}, box[[][]string]{[][]string{{"a"}, {}}}},
		{"null pointer item", &nullPointerItemTable,
			box[[]*int]{[]*int{ptr(1), nil}}, []apierror.Violation{v("v[1]", "type", "must not be null")}, box[[]*int]{[]*int{ptr(1), ptr(2)}}},
		{"null nested map", &nullNestedMapTable,
			box[map[string]map[string]any]{map[string]map[string]any{"k": nil}}, []apierror.Violation{v("v.k", "type", "must not be null")},
			box[map[string]map[string]any]{map[string]map[string]any{"k": {}}}},
		{"null root", &nullRootTable,
			(*box[string])(nil), []apierror.Violation{v("", "type", "must not be null")}, &box[string]{}},
		{"nullable accepts null", &nullableAcceptsNullTable,
			map[string]any{"v": "x"}, []apierror.Violation{v("v", "minLength", "must be at least 2 characters")}, map[string]any{"v": nil}},

		// enum
		{"enum string", &enumStringTable,
			box[string]{"Paid"}, []apierror.Violation{v("v", "enum", "must be one of: open, paid")}, box[string]{"paid"}},
		{"enum named string type", &enumNamedStringTypeTable,
			box[status]{"closed"}, []apierror.Violation{v("v", "enum", "must be one of: open, paid")}, box[status]{"open"}},
		{"enum integer", &enumIntegerTable,
			box[int]{2}, []apierror.Violation{v("v", "enum", "must be one of: 1, 1000000")}, box[int]{1000000}},
		{"enum number", &enumNumberTable,
			box[float64]{2.5}, []apierror.Violation{v("v", "enum", "must be one of: 0.5, 2.25")}, box[float64]{2.25}},

		// minItems, maxItems
		{"minItems", &minItemsTable,
			box[[]string]{[]string{"a"}}, []apierror.Violation{v("v", "minItems", "must have at least 2 items")}, box[[]string]{[]string{"a", "b"}}},
		{"minItems empty", &minItemsEmptyTable,
			box[[]string]{[]string{}}, []apierror.Violation{v("v", "minItems", "must have at least 1 items")}, box[[]string]{[]string{""}}},
		{"maxItems", &maxItemsTable,
			box[[]string]{[]string{"a", "b", "c"}}, []apierror.Violation{v("v", "maxItems", "must have at most 2 items")}, box[[]string]{[]string{"a", "b"}}},
		{"maxItems array", &maxItemsArrayTable,
			box[[3]int]{}, []apierror.Violation{v("v", "maxItems", "must have at most 2 items")}, box[[2]int]{}},

		// minLength, maxLength: counted in runes, not bytes.
		{"minLength", &minLengthTable,
			box[string]{"é"}, []apierror.Violation{v("v", "minLength", "must be at least 2 characters")}, box[string]{"éé"}},
		{"minLength empty", &minLengthEmptyTable,
			box[string]{""}, []apierror.Violation{v("v", "minLength", "must be at least 1 characters")}, box[string]{"x"}},
		{"maxLength", &maxLengthTable,
			box[string]{"abcd"}, []apierror.Violation{v("v", "maxLength", "must be at most 3 characters")}, box[string]{"日本語"}},
		{"maxLength zero", &maxLengthZeroTable,
			box[string]{"a"}, []apierror.Violation{v("v", "maxLength", "must be at most 0 characters")}, box[string]{""}},

		// pattern
		{"pattern", &patternTable,
			box[string]{"usd"}, []apierror.Violation{v("v", "pattern", "must match ^[A-Z]{3}$")}, box[string]{"USD"}},
		{"pattern unanchored", &patternUnanchoredTable,
			box[string]{"abc"}, []apierror.Violation{v("v", "pattern", "must match [0-9]")}, box[string]{"a1c"}},

		// formats; an empty string is left to minLength.
		{"format email", &formatEmailTable,
			box[string]{"john.doe@"}, []apierror.Violation{v("v", "format", "must be a valid email")}, box[string]{"john.doe@example.com"}},
		{"format email with display name", &formatEmailWithDisplayNameTable,
			box[string]{"John <john@example.com>"}, []apierror.Violation{v("v", "format", "must be a valid email")}, box[string]{"john@example.com"}},
		{"format uuid", &formatUuidTable,
			box[string]{"08c0e60e-26bd-4e41-bb05-97bfbe1ba7c"}, []apierror.Violation{v("v", "format", "must be a valid uuid")}, box[string]{"08C0E60E-26bd-4e41-bb05-97bfbe1ba7cd"}},
		{"format uri", &formatUriTable,
			box[string]{"example.com/track/1"}, []apierror.Violation{v("v", "format", "must be a valid uri")}, box[string]{"https://example.com/track/1"}},
		{"format date-time", &formatDateTimeTable,
			box[string]{"2024-01-02 10:00:00"}, []apierror.Violation{v("v", "format", "must be a valid date-time")}, box[string]{"2024-01-02T10:00:00+01:00"}},
		{"format date", &formatDateTable,
			box[string]{"2023-02-29"}, []apierror.Violation{v("v", "format", "must be a valid date")}, box[string]{"2024-02-29"}},
		{"format ipv4", &formatIpv4Table,
			box[string]{"256.0.0.1"}, []apierror.Violation{v("v", "format", "must be a valid ipv4")}, box[string]{"255.255.255.255"}},
		{"format ipv4 given ipv6", &formatIpv4GivenIpv6Table,
			box[string]{"::1"}, []apierror.Violation{v("v", "format", "must be a valid ipv4")}, box[string]{"127.0.0.1"}},
		{"format ipv6", &formatIpv6Table,
			box[string]{"192.0.2.1"}, []apierror.Violation{v("v", "format", "must be a valid ipv6")}, box[string]{"2001:db8::1"}},
		{"format empty string", &formatEmptyStringTable,
			box[string]{""}, []apierror.Violation{v("v", "minLength", "must be at least 1 characters")}, box[string]{"a@b.example"}},
		{"format unknown passes", &formatUnknownPassesTable,
			box[string]{"ab"}, []apierror.Violation{v("v", "maxLength", "must be at most 1 characters")}, box[string]{"#"}},

		// minimum, maximum and their exclusive forms (OpenAPI 3.0 booleans).
		{"minimum", &minimumTable,
			box[int]{0}, []apierror.Violation{v("v", "minimum", "must be at least 1")}, box[int]{1}},
		{"minimum unsigned", &minimumUnsignedTable,
			box[uint8]{0}, []apierror.Violation{v("v", "minimum", "must be at least 1")}, box[uint8]{1}},
		{"minimum float", &minimumFloatTable,
			box[float64]{-0.5}, []apierror.Violation{v("v", "minimum", "must be at least 0")}, box[float64]{0}},
		{"maximum", &maximumTable,
			box[int64]{11}, []apierror.Violation{v("v", "maximum", "must be at most 10")}, box[int64]{10}},
		{"maximum float", &maximumFloatTable,
			box[float32]{1.75}, []apierror.Violation{v("v", "maximum", "must be at most 1.5")}, box[float32]{1.5}},
		{"exclusiveMinimum", &exclusiveMinimumTable,
			box[float64]{0}, []apierror.Violation{v("v", "exclusiveMinimum", "must be greater than 0")}, box[float64]{0.001}},
		{"exclusiveMinimum integer", &exclusiveMinimumIntegerTable,
			box[int]{-1}, []apierror.Violation{v("v", "exclusiveMinimum", "must be greater than 0")}, box[int]{1}},
		{"exclusiveMaximum", &exclusiveMaximumTable,
			box[int]{10}, []apierror.Violation{v("v", "exclusiveMaximum", "must be less than 10")}, box[int]{9}},
		{"minimum and maximum", &minimumAndMaximumTable,
			box[int]{4}, []apierror.Violation{v("v", "maximum", "must be at most 3")}, box[int]{3}},
		{"minimum, integer enum", &minimumIntegerEnumTable,
			box[int]{1}, []apierror.Violation{v("v", "minimum", "must be at least 2")}, box[int]{2}},

		// maxProperties, minProperties and the key length extension on maps.
		{"maxProperties", &maxPropertiesTable,
			box[map[string]any]{map[string]any{"a": 1, "b": 2, "c": 3}}, []apierror.Violation{v("v", "maxProperties", "must have at most 2 keys")},
			box[map[string]any]{map[string]any{"a": 1, "b": 2}}},
		{"minProperties", &minPropertiesTable,
			box[map[string]any]{map[string]any{}}, []apierror.Violation{v("v", "minProperties", "must have at least 1 keys")},
			box[map[string]any]{map[string]any{"a": nil}}},
		{"x-ordersdk-max-key-length", &xOrdersdkMaxKeyLengthTable,
			box[map[string]any]{map[string]any{"abc": 1, "abcd": 2}}, []apierror.Violation{v("v.abcd", "maxKeyLength", "key must be at most 3 characters")},
			box[map[string]any]{map[string]any{"日本語": 1, "abc": 2}}},
		// A map of strings is walked without reflection.
		{"x-ordersdk-max-key-length, string map", &xOrdersdkMaxKeyLengthStringMapTable,
			box[map[string]string]{map[string]string{"abc": "ab", "abcd": "日本語"}}, []apierror.Violation{
				v("v.abcd", "maxKeyLength", "key must be at most 3 characters"), v("v.abcd", "maxLength", "must be at most 2 characters")},
			box[map[string]string]{map[string]string{"日本語": "日本", "abc": ""}}},

		// NaN and infinities are not JSON numbers.
		{"NaN", &nanTable,
			box[float64]{math.NaN()}, []apierror.Violation{v("v", "type", "must be a finite number")}, box[float64]{math.MaxFloat64}},
		{"+Inf", &plusInfTable,
			box[float64]{math.Inf(1)}, []apierror.Violation{v("v", "type", "must be a finite number")}, box[float64]{100}},
		{"-Inf", &minusInfTable,
			box[float64]{math.Inf(-1)}, []apierror.Violation{v("v", "type", "must be a finite number")}, box[float64]{0}},
		{"NaN float32 in map", &nanFloat32InMapTable,
			box[map[string]float32]{map[string]float32{"x": float32(math.NaN())}}, []apierror.Violation{v("v.x", "type", "must be a finite number")},
			box[map[string]float32]{map[string]float32{"x": -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := validate.New(tt.table)
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

// TestPaths checks that violations carry the JSON path of nested arrays,
// objects and maps, in document order.
func TestPaths(t *testing.T) {
	t.Parallel()
	s := validate.New(&batchTable)
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
	s := validate.New(&batchTable, customerOrID, always)
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
// on the stack: deepTable is twelve arrays of arrays of strings.
func TestDeepPath(t *testing.T) {
	t.Parallel()
	const depth = 12
	var value any = []string{"ok", "x"}
	want := "[1]"
	for i := 1; i < depth; i++ {
		value = []any{value}
		want = "[0]" + want
	}
	s := validate.New(&deepTable)
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
	s := validate.New(&oddTable)
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

// TestCyclicSchema checks schemas that refer to themselves and checks
// values nested through the cycle.
func TestCyclicSchema(t *testing.T) {
	t.Parallel()
	s := validate.New(&nodeTable)
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

// TestInvalidTable checks that a table genvalidate does not write, one with
// a pattern Go cannot compile or a Ref beyond its nodes, makes Check panic
// with the node at fault, at its second call too, rather than check nothing.
func TestInvalidTable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		table validate.Table
		want  string
	}{
		{"bad pattern", validate.Table{Nodes: []validate.Node{1: {Pattern: "([a-z"}}}, `node 1: pattern "([a-z"`},
		{"bad nested pattern", validate.Table{Nodes: []validate.Node{
			1: {Properties: []validate.Property{{Name: "sku", Node: 2}}}, 2: {Pattern: "(?<"}}}, `node 2: pattern "(?<"`},
		{"property beyond the table", validate.Table{Nodes: []validate.Node{
			1: {Properties: []validate.Property{{Name: "sku", Node: 3}}}, 2: {}}}, "node 1 refers to node 3 of 2"},
		{"items beyond the table", validate.Table{Nodes: []validate.Node{1: {Items: 2}}}, "node 1 refers to node 2 of 1"},
		{"additionalProperties beyond the table", validate.Table{Nodes: []validate.Node{1: {}, 2: {AdditionalProperties: 9}}},
			"node 2 refers to node 9 of 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := validate.New(&tt.table)
			for call := 1; call <= 2; call++ {
				func() {
					defer func() {
						r := recover()
						if err, ok := r.(error); !ok || !strings.Contains(err.Error(), "validate: invalid table: "+tt.want) {
							t.Errorf("call %d: Check panicked with %v, want an error containing %q", call, r, tt.want)
						}
					}()
					s.Check(map[string]any{"sku": "x"})
				}()
			}
		})
	}
}

// TestNothingToCheck checks the schemas that constrain nothing: their rules
// still run, and a nil Schema finds nothing.
func TestNothingToCheck(t *testing.T) {
	t.Parallel()
	rule := func(any) []apierror.Violation { return []apierror.Violation{v("", "rule", "ran")} }
	for _, tt := range []struct {
		name  string
		table *validate.Table
	}{
		{"nil table", nil},
		{"no nodes", &validate.Table{}},
		{"only the unused node", &validate.Table{Nodes: []validate.Node{{Type: "string", MinLength: 5}}}},
		// A member whose Ref is zero, as a $ref genvalidate could not
		// resolve, has no schema.
		{"members without a schema", &validate.Table{Nodes: []validate.Node{
			1: {Type: "object", Properties: []validate.Property{{Name: "a"}, {Name: "b"}}}}}},
	} {
		got := validate.New(tt.table, rule).Check(map[string]any{"a": math.NaN(), "b": nil})
		if diff := cmp.Diff([]apierror.Violation{v("", "rule", "ran")}, got); diff != "" {
			t.Errorf("%s: violations (-want +got):\n%s", tt.name, diff)
		}
	}
	var s *validate.Schema
	if got := s.Check("x"); got != nil {
		t.Errorf("nil Schema: Check = %v, want nothing", got)
	}
}

// TestCheckConcurrent runs checks of many types at once, for the race detector.
func TestCheckConcurrent(t *testing.T) {
	t.Parallel()
	s := validate.New(&batchTable)
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

// TestOperationTables checks the tables genvalidate writes for an operation:
// its JSON request body, and its path parameters as the members of one
// object, declared by the operation or, failing that, by its path.
func TestOperationTables(t *testing.T) {
	t.Parallel()
	body := validate.New(&createOrderBody)
	if diff := cmp.Diff([]apierror.Violation{v("id", "required", "is required")}, body.Check(struct {
		ID *string `json:"id"`
	}{})); diff != "" {
		t.Errorf("body: violations (-want +got):\n%s", diff)
	}
	type params struct {
		StoreID string `json:"storeId"`
		OrderID string `json:"orderId"`
	}
	tests := []struct {
		name  string
		table *validate.Table
		in    any
		want  []apierror.Violation
	}{
		// The members are required in the order declared: the operation's,
		// then its path's.
		{"post, missing", &createOrderParams, map[string]string{},
			[]apierror.Violation{v("orderId", "required", "is required"), v("storeId", "required", "is required")}},
		{"post, short", &createOrderParams, params{OrderID: "a"}, []apierror.Violation{
			v("storeId", "minLength", "must be at least 1 characters"), v("orderId", "minLength", "must be at least 2 characters")}},
		// The operation's orderId replaces the path's, whose maxLength 4
		// does not apply.
		{"post, long", &createOrderParams, params{StoreID: "s", OrderID: "order-1"}, nil},
		{"get, long", &getOrderParams, params{StoreID: "s", OrderID: "order-1"},
			[]apierror.Violation{v("orderId", "maxLength", "must be at most 4 characters")}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, validate.New(tt.table).Check(tt.in)); diff != "" {
			t.Errorf("%s: violations (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestMembers checks the member names Table.Members finds at a path.
func TestMembers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		table *validate.Table
		path  string
		want  []string
	}{
		{&batchTable, "[0]", []string{"Internal", "customer", "hidden", "id", "items", "labels", "metadata", "tags"}},
		{&batchTable, "[12].customer", []string{"email"}},
		{&batchTable, "[0].items[1]", []string{"quantity", "sku"}},
		{&oddTable, "", []string{"ch", "fn", "iface", "intKeys", "named", "nested", "private", "ptrPtr", "sku", "when"}},
		// A member Properties does not name leads to AdditionalProperties.
		{&oddTable, "nested.anything[0]", []string{"sku"}},
		{&nodeTable, "children[0].leaf.parent", []string{"children", "leaf", "name"}},
		{&batchTable, "", nil},
		{&batchTable, "[0].nowhere", nil},
		{&batchTable, "[0].id", nil},
		{&batchTable, "[x]", nil},
		{&batchTable, "[0", nil},
		{&batchTable, "[0]..id", nil},
		{&batchTable, "[0].", nil},
		{nil, "", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.table.Members(tt.path)); diff != "" {
			t.Errorf("Members(%q) (-want +got):\n%s", tt.path, diff)
		}
	}
}
