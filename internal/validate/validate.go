// Package validate checks typed Go requests against the constraints of an
// OpenAPI schema before they are sent.
//
// The constraints are read from the spec by tools/cmd/genvalidate, at go
// generate time, into a [Table] in each vendor package; nothing parses a spec
// at run time. A Schema turns its table into the form the walk needs at its
// first check; a check walks the Go value with reflection and never
// re-encodes it, so that validation costs little next to the request itself.
// Field names are matched through the json tags the generator wrote, so a
// violation's path is the JSON path the vendor would see.
package validate

import (
	"fmt"
	"maps"
	"math"
	"net"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// Rule is a constraint the spec cannot express, such as "customerId or
// customer". It returns the violations it finds in v, nil when there are none.
type Rule func(v any) []apierror.Violation

// RuleFor makes a Rule of check, a rule on a T. The Rule applies it to a
// value Check is given as a T or a *T, and finds nothing in any other.
func RuleFor[T any](check func(*T) []apierror.Violation) Rule {
	return func(v any) []apierror.Violation {
		switch r := v.(type) {
		case *T:
			if r != nil {
				return check(r)
			}
		case T:
			return check(&r)
		}
		return nil
	}
}

// Schema checks values against a Table and extra rules. It is safe for
// concurrent use. A nil Schema finds no violations.
type Schema struct {
	table *Table
	rules []Rule

	// compiled is set once, by the first Check.
	compiled sync.Once
	root     *node // nil: the table constrains nothing
	err      error // why the table could not be compiled
}

// New returns the Schema of table, whose extra rules run after the table's
// own checks, on the same value. It only keeps its arguments, so that a
// package variable built with it costs nothing at start-up: the table is
// compiled by the first Check, which panics if the table is not valid (a
// pattern Go cannot compile, a Ref beyond the table), a bug in the SDK that
// genvalidate's own checks and every test of the package catch.
func New(table *Table, rules ...Rule) *Schema {
	return &Schema{table: table, rules: rules}
}

// node holds one schema's constraints in the form the walk needs: the
// table's Node, with its Refs turned into pointers, its pattern compiled and
// its enum made a set.
type node struct {
	Node
	propNodes      map[string]*node
	additionalNode *node
	itemNode       *node
	re             *regexp.Regexp
	enumSet        map[string]bool
	enumText       string
	plans          sync.Map // reflect.Type -> *plan
	// lastPlan is the plan planFor returned last: a node is checked
	// against one Go type nearly always, and comparing the type costs
	// less than the sync.Map's hashing of it.
	lastPlan atomic.Pointer[plan]
}

// Check returns every violation in v, in a stable order, or nil. v may be a
// pointer to the value, which saves copying a large struct into an interface.
func (s *Schema) Check(v any) []apierror.Violation {
	if s == nil {
		return nil
	}
	s.compiled.Do(func() {
		if s.root, s.err = s.table.compile(); s.err != nil {
			s.err = fmt.Errorf("validate: invalid table: %w", s.err)
		}
	})
	if s.err != nil {
		panic(s.err)
	}
	var w walker
	if s.root != nil {
		s.root.check(&w, reflect.ValueOf(v))
	}
	for _, r := range s.rules {
		w.out = append(w.out, r(v)...)
	}
	return w.out
}

// walker collects violations. The path of the value under check is kept as a
// stack of segments and rendered only when a violation is found, so that a
// valid request, the common case, costs no string building.
type walker struct {
	out []apierror.Violation
	// depth is the number of segments in the path: the first ones are in
	// near, which lives with the walker on the stack, and the rest, on a
	// path deeper than any vendor's body, in far.
	depth int
	near  [8]segment
	far   []segment
}

// segment is one step of a path: a member name, or an index when name is "".
type segment struct {
	name  string
	index int
}

func (w *walker) push(name string) { w.pushSegment(segment{name: name}) }
func (w *walker) pushIndex(i int)  { w.pushSegment(segment{index: i}) }
func (w *walker) pop()             { w.depth-- }

func (w *walker) pushSegment(s segment) {
	if w.depth < len(w.near) {
		w.near[w.depth] = s
	} else {
		w.far = append(w.far[:w.depth-len(w.near)], s)
	}
	w.depth++
}

// path renders the current path, such as "[0].items[2].sku".
func (w *walker) path() string {
	var b strings.Builder
	for i := range w.depth {
		s := w.segment(i)
		if s.name == "" {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	}
	return b.String()
}

// segment returns the path's segment i.
func (w *walker) segment(i int) segment {
	if i < len(w.near) {
		return w.near[i]
	}
	return w.far[i-len(w.near)]
}

func (w *walker) add(rule, format string, args ...any) {
	w.out = append(w.out, apierror.Violation{Path: w.path(), Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// addMember reports a violation of the member name of the current value.
func (w *walker) addMember(name, rule, format string, args ...any) {
	w.push(name)
	w.add(rule, format, args...)
	w.pop()
}

func (n *node) check(w *walker, v reflect.Value) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			if !n.Nullable && n.Type != "" {
				w.add("type", "must not be null")
			}
			return
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		n.checkStruct(w, v)
	case reflect.Map:
		n.checkMap(w, v)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			if !n.Nullable && n.Type != "" {
				w.add("type", "must not be null")
			}
			return
		}
		n.checkSlice(w, v)
	case reflect.String:
		n.checkString(w, v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n.checkNumber(w, float64(v.Int()), func() string { return strconv.FormatInt(v.Int(), 10) })
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n.checkNumber(w, float64(v.Uint()), func() string { return strconv.FormatUint(v.Uint(), 10) })
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			w.add("type", "must be a finite number")
			return
		}
		n.checkNumber(w, f, func() string { return strconv.FormatFloat(f, 'f', -1, 64) })
	}
}

var timeType = reflect.TypeOf(time.Time{})

func (n *node) checkStruct(w *walker, v reflect.Value) {
	p := n.planFor(v.Type())
	for _, r := range p.required {
		if r.index == nil || absent(v.FieldByIndex(r.index)) {
			w.addMember(r.name, "required", "is required")
		}
	}
	for _, f := range p.fields {
		fv := v.FieldByIndex(f.index)
		if absent(fv) {
			continue // reported above when required; an absent optional field is fine
		}
		w.push(f.name)
		f.child.check(w, fv)
		w.pop()
	}
}

// plan is how a schema node applies to one Go struct type: which fields carry
// its required members and which have constraints of their own. It is built
// once per (node, type), so that checking a struct does no name lookups.
type plan struct {
	typ      reflect.Type
	required []plannedField // index nil: the type has no such field
	fields   []plannedField
}

type plannedField struct {
	name  string
	index []int
	child *node
}

func (n *node) planFor(t reflect.Type) *plan {
	if p := n.lastPlan.Load(); p != nil && p.typ == t {
		return p
	}
	if p, ok := n.plans.Load(t); ok {
		n.lastPlan.Store(p.(*plan))
		return p.(*plan)
	}
	fields := fieldsOf(t)
	p := &plan{typ: t}
	for _, name := range n.Required {
		f, ok := fields.byName[name]
		if ok && !canBeAbsent(t.FieldByIndex(f.index).Type.Kind()) {
			continue // always present: nothing to check
		}
		p.required = append(p.required, plannedField{name: name, index: f.index})
	}
	for _, f := range fields.list {
		if child, ok := n.propNodes[f.name]; ok && !child.checksNothing(t.FieldByIndex(f.index).Type) {
			p.fields = append(p.fields, plannedField{name: f.name, index: f.index, child: child})
		}
	}
	actual, _ := n.plans.LoadOrStore(t, p)
	n.lastPlan.Store(actual.(*plan))
	return actual.(*plan)
}

// checksNothing reports whether checking a present field of type t against n
// can find no violation: n has no constraint, and t holds no float, whose
// NaN and infinities are refused without one. A plan leaves such fields out,
// so that a struct's unconstrained members cost nothing.
func (n *node) checksNothing(t reflect.Type) bool {
	unconstrained := n.enumSet == nil && n.MinLength == 0 && !n.HasMaxLength && n.re == nil && n.Format == "" &&
		!n.HasMinimum && !n.HasMaximum && n.Required == nil && n.propNodes == nil && n.additionalNode == nil &&
		!n.HasMaxProperties && n.MinProperties == 0 && n.MaxKeyLength == 0 && n.itemNode == nil && n.MinItems == 0 && !n.HasMaxItems
	if !unconstrained {
		return false
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Interface, reflect.Struct, reflect.Array:
		// A struct or an array may hold floats.
		return false
	}
	return true
}

func (n *node) checkMap(w *walker, v reflect.Value) {
	if v.IsNil() {
		if !n.Nullable && n.Type != "" {
			w.add("type", "must not be null")
		}
		return
	}
	count := uint64(v.Len())
	if n.HasMaxProperties && count > n.MaxProperties {
		w.add("maxProperties", "must have at most %d keys", n.MaxProperties)
	}
	if count < n.MinProperties {
		w.add("minProperties", "must have at least %d keys", n.MinProperties)
	}
	if v.Type().Key().Kind() != reflect.String {
		return
	}
	if n.MaxKeyLength == 0 && n.propNodes == nil && n.additionalNode == nil && n.Required == nil {
		return // nothing to check per key, as for free-form metadata
	}
	// Go's map order is random; violations are reported in key order. A
	// valid map, the common case, is walked once in map order, and a map
	// with violations is walked again, sorted, in place of that walk.
	found := len(w.out)
	n.checkEntries(w, v, false)
	if len(w.out) > found {
		w.out = w.out[:found]
		n.checkEntries(w, v, true)
	}
	for _, name := range n.Required {
		// Convert, so that a map keyed by a named string type (an enum) is
		// looked up rather than a panic.
		if !v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key())).IsValid() {
			w.addMember(name, "required", "is required")
		}
	}
}

