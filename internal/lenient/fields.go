package lenient

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// structFields is what Decode knows about a struct type: the members it
// decodes, found the way encoding/json finds them.
type structFields struct {
	list    []field
	byExact map[string]*field
	byFold  map[string]*field // by foldName of the member name; first field wins
	// extra is the index of the struct's AdditionalProperties field, when it
	// has one as oapi-codegen generates it, or nil.
	extra []int
}

// field is one decodable struct field.
type field struct {
	name   string // the member name: the json tag's name, or the Go name
	tagged bool   // name came from a json tag
	index  []int  // for reflect.Value.FieldByIndex, through embedded structs
	quoted bool   // the ",string" option applies
}

// lookup returns the field that decodes the member name, or nil. Like
// encoding/json it prefers an exact match, then takes a case-insensitive
// one. A struct with AdditionalProperties matches exactly, as the
// UnmarshalJSON method oapi-codegen generates for it does, so that the
// fallback decode puts a member where the method would have put it.
func (s *structFields) lookup(name string) *field {
	if f := s.byExact[name]; f != nil || s.extra != nil {
		return f
	}
	return s.byFold[foldName(name)]
}

// fieldCache maps a struct type to its *structFields.
var fieldCache sync.Map

// cachedFields returns the fields of the struct type t, computing them once.
func cachedFields(t reflect.Type) *structFields {
	if s, ok := fieldCache.Load(t); ok {
		return s.(*structFields)
	}
	s, _ := fieldCache.LoadOrStore(t, newStructFields(t))
	return s.(*structFields)
}

func newStructFields(t reflect.Type) *structFields {
	s := &structFields{
		list:    typeFields(t),
		byExact: map[string]*field{},
		byFold:  map[string]*field{},
	}
	for i := range s.list {
		f := &s.list[i]
		s.byExact[f.name] = f
		if k := foldName(f.name); s.byFold[k] == nil {
			s.byFold[k] = f
		}
	}
	if sf, ok := t.FieldByName("AdditionalProperties"); ok && len(sf.Index) == 1 &&
		sf.Tag.Get("json") == "-" && sf.Type.Kind() == reflect.Map && sf.Type.Key().Kind() == reflect.String {
		s.extra = sf.Index
	}
	return s
}

// typeFields returns the fields encoding/json decodes for the struct type t,
// in index order. It follows encoding/json's typeFields: a breadth-first walk
// of embedded structs in which, for each member name, the shallowest field
// wins, a tagged field beats untagged ones at the same depth, and a name
// still ambiguous after that is dropped.
func typeFields(t reflect.Type) []field {
	type level struct {
		typ   reflect.Type
		index []int
	}
	var fields []field
	next := []level{{typ: t}}
	// count and nextCount record how often a struct type is embedded at the
	// current and the next depth: a type embedded twice at one depth yields
	// ambiguous names, which the dominance rule below then drops.
	var count, nextCount map[reflect.Type]int
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current := next
		next = nil
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, l := range current {
			if visited[l.typ] {
				continue
			}
			visited[l.typ] = true
			for i := range l.typ.NumField() {
				sf := l.typ.Field(i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !sf.IsExported() && (!sf.Anonymous || ft.Kind() != reflect.Struct) {
					continue // an embedded unexported struct may still promote exported fields
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !isValidTag(name) {
					name = ""
				}
				index := append(slices.Clip(l.index), i)
				if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
					nextCount[ft]++
					if nextCount[ft] == 1 {
						next = append(next, level{typ: ft, index: index})
					}
					continue
				}
				f := field{name: name, tagged: name != "", index: index, quoted: hasOption(opts, "string") && quotable(ft)}
				if f.name == "" {
					f.name = sf.Name
				}
				fields = append(fields, f)
				if count[l.typ] > 1 {
					fields = append(fields, f) // a duplicate, so the name reads as ambiguous
				}
			}
		}
	}
	return dominantFields(fields)
}

// dominantFields keeps, for each name, the field that wins under
// encoding/json's rules, and returns them in index order.
func dominantFields(fields []field) []field {
	slices.SortStableFunc(fields, func(a, b field) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := len(a.index) - len(b.index); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	var out []field
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		// fields[i] is the shallowest, tagged first; a tie with the next one
		// at the same depth and taggedness makes the name ambiguous.
		if j == i+1 || len(fields[i+1].index) != len(fields[i].index) || fields[i+1].tagged != fields[i].tagged {
			out = append(out, fields[i])
		}
		i = j
	}
	slices.SortFunc(out, func(a, b field) int { return slices.Compare(a.index, b.index) })
	return out
}

// hasOption reports whether the comma-separated tag options opts hold name.
func hasOption(opts, name string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == name {
			return true
		}
	}
	return false
}

// quotable reports whether the ",string" tag option applies to a field of
// type t: encoding/json honours it only for strings, numbers and booleans.
func quotable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// isValidTag reports whether s may name a member in a json tag; an invalid
// name falls back to the Go field name, as in encoding/json.
func isValidTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
			// Backslash and quote are reserved; other punctuation is allowed.
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// foldName returns a key under which names that encoding/json matches
// case-insensitively are equal: ASCII letters upper-cased, other runes
// mapped to the smallest rune of their simple case-folding orbit.
func foldName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			continue
		}
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		b.WriteRune(r)
	}
	return b.String()
}
