package lenient

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
)

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	numberType          = reflect.TypeFor[json.Number]()
)

// maxPointerChain bounds a chain of pointer types such as **T; a type like
// `type P *P` never ends, and encoding/json loops forever on it.
const maxPointerChain = 32

// decoder walks a parsed document and a Go value together and collects the
// drift found on the way.
type decoder struct {
	drifts []Drift
}

// add records a drift at path.
func (d *decoder) add(path, format string, args ...any) {
	d.drifts = append(d.drifts, Drift{Path: path, Problem: fmt.Sprintf(format, args...)})
}

// mismatch records that n is not what the Go value wants, and returns false:
// nothing was stored.
func (d *decoder) mismatch(path, want string, n *node) bool {
	d.add(path, "want %s, got %s", want, n.kind)
	return false
}

// value decodes n into v, which is settable, and reports whether v now holds
// the value (converted, perhaps); false means n did not fit and v is as it
// was.
func (d *decoder) value(n *node, v reflect.Value, path string) bool {
	if e, ok := heldPointer(v, n); ok {
		return d.value(n, e, path)
	}
	if n.kind == kindNull {
		return d.null(n, v, path)
	}
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		return d.pointer(n, v, path)
	}
	switch pt := reflect.PointerTo(t); {
	case pt.Implements(unmarshalerType):
		if callOnCopy(v, func(u any) error { return u.(json.Unmarshaler).UnmarshalJSON(n.raw) }) {
			return true
		}
		if !isModel(t) {
			return d.mismatch(path, t.String(), n)
		}
		// The method failed on a model struct: decode it member by member.
	case pt.Implements(textUnmarshalerType):
		if n.kind != kindString {
			return d.mismatch(path, "string", n)
		}
		if callOnCopy(v, func(u any) error { return u.(encoding.TextUnmarshaler).UnmarshalText([]byte(n.text)) }) {
			return true
		}
		return d.mismatch(path, t.String(), n)
	}
	switch t.Kind() {
	case reflect.Interface:
		return d.iface(n, v, path)
	case reflect.Struct:
		return d.structure(n, v, path)
	case reflect.Map:
		return d.mapping(n, v, path)
	case reflect.Slice:
		if n.kind == kindString && t.Elem().Kind() == reflect.Uint8 {
			return d.byteSlice(n, v, path)
		}
		return d.slice(n, v, path)
	case reflect.Array:
		return d.array(n, v, path)
	case reflect.String:
		return d.str(n, v, path)
	case reflect.Bool:
		return d.boolean(n, v, path)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return d.number(n, v, path)
	}
	d.add(path, "unsupported Go type %s", t)
	return false
}

// heldPointer returns what a pointer held in the interface v points to, when
// encoding/json would decode n into that rather than replace the pointer: v
// holds a non-nil pointer, and n is not null unless that points to another
// pointer. Like encoding/json, it stops at an interface holding a pointer to
// itself (var x any; x = &x).
func heldPointer(v reflect.Value, n *node) (reflect.Value, bool) {
	if v.Kind() != reflect.Interface || v.IsNil() {
		return reflect.Value{}, false
	}
	e := v.Elem()
	if e.Kind() != reflect.Pointer || e.IsNil() || n.kind == kindNull && e.Elem().Kind() != reflect.Pointer {
		return reflect.Value{}, false
	}
	if e.Elem().Kind() == reflect.Interface && e.Elem().Elem().Equal(e) {
		return reflect.Value{}, false
	}
	return e.Elem(), true
}

// isModel reports whether t is a struct with members of its own to decode,
// as a generated model is; a struct such as time.Time, whose fields are
// unexported, is decoded only by its methods.
func isModel(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	fields := cachedFields(t)
	return len(fields.list) > 0 || fields.extra != nil
}

// callOnCopy calls method with a pointer to a copy of v and, if it
// succeeds, stores the copy in v; a method that fails half way thus leaves
// nothing behind. Starting from a copy rather than a zero value keeps
// encoding/json's behaviour for a member that appears twice.
func callOnCopy(v reflect.Value, method func(any) error) bool {
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	if method(p.Interface()) != nil {
		return false
	}
	v.Set(p.Elem())
	return true
}

// null decodes a JSON null as encoding/json does: a pointer becomes nil, a
// type with an UnmarshalJSON method gets to see the null, a map, slice or
// interface becomes nil, and anything else stays as it was.
func (d *decoder) null(n *node, v reflect.Value, path string) bool {
	switch {
	case v.Kind() == reflect.Pointer:
		v.SetZero()
	case reflect.PointerTo(v.Type()).Implements(unmarshalerType):
		if !callOnCopy(v, func(u any) error { return u.(json.Unmarshaler).UnmarshalJSON(n.raw) }) {
			return d.mismatch(path, v.Type().String(), n)
		}
	case v.Kind() == reflect.Map, v.Kind() == reflect.Slice, v.Kind() == reflect.Interface:
		v.SetZero()
	}
	return true
}

