package reliability

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// TestConstraintWalk walks each vendor's spec (the one its fake embeds and
// validates with, kin-openapi) and, for every constraint on the create
// operation's request body and path parameters, breaks that one constraint
// in a valid sample order (<vendor>test.FullOrder, ...). It sends each
// violation twice: WithoutValidation, to ask the fake, and with the client's
// own validation. Whatever the fake refuses, the client must refuse first,
// with a *ValidationError and nothing sent. (The client may be stricter than
// the fake; the log counts those.)
func TestConstraintWalk(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			doc, err := k.spec()
			if err != nil {
				t.Fatal(err)
			}
			srv := k.start(t, fakeConfig{})
			strict := k.dialFake(t, srv)
			lax := k.dialFake(t, srv, withoutValidation())
			var bases []any
			for _, b := range k.sampleJSON(t) {
				var v any
				if err := json.Unmarshal(b, &v); err != nil {
					t.Fatal(err)
				}
				bases = append(bases, v)
			}
			counts := map[string]int{}
			cons := constraints(t, doc, k.op)
			for _, con := range cons {
				base, path, ok := pickBase(bases, con)
				if !ok {
					counts["no place in the samples"]++
					continue
				}
				for _, p := range violations(con, base, path) {
					params := map[string]string{}
					for name, v := range k.params {
						params[name] = v
					}
					body := base
					if con.param != "" {
						params[con.param] = fmt.Sprint(p.value)
					} else {
						body = apply(base, path, p)
					}
					b, err := json.Marshal(body)
					if err != nil {
						t.Fatal(err)
					}
					if strictUnmarshal(b, k.request()) != nil {
						// The Go type cannot carry the value at all.
						counts["not expressible in Go"]++
						continue
					}
					what := fmt.Sprintf("%s = %s", con, show(p))
					_, laxErr := lax.createJSON(context.Background(), params, b)
					if !errors.Is(laxErr, apierror.ErrInvalidRequest) || k.view(laxErr).api == nil {
						if laxErr != nil && k.view(laxErr).validation == nil {
							t.Errorf("%s: the fake answered %v, want a 400 or an order", what, laxErr)
						}
						_, err := strict.createJSON(context.Background(), params, b)
						if k.view(err).validation != nil {
							counts["fake accepts, client refuses"]++
						} else {
							counts["both accept"]++
						}
						continue
					}
					counts["fake refuses"]++
					before := srv.Requests()
					_, err = strict.createJSON(context.Background(), params, b)
					if k.view(err).validation == nil {
						t.Errorf("%s: the fake refuses it (%v), and the client gave %v, want a *ValidationError", what, laxErr, err)
					}
					if srv.Requests() != before {
						t.Errorf("%s: the client sent an order the fake refuses", what)
					}
				}
			}
			t.Logf("%s: %d constraints: %s", k.name, len(cons), tally(counts))
			if counts["fake refuses"] == 0 {
				t.Errorf("no violation the fake refuses: the walk tests nothing")
			}
		})
	}
}

// constraint is one rule a spec puts on one place of a request.
type constraint struct {
	// param names the path parameter the rule is on; empty for the body.
	param string
	// path leads to the value in the body: member names, array indexes, and
	// anyKey for a map's entries.
	path []any
	// rule is the constraint's keyword.
	rule   string
	schema *openapi3.Schema
}

type wildcard struct{}

// anyKey stands for an entry of a map (additionalProperties) in a path.
var anyKey = wildcard{}

func (c constraint) String() string {
	if c.param != "" {
		return "{" + c.param + "} " + c.rule
	}
	return fmt.Sprintf("%v %s", c.path, c.rule)
}

// constraints lists the constraints of op's request body and path
// parameters.
func constraints(t *testing.T, doc *openapi3.T, op string) []constraint {
	t.Helper()
	o := doc.Paths.Find(op).Post
	var out []constraint
	for _, p := range o.Parameters {
		if p.Value.In != openapi3.ParameterInPath || p.Value.Schema == nil {
			continue
		}
		for _, r := range rulesOf(p.Value.Schema.Value) {
			out = append(out, constraint{param: p.Value.Name, rule: r, schema: p.Value.Schema.Value})
		}
	}
	body := o.RequestBody.Value.Content.Get("application/json").Schema.Value
	var walk func(s *openapi3.Schema, path []any, stack map[*openapi3.Schema]bool)
	walk = func(s *openapi3.Schema, path []any, stack map[*openapi3.Schema]bool) {
		if stack[s] {
			return
		}
		stack[s] = true
		defer delete(stack, s)
		for _, r := range rulesOf(s) {
			out = append(out, constraint{path: path, rule: r, schema: s})
		}
		for _, name := range s.Required {
			if p := s.Properties[name]; p != nil && p.Value != nil {
				out = append(out, constraint{path: with(path, name), rule: "required", schema: p.Value})
			}
		}
		names := make([]string, 0, len(s.Properties))
		for name := range s.Properties {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if p := s.Properties[name]; p != nil && p.Value != nil {
				walk(p.Value, with(path, name), stack)
			}
		}
		if s.Items != nil && s.Items.Value != nil {
			walk(s.Items.Value, with(path, 0), stack)
		}
		if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil {
			walk(ap.Value, with(path, anyKey), stack)
		}
	}
	walk(body, nil, map[*openapi3.Schema]bool{})
	if len(out) == 0 {
		t.Fatalf("no constraint found for %s", op)
	}
	return out
}