// checkEntries checks each member of m, a map keyed by strings, in key order
// when sorted is set.
func (n *node) checkEntries(w *walker, m reflect.Value, sorted bool) {
	if t := m.Type(); t.Key() == stringType && t.Elem() == stringType && m.CanInterface() {
		// String maps, such as metadata, are walked without reflection,
		// which copies each key and value to the heap. A map of a named
		// type is assignable to map[string]string.
		var strs map[string]string
		reflect.ValueOf(&strs).Elem().Set(m)
		if !sorted {
			for k, e := range strs {
				n.checkStringEntry(w, k, e)
			}
			return
		}
		for _, k := range slices.Sorted(maps.Keys(strs)) {
			n.checkStringEntry(w, k, strs[k])
		}
		return
	}
	if !sorted {
		// One key and one value, set in turn to each entry's.
		k, e := reflect.New(m.Type().Key()).Elem(), reflect.New(m.Type().Elem()).Elem()
		for iter := m.MapRange(); iter.Next(); {
			k.SetIterKey(iter)
			e.SetIterValue(iter)
			n.checkEntry(w, k.String(), e)
		}
		return
	}
	keys := m.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	for _, k := range keys {
		n.checkEntry(w, k.String(), m.MapIndex(k))
	}
}

var stringType = reflect.TypeFor[string]()