// pointer decodes n into what the pointer v points to, allocating it when v
// is nil; v stays nil if n does not fit.
func (d *decoder) pointer(n *node, v reflect.Value, path string) bool {
	if pointerChain(v.Type()) > maxPointerChain {
		d.add(path, "unsupported Go type %s", v.Type())
		return false
	}
	if !v.IsNil() {
		return d.value(n, v.Elem(), path)
	}
	p := reflect.New(v.Type().Elem())
	if !d.value(n, p.Elem(), path) {
		return false
	}
	v.Set(p)
	return true
}

// pointerChain returns how many pointer types t leads through, counting up
// to one past maxPointerChain.
func pointerChain(t reflect.Type) int {
	n := 0
	for ; t.Kind() == reflect.Pointer && n <= maxPointerChain; t = t.Elem() {
		n++
	}
	return n
}

// iface decodes n into an interface as encoding/json does: an empty
// interface gets map[string]any, []any, float64, string or bool.
func (d *decoder) iface(n *node, v reflect.Value, path string) bool {
	var x any
	if v.NumMethod() != 0 || json.Unmarshal(n.raw, &x) != nil {
		return d.mismatch(path, v.Type().String(), n)
	}
	v.Set(reflect.ValueOf(x))
	return true
}

// structure decodes an object into a struct, member by member. Unknown
// members go to AdditionalProperties when the struct has it, and are
// ignored otherwise.
func (d *decoder) structure(n *node, v reflect.Value, path string) bool {
	if n.kind != kindObject {
		return d.mismatch(path, "object", n)
	}
	fields := cachedFields(v.Type())
	for i := range n.members {
		m := &n.members[i]
		mpath := memberPath(path, m.name)
		f := fields.lookup(m.name)
		if f == nil {
			if fields.extra != nil {
				extra := v.FieldByIndex(fields.extra)
				if extra.IsNil() {
					extra.Set(reflect.MakeMap(extra.Type()))
				}
				d.entry(&m.value, extra, reflect.ValueOf(m.name).Convert(extra.Type().Key()), mpath)
			}
			continue
		}
		fv, ok := fieldByIndex(v, f.index)
		if !ok {
			d.add(mpath, "Go field unreachable: nil pointer to an unexported embedded struct")
			continue
		}
		value := &m.value
		if f.quoted {
			if inner, ok := unquote(value); ok {
				value = inner
			}
		}
		d.value(value, fv, mpath)
	}
	return true
}

// fieldByIndex returns the field of the struct v at index, allocating nil
// embedded pointers on the way as encoding/json does. It fails on a nil
// pointer to an unexported embedded struct, which cannot be set.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// unquote returns the JSON value held as text in the string n, for a field
// tagged ",string"; ok is false when n holds no single JSON scalar, and the
// member is then decoded as it stands.
func unquote(n *node) (inner *node, ok bool) {
	if n.kind != kindString || !json.Valid([]byte(n.text)) {
		return nil, false
	}
	inner, err := parse([]byte(n.text), 0)
	return inner, err == nil
}

