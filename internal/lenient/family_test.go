package lenient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// secret is a string no Drift may repeat: the variants plant it wherever a
// string can go.
const secret = "s3cr3t-7f3a"

// TestDecodeVariants takes a valid order document and, for every node in
// it, decodes variants in which that node alone is replaced: by null, by a
// value of each other JSON type, by a float for an integer, a string for a
// number, a number for a string, odd date formats, and, at every object, by
// the same object with an unknown member added. Each variant must decode
// without error to the strict decode of the document it should amount to
// (the original with the node converted, or dropped), with one drift at the
// node's path or, where the value fits, none.
func TestDecodeVariants(t *testing.T) {
	t.Parallel()
	original := readOrder(t)
	var doc any
	dec := json.NewDecoder(bytes.NewReader(original))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	variants := familyOf(doc, reflect.TypeFor[testResponse]())
	if len(variants) < 500 {
		t.Fatalf("only %d variants: the generator lost its way", len(variants))
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			var want testResponse
			if err := json.Unmarshal(v.expected, &want); err != nil {
				t.Fatalf("the expected document does not decode strictly: %v\n%s", err, v.expected)
			}
			var got testResponse
			drifts, err := Decode(v.doc, &got)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("value differs from the strict decode of the expected document (-want +got):\n%s\ndocument: %s", diff, v.doc)
			}
			var wantDrift []string
			if v.drift {
				wantDrift = []string{v.path}
			}
			var gotDrift []string
			for _, d := range drifts {
				gotDrift = append(gotDrift, d.Path)
				if strings.Contains(d.Problem, secret) {
					t.Errorf("drift %q repeats the value", d)
				}
			}
			if diff := cmp.Diff(wantDrift, gotDrift); diff != "" {
				t.Errorf("drift paths (-want +got):\n%s\ndrift: %q", diff, drifts)
			}
		})
	}
}