// checkEntry checks the member key of a map, whose value is e.
func (n *node) checkEntry(w *walker, key string, e reflect.Value) {
	w.push(key)
	if child := n.member(w, key); child != nil {
		child.check(w, e)
	}
	w.pop()
}

// checkStringEntry is checkEntry for a string value.
func (n *node) checkStringEntry(w *walker, key, e string) {
	w.push(key)
	if child := n.member(w, key); child != nil {
		child.checkString(w, e)
	}
	w.pop()
}

// member checks the key of the map member under check, and returns the
// schema of its value, or nil when the schema says nothing of it.
func (n *node) member(w *walker, key string) *node {
	if n.MaxKeyLength > 0 && len(key) > n.MaxKeyLength && utf8.RuneCountInString(key) > n.MaxKeyLength {
		w.add("maxKeyLength", "key must be at most %d characters", n.MaxKeyLength)
	}
	if child, ok := n.propNodes[key]; ok {
		return child
	}
	return n.additionalNode
}

func (n *node) checkSlice(w *walker, v reflect.Value) {
	count := uint64(v.Len())
	if count < n.MinItems {
		w.add("minItems", "must have at least %d items", n.MinItems)
	}
	if n.HasMaxItems && count > n.MaxItems {
		w.add("maxItems", "must have at most %d items", n.MaxItems)
	}
	if n.itemNode == nil {
		return
	}
	for i := 0; i < v.Len(); i++ {
		w.pushIndex(i)
		n.itemNode.check(w, v.Index(i))
		w.pop()
	}
}