func with(path []any, tok any) []any { return append(append([]any(nil), path...), tok) }

// rulesOf names the constraints s puts on its value.
func rulesOf(s *openapi3.Schema) []string {
	var r []string
	add := func(ok bool, rule string) {
		if ok {
			r = append(r, rule)
		}
	}
	add(s.MinLength > 0, "minLength")
	add(s.MaxLength != nil, "maxLength")
	add(s.Pattern != "", "pattern")
	add(s.Type.Is("string") && s.Format != "", "format")
	add(len(s.Enum) > 0, "enum")
	add(s.Min != nil && !s.ExclusiveMin.IsTrue(), "minimum")
	add((s.Min != nil && s.ExclusiveMin.IsTrue()) || s.ExclusiveMin.Value != nil, "exclusiveMinimum")
	add(s.Max != nil && !s.ExclusiveMax.IsTrue(), "maximum")
	add((s.Max != nil && s.ExclusiveMax.IsTrue()) || s.ExclusiveMax.Value != nil, "exclusiveMaximum")
	add(s.MultipleOf != nil, "multipleOf")
	add(s.MinItems > 0, "minItems")
	add(s.MaxItems != nil, "maxItems")
	add(s.UniqueItems, "uniqueItems")
	add(s.MinProps > 0, "minProperties")
	add(s.MaxProps != nil, "maxProperties")
	_, ok := s.Extensions[validate.MaxKeyLengthExtension]
	add(ok, "maxKeyLength")
	return r
}

// probe is one value to put where a constraint is.
type probe struct {
	value any
	// remove takes the member out instead.
	remove bool
	// key, when set, replaces the map at the path with {key: value}.
	key string
}

func show(p probe) string {
	if p.remove {
		return "(removed)"
	}
	b, _ := json.Marshal(p.value)
	s := string(b)
	if p.key != "" {
		s = fmt.Sprintf("{%q: %s}", p.key, s)
	}
	if len(s) > 60 {
		s = fmt.Sprintf("%s... (%d bytes)", s[:40], len(s))
	}
	return s
}

// violations returns values that break con, and only con as far as they
// can, at path in base.
func violations(con constraint, base any, path []any) []probe {
	s := con.schema
	current, _ := nodeAtPath(base, path)
	values := func(vs ...any) []probe {
		var out []probe
		for _, v := range vs {
			out = append(out, probe{value: v})
		}
		return out
	}
	integer := s.Type.Is("integer")
	step := func(x float64, dir float64) any {
		if integer {
			return int64(x) + int64(dir)
		}
		return math.Nextafter(x, math.Inf(int(dir)))
	}
	num := func(x float64) any {
		if integer {
			return int64(x)
		}
		return x
	}
	array := func(n int) any {
		a, _ := current.([]any)
		out := make([]any, 0, n)
		for i := 0; i < n && len(a) > 0; i++ {
			out = append(out, a[0])
		}
		return out
	}
	entry := func() any {
		if m, ok := current.(map[string]any); ok {
			for _, v := range m {
				return v
			}
		}
		return "v"
	}
	object := func(n int) any {
		out := map[string]any{}
		for i := range n {
			out[fmt.Sprintf("k%02d", i)] = entry()
		}
		return out
	}
	// Two bytes a character: lengths count characters, not bytes.
	str := func(n int) string { return strings.Repeat("é", max(n, 0)) }
	switch con.rule {
	case "required":
		return []probe{{remove: true}}
	case "minLength":
		return values(str(int(s.MinLength) - 1))
	case "maxLength":
		return values(str(int(*s.MaxLength) + 1))
	case "pattern":
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return nil
		}
		var out []probe
		cur, _ := current.(string)
		for _, v := range []string{"!" + cur, cur + "!", cur + "\n", " " + cur, "~", ""} {
			if !re.MatchString(v) {
				out = append(out, probe{value: v})
			}
		}
		return out
	case "format":
		return values(badFormats[s.Format]...)
	case "enum":
		if s.Type.Is("string") {
			return values("not-in-enum", "")
		}
		return values(-12345)
	case "minimum":
		return values(step(*s.Min, -1))
	case "exclusiveMinimum":
		m := s.Min
		if s.ExclusiveMin.Value != nil {
			m = s.ExclusiveMin.Value
		}
		return values(num(*m))
	case "maximum":
		return values(step(*s.Max, +1))
	case "exclusiveMaximum":
		m := s.Max
		if s.ExclusiveMax.Value != nil {
			m = s.ExclusiveMax.Value
		}
		return values(num(*m))
	case "multipleOf":
		return values(*s.MultipleOf * 1.5)
	case "minItems":
		return values(array(int(s.MinItems) - 1))
	case "maxItems":
		return values(array(int(*s.MaxItems) + 1))
	case "uniqueItems":
		return values(array(2))
	case "minProperties":
		return values(object(int(s.MinProps) - 1))
	case "maxProperties":
		return values(object(int(*s.MaxProps) + 1))
	case "maxKeyLength":
		n, _ := s.Extensions[validate.MaxKeyLengthExtension].(float64)
		return []probe{{key: str(int(n) + 1), value: entry()}}
	}
	return nil
}