// mapping decodes an object into a map; an entry whose value does not fit
// is left out.
func (d *decoder) mapping(n *node, v reflect.Value, path string) bool {
	if n.kind != kindObject {
		return d.mismatch(path, "object", n)
	}
	kt := v.Type().Key()
	if !mapKeyDecodable(kt) {
		d.add(path, "unsupported Go type %s", v.Type())
		return false
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for i := range n.members {
		m := &n.members[i]
		mpath := memberPath(path, m.name)
		key, ok := mapKey(kt, m.name)
		if !ok {
			d.add(mpath, "member name does not fit Go key type %s", kt)
			continue
		}
		d.entry(&m.value, v, key, mpath)
	}
	return true
}

// entry decodes n into a fresh value of the map m's element type and stores
// it under key if it fits.
func (d *decoder) entry(n *node, m, key reflect.Value, path string) {
	elem := reflect.New(m.Type().Elem()).Elem()
	if d.value(n, elem, path) {
		m.SetMapIndex(key, elem)
	}
}

// mapKeyDecodable reports whether encoding/json decodes object members into
// maps with keys of type kt.
func mapKeyDecodable(kt reflect.Type) bool {
	switch kt.Kind() {
	case reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return reflect.PointerTo(kt).Implements(textUnmarshalerType)
}

// mapKey converts a member name to a map key of type kt, as encoding/json
// does: through UnmarshalText if kt has it, else as a string or a decimal
// integer.
func mapKey(kt reflect.Type, name string) (reflect.Value, bool) {
	k := reflect.New(kt)
	if u, ok := k.Interface().(encoding.TextUnmarshaler); ok {
		return k.Elem(), u.UnmarshalText([]byte(name)) == nil
	}
	k = k.Elem()
	switch kt.Kind() {
	case reflect.String:
		k.SetString(name)
		return k, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(name, 10, 64)
		if err != nil || k.OverflowInt(i) {
			return k, false
		}
		k.SetInt(i)
	default:
		u, err := strconv.ParseUint(name, 10, 64)
		if err != nil || k.OverflowUint(u) {
			return k, false
		}
		k.SetUint(u)
	}
	return k, true
}

// slice decodes an array into a slice in place, as encoding/json does, so
// elements already there are decoded into rather than replaced. An element
// that does not fit is left at its zero value, and indexes keep their
// meaning.
func (d *decoder) slice(n *node, v reflect.Value, path string) bool {
	if n.kind != kindArray {
		return d.mismatch(path, "array", n)
	}
	if len(n.elems) == 0 {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		return true
	}
	old := v.Len()
	if len(n.elems) > v.Cap() {
		v.Grow(len(n.elems) - old)
	}
	v.SetLen(len(n.elems))
	for i := old; i < v.Len(); i++ {
		v.Index(i).SetZero()
	}
	for i := range n.elems {
		d.value(&n.elems[i], v.Index(i), indexPath(path, i))
	}
	return true
}

// array decodes an array into a Go array: elements beyond its length are
// ignored and missing ones are zeroed, as in encoding/json.
func (d *decoder) array(n *node, v reflect.Value, path string) bool {
	if n.kind != kindArray {
		return d.mismatch(path, "array", n)
	}
	for i := range v.Len() {
		if i < len(n.elems) {
			d.value(&n.elems[i], v.Index(i), indexPath(path, i))
		} else {
			v.Index(i).SetZero()
		}
	}
	return true
}

// byteSlice decodes a string into a byte slice as base64, as encoding/json does.
func (d *decoder) byteSlice(n *node, v reflect.Value, path string) bool {
	b, err := base64.StdEncoding.DecodeString(n.text)
	if err != nil {
		d.add(path, "want base64 string, got string that is not base64")
		return false
	}
	v.SetBytes(b)
	return true
}

// str decodes into a string type. A number or a boolean keeps its JSON
// text, reported, so an id sent as a number still arrives.
func (d *decoder) str(n *node, v reflect.Value, path string) bool {
	isNumberType := v.Type() == numberType
	switch n.kind {
	case kindString:
		if isNumberType && !isNumber(n.text) {
			return d.mismatch(path, "number", n)
		}
		v.SetString(n.text)
		return true
	case kindNumber:
		v.SetString(n.text)
		if !isNumberType {
			d.add(path, "want string, got number; kept its text")
		}
		return true
	case kindBool:
		v.SetString(strconv.FormatBool(n.truth))
		d.add(path, "want string, got boolean; kept its text")
		return true
	}
	if isNumberType {
		return d.mismatch(path, "number", n)
	}
	return d.mismatch(path, "string", n)
}

// boolean decodes into a bool; the strings "true" and "false" are parsed,
// reported.
func (d *decoder) boolean(n *node, v reflect.Value, path string) bool {
	switch {
	case n.kind == kindBool:
		v.SetBool(n.truth)
		return true
	case n.kind == kindString && (n.text == "true" || n.text == "false"):
		v.SetBool(n.text == "true")
		d.add(path, "want boolean, got string; parsed it")
		return true
	}
	return d.mismatch(path, "boolean", n)
}

// number decodes into an integer or float type. A string holding a JSON
// number is parsed, reported; an integer type takes an integral number
// written with a fraction or an exponent (2.0, 2e0) silently.
func (d *decoder) number(n *node, v reflect.Value, path string) bool {
	want := "integer"
	if k := v.Kind(); k == reflect.Float32 || k == reflect.Float64 {
		want = "number"
	}
	got := "number"
	switch {
	case n.kind == kindNumber:
	case n.kind == kindString && isNumber(n.text):
		got = "string holding a number"
	default:
		return d.mismatch(path, want, n)
	}
	switch storeNumber(v, n.text) {
	case fractional:
		d.add(path, "want %s, got %s with a fraction", want, got)
		return false
	case outOfRange:
		d.add(path, "want %s, got %s out of its range", v.Kind(), got)
		return false
	}
	if n.kind == kindString {
		d.add(path, "want %s, got string; parsed it", want)
	}
	return true
}

// memberPath returns the path of the member name of the object at path.
func memberPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// indexPath returns the path of element i of the array at path.
func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