func (n *node) checkString(w *walker, s string) {
	if n.enumSet != nil && !n.enumSet[s] {
		w.add("enum", "must be one of: %s", n.enumText)
	}
	// A string has at most as many characters as bytes, and at least a
	// quarter as many: most are counted only when their byte length says
	// they might break a limit.
	if n.MinLength > 0 && uint64(len(s)) < 4*n.MinLength || n.HasMaxLength && uint64(len(s)) > n.MaxLength {
		length := uint64(utf8.RuneCountInString(s))
		if length < n.MinLength {
			w.add("minLength", "must be at least %d characters", n.MinLength)
		}
		if n.HasMaxLength && length > n.MaxLength {
			w.add("maxLength", "must be at most %d characters", n.MaxLength)
		}
	}
	if n.re != nil && !n.re.MatchString(s) {
		w.add("pattern", "must match %s", n.Pattern)
	}
	if n.Format != "" && s != "" && !validFormat(n.Format, s) {
		w.add("format", "must be a valid %s", n.Format)
	}
}

func (n *node) checkNumber(w *walker, f float64, text func() string) {
	if n.enumSet != nil && !n.enumSet[text()] {
		w.add("enum", "must be one of: %s", n.enumText)
	}
	if n.HasMinimum {
		if n.ExclusiveMinimum && f <= n.Minimum {
			w.add("exclusiveMinimum", "must be greater than %v", n.Minimum)
		} else if f < n.Minimum {
			w.add("minimum", "must be at least %v", n.Minimum)
		}
	}
	if n.HasMaximum {
		if n.ExclusiveMaximum && f >= n.Maximum {
			w.add("exclusiveMaximum", "must be less than %v", n.Maximum)
		} else if f > n.Maximum {
			w.add("maximum", "must be at most %v", n.Maximum)
		}
	}
}

// validFormat knows the formats the specs use; an unknown format passes, as
// the OpenAPI specification says it must.
func validFormat(format, s string) bool {
	switch format {
	case "email":
		return validEmail(s)
	case "uuid":
		return validUUID(s)
	case "uri", "url":
		return validURI(s)
	case "date-time":
		_, err := time.Parse(time.RFC3339, s)
		return err == nil
	case "date":
		_, err := time.Parse(time.DateOnly, s)
		return err == nil
	case "ipv4":
		ip := net.ParseIP(s)
		return ip != nil && ip.To4() != nil
	case "ipv6":
		ip := net.ParseIP(s)
		return ip != nil && strings.Contains(s, ":")
	case "ip":
		return net.ParseIP(s) != nil
	}
	return true
}

// canBeAbsent reports whether a field of kind k can be absent: whether it
// can hold nil.
func canBeAbsent(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return true
	}
	return false
}

// absent reports whether a field would be left out of the JSON or sent as null.
func absent(v reflect.Value) bool {
	return canBeAbsent(v.Kind()) && v.IsNil()
}

type field struct {
	name  string
	index []int
}

type fieldSet struct {
	list   []field
	byName map[string]field
}

var fieldCache sync.Map // reflect.Type -> *fieldSet

// fieldsOf maps a struct's JSON names to its fields, once per type.
func fieldsOf(t reflect.Type) *fieldSet {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(*fieldSet)
	}
	fs := &fieldSet{byName: map[string]field{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f := field{name: name, index: sf.Index}
		fs.list = append(fs.list, f)
		fs.byName[name] = f
	}
	actual, _ := fieldCache.LoadOrStore(t, fs)
	return actual.(*fieldSet)
}

// DotSegment returns the violation "dotSegment" at path when value, a path
// parameter, is "." or "..": path escaping leaves those alone, and URL
// resolution would then drop or climb the segment, sending the request to
// another endpoint.
func DotSegment(path, value string) []apierror.Violation {
	if value != "." && value != ".." {
		return nil
	}
	return []apierror.Violation{{Path: path, Rule: "dotSegment",
		Message: `must not be "." or "..", which URL resolution would remove from the path`}}
}