// readOrder returns the test order document.
func readOrder(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile("testdata/order.json")
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// variant is one altered document and what decoding it should give.
type variant struct {
	name     string
	path     string // the altered node's path
	doc      []byte // the altered document
	expected []byte // a document whose strict decode is the expected value
	drift    bool   // whether one drift at path is expected
}

// step is one step of a path into a document held as any.
type step struct {
	name  string
	index int // when name is ""
}

// target is what the Go type says about the node at a path.
type target struct {
	typ   reflect.Type // pointers removed; nil for a member the type ignores
	entry bool         // the node is a map entry, so dropping it leaves it out
}

// targetAt returns what the Go type t holds at path, matching member names
// exactly, as the test document spells them.
func targetAt(t reflect.Type, path []step) target {
	var tg target
	for _, s := range path {
		t = deref(t)
		tg.entry = false
		switch {
		case t == nil, t.Kind() == reflect.Interface, t == reflect.TypeFor[json.RawMessage]():
			return target{typ: t}
		case t.Kind() == reflect.Slice:
			t = t.Elem()
		case t.Kind() == reflect.Map:
			t, tg.entry = t.Elem(), true
		case t.Kind() == reflect.Struct:
			t = memberType(t, s.name, &tg.entry)
		}
	}
	tg.typ = deref(t)
	return tg
}

// memberType returns the type of the struct t's member name: a field's, the
// AdditionalProperties element type (entry set), or nil.
func memberType(t reflect.Type, name string, entry *bool) reflect.Type {
	for i := range t.NumField() {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == name {
			return f.Type
		}
	}
	if f, ok := t.FieldByName("AdditionalProperties"); ok {
		*entry = true
		return f.Type.Elem()
	}
	return nil
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// familyOf returns the variants of doc, decoded into a root of type root.
func familyOf(doc any, root reflect.Type) []variant {
	var out []variant
	var walk func(path []step, node any)
	walk = func(path []step, node any) {
		out = append(out, variantsAt(doc, root, path, node)...)
		switch node := node.(type) {
		case map[string]any:
			for _, name := range slices.Sorted(maps.Keys(node)) {
				walk(append(path[:len(path):len(path)], step{name: name}), node[name])
			}
		case []any:
			for i, child := range node {
				walk(append(path[:len(path):len(path)], step{index: i}), child)
			}
		}
	}
	walk(nil, doc)
	return out
}

// outcome is what a replacement should become.
type outcome int

const (
	fit     outcome = iota // decoded as it is, no drift
	convert                // decoded as the given equivalent, with drift
	drop                   // left out, with drift
)

// variantsAt returns the variants that replace the node at path.
func variantsAt(doc any, root reflect.Type, path []step, node any) []variant {
	tg := targetAt(root, path)
	if tg.typ == nil {
		return nil // a member the type ignores: anything goes, tested at its parent
	}
	// free reports a target that takes any JSON value as it is.
	free := tg.typ.Kind() == reflect.Interface || tg.typ == reflect.TypeFor[json.RawMessage]()
	kindOf := tg.typ.Kind()
	isTime := tg.typ == reflect.TypeFor[time.Time]()
	isInt := kindOf >= reflect.Int && kindOf <= reflect.Uint64
	isFloat := kindOf == reflect.Float32 || kindOf == reflect.Float64

	type replacement struct {
		label string
		value any
		// how the replacement fares in a target that does not take it freely,
		// and, for convert, the value it amounts to
		outcome outcome
		as      any
	}
	replacements := []replacement{{label: "null", value: nil, outcome: fit}}
	add := func(label string, value any, o outcome, as any) {
		replacements = append(replacements, replacement{label, value, o, as})
	}
	// A value of each JSON type.
	switch {
	case isTime:
		add("string", secret, drop, nil)
		add("date-only", "2023-11-07", drop, nil)
		add("date-space-time", "2023-11-07 05:31:56", drop, nil)
		add("day-first", "07/11/2023", drop, nil)
		add("unix-string", "1699335116", drop, nil)
	case kindOf == reflect.String:
		add("string", secret, fit, nil)
	default:
		add("string", secret, drop, nil)
	}
	switch {
	case isInt || isFloat:
		add("integer", json.Number("42"), fit, nil)
	case kindOf == reflect.String:
		add("integer", json.Number("42"), convert, "42")
	default:
		add("integer", json.Number("42"), drop, nil)
	}
	switch {
	case isFloat:
		add("fraction", json.Number("7.5"), fit, nil)
	case kindOf == reflect.String:
		add("fraction", json.Number("7.5"), convert, "7.5")
	default:
		add("fraction", json.Number("7.5"), drop, nil) // 7.5 for an integer, too
	}
	switch {
	case kindOf == reflect.Bool:
		add("boolean", true, fit, nil)
	case kindOf == reflect.String:
		add("boolean", true, convert, "true")
	default:
		add("boolean", true, drop, nil)
	}
	object := map[string]any{"zzMember": secret}
	if kindOf == reflect.Struct && !isTime || kindOf == reflect.Map {
		add("object", object, fit, nil)
	} else {
		add("object", object, drop, nil)
	}
	if kindOf == reflect.Slice || kindOf == reflect.Array {
		add("array", []any{}, fit, nil)
	} else {
		add("array", []any{}, drop, nil)
	}
	// Conversions of the original value.
	switch node := node.(type) {
	case json.Number:
		if lit := node.String(); !strings.ContainsAny(lit, ".eE") {
			add("float-for-integer", json.Number(lit+".0"), fit, node)
			add("exponent-for-integer", json.Number(lit+"e0"), fit, node)
		}
		add("string-for-number", node.String(), convert, node)
	case bool:
		if node {
			add("string-for-boolean", "true", convert, node)
		} else {
			add("string-for-boolean", "false", convert, node)
		}
	case map[string]any:
		if kindOf == reflect.Struct {
			unknown := any(map[string]any{"nested": []any{json.Number("1"), secret, nil}})
			if f, ok := tg.typ.FieldByName("AdditionalProperties"); ok && f.Type.Elem().Kind() == reflect.String {
				unknown = secret
			}
			add("unknown-member", withMember(node, "zzUnknown", unknown), fit, nil)
		}
	}

	var out []variant
	for _, r := range replacements {
		v := variant{
			name: renderPath(path) + ":" + r.label,
			path: renderPath(path),
			doc:  marshal(replaced(doc, path, r.value)),
		}
		o := r.outcome
		if free || r.value == nil {
			o = fit
		}
		// A float for an integer and the like amount to the original, so the
		// expected value is the original's wherever the target is typed.
		if r.as != nil && o == fit && !free {
			v.expected = marshal(replaced(doc, path, r.as))
		}
		switch o {
		case fit:
			if v.expected == nil {
				v.expected = v.doc
			}
		case convert:
			v.expected, v.drift = marshal(replaced(doc, path, r.as)), true
		case drop:
			v.drift = true
			if tg.entry {
				v.expected = marshal(deleted(doc, path))
			} else {
				v.expected = marshal(replaced(doc, path, nil))
			}
		}
		out = append(out, v)
	}
	return out
}

// withMember returns a copy of object with the member name added.
func withMember(object map[string]any, name string, value any) map[string]any {
	out := make(map[string]any, len(object)+1)
	for k, v := range object {
		out[k] = v
	}
	out[name] = value
	return out
}

// replaced returns a copy of doc with the node at path replaced by value.
func replaced(doc any, path []step, value any) any {
	if len(path) == 0 {
		return value
	}
	switch node := doc.(type) {
	case map[string]any:
		out := withMember(node, path[0].name, nil)
		out[path[0].name] = replaced(node[path[0].name], path[1:], value)
		return out
	case []any:
		out := append([]any(nil), node...)
		out[path[0].index] = replaced(node[path[0].index], path[1:], value)
		return out
	}
	panic("path leads nowhere")
}

// deleted returns a copy of doc without the object member at path.
func deleted(doc any, path []step) any {
	parent := path[:len(path)-1]
	object := withMember(at(doc, parent).(map[string]any), "", nil)
	delete(object, "")
	delete(object, path[len(path)-1].name)
	return replaced(doc, parent, object)
}

// at returns the node of doc at path.
func at(doc any, path []step) any {
	for _, s := range path {
		if s.name == "" {
			doc = doc.([]any)[s.index]
		} else {
			doc = doc.(map[string]any)[s.name]
		}
	}
	return doc
}

// renderPath renders path in Drift.Path syntax, written out again here so
// that the test does not take the syntax from the code under test.
func renderPath(path []step) string {
	var b strings.Builder
	for _, s := range path {
		switch {
		case s.name == "":
			fmt.Fprintf(&b, "[%d]", s.index)
		case b.Len() > 0:
			b.WriteString("." + s.name)
		default:
			b.WriteString(s.name)
		}
	}
	return b.String()
}

func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