// badFormats are values that break a string format.
var badFormats = map[string][]any{
	"email":     {"not-an-email", "a@", "@example.com", "a b@example.com"},
	"uuid":      {"not-a-uuid", "3c90c3cc-0d44-4b50-8888-8dd25736052", "3c90c3cc-0d44-4b50-8888-8dd25736052g"},
	"uri":       {"not a uri", "/relative/path"},
	"url":       {"not a uri", "/relative/path"},
	"date-time": {"2024-11-07", "yesterday", "2024-13-07T11:57:25Z"},
	"date":      {"2024-11-07T11:57:25Z", "07/11/2024", "2024-02-30"},
}

// pickBase finds a sample order with a place for the constraint: one that
// has the value itself, else one that has its parent. It returns the path
// with anyKey resolved to one of the map's keys.
func pickBase(bases []any, con constraint) (any, []any, bool) {
	if con.param != "" {
		return bases[0], nil, true
	}
	for _, wantValue := range []bool{true, false} {
		for _, b := range bases {
			path := resolve(b, con.path)
			end := len(path)
			if !wantValue {
				end--
			}
			if end < 0 {
				continue
			}
			if _, ok := nodeAtPath(b, path[:end]); ok {
				return b, path, true
			}
		}
	}
	return nil, nil, false
}

// resolve replaces anyKey with the first key of the map it stands for in v.
func resolve(v any, path []any) []any {
	out := make([]any, len(path))
	n := v
	for i, tok := range path {
		if tok == anyKey {
			tok = "key"
			if m, ok := n.(map[string]any); ok && len(m) > 0 {
				keys := make([]string, 0, len(m))
				for k := range m {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				tok = keys[0]
			}
		}
		out[i] = tok
		n, _ = nodeAtPath(n, []any{tok})
	}
	return out
}

func nodeAtPath(v any, path []any) (any, bool) {
	n := v
	for _, tok := range path {
		switch tok := tok.(type) {
		case string:
			m, ok := n.(map[string]any)
			if !ok {
				return nil, false
			}
			if n, ok = m[tok]; !ok {
				return nil, false
			}
		case int:
			a, ok := n.([]any)
			if !ok || tok >= len(a) {
				return nil, false
			}
			n = a[tok]
		}
	}
	return n, true
}

// apply returns a copy of base with p applied at path.
func apply(base any, path []any, p probe) any {
	if len(path) == 0 {
		return p.value
	}
	switch n := base.(type) {
	case map[string]any:
		c := make(map[string]any, len(n))
		for k, v := range n {
			c[k] = v
		}
		name := path[0].(string)
		if len(path) == 1 {
			switch {
			case p.remove:
				delete(c, name)
			case p.key != "":
				c[name] = map[string]any{p.key: p.value}
			default:
				c[name] = p.value
			}
			return c
		}
		c[name] = apply(n[name], path[1:], p)
		return c
	case []any:
		c := append([]any(nil), n...)
		i := path[0].(int)
		if len(path) == 1 {
			c[i] = p.value
			return c
		}
		c[i] = apply(n[i], path[1:], p)
		return c
	}
	panic(fmt.Sprintf("no place for %v", path))
}
