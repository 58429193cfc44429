package reliability

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/validate"
)

// TestSpecConstraints walks each vendor's spec (specs/<vendor>.yaml) and, for
// every constraint on the create operation's request body and path
// parameters, sends a valid order with the constrained value replaced: by
// each violating value, which must come back as a *ValidationError naming
// the value's path and the rule, with nothing sent; and by each boundary
// value, which must pass validation and be accepted by the fake, whose own
// validator (kin-openapi) thereby checks the client's. The orders are the
// sample orders of the vendor's test package (<vendor>test.FullOrder, ...),
// marshalled, edited as JSON and decoded into the vendor's request type, so
// a constraint added to a spec is covered without a change here.
func TestSpecConstraints(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			doc := loadSpec(t, k)
			srv := k.start(t, fakeConfig{})
			c := k.dialFake(t, srv)
			var bases []any
			for _, b := range k.sampleJSON(t) {
				var v any
				if err := json.Unmarshal(b, &v); err != nil {
					t.Fatal(err)
				}
				bases = append(bases, v)
			}
			cs := constraints(t, doc, k.op)
			var pairs, probes, typeEnforced int
			var unreachable []string
			for _, con := range cs {
				pairs++
				t.Run(con.String(), func(t *testing.T) {
					n, enforced, note := checkConstraint(t, k, c, srv.Requests, bases, con)
					probes += n
					if enforced {
						typeEnforced++
					}
					if note != "" {
						unreachable = append(unreachable, con.String()+": "+note)
					}
				})
			}
			t.Logf("%d constraints checked with %d requests; %d required members the Go type always sends", pairs, probes, typeEnforced)
			for _, u := range unreachable {
				t.Logf("  %s", u)
			}
		})
	}
}

// constraint is one rule a spec puts on one place of a request.
type constraint struct {
	// param names the path parameter the rule is on; empty for the body.
	param string
	// path leads to the value in the body: member names, array indexes, and
	// anyKey for a map's entries (the first key of the base order's map).
	path []any
	// rule is the constraint's keyword, as the client names it.
	rule string
	// schema is the value's schema.
	schema *openapi3.Schema
}

type wildcard struct{}

// anyKey stands for an entry of a map (additionalProperties) in a path.
var anyKey = wildcard{}

func (c constraint) String() string {
	if c.param != "" {
		return "{" + c.param + "} " + c.rule
	}
	p := pathString(c.path)
	if p == "" {
		p = "(body)"
	}
	return p + " " + c.rule
}

// pathString writes a path as the client writes violations' paths.
func pathString(path []any) string {
	var b strings.Builder
	for _, tok := range path {
		switch tok := tok.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", tok)
		case wildcard:
			b.WriteString(".*")
		case string:
			if b.Len() > 0 {
				b.WriteString(".")
			}
			b.WriteString(tok)
		}
	}
	return b.String()
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

// checkConstraint sends the constraint's violating and boundary values and
// checks the outcomes. It returns how many requests it made, whether the
// constraint is a required member the Go type always sends, and a note when
// the boundary value is not at the limit itself.
func checkConstraint(t *testing.T, k *kit, c *client, requests func() int, bases []any, con constraint) (int, bool, string) {
	base, path, ok := pickBase(bases, con)
	if !ok {
		t.Fatalf("no sample order of %s has a place for %s", k.name, con)
	}
	violating, boundary, note := probesFor(t, con, base, path)
	if len(violating) == 0 && con.rule != "required" {
		t.Fatalf("no violating value for %s", con)
	}
	if len(boundary) == 0 {
		t.Fatalf("no boundary value for %s", con)
	}
	vpath := pathString(path)
	if con.param != "" {
		vpath = con.param
	}
	sent := 0
	send := func(p probe) error {
		t.Helper()
		params := map[string]string{}
		for k, v := range k.params {
			params[k] = v
		}
		body := base
		if con.param != "" {
			params[con.param] = p.value.(string)
		} else {
			body = apply(base, path, p)
		}
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		sent++
		return c.createJSON(context.Background(), params, b)
	}
	enforced := false
	for _, p := range violating {
		if con.rule == "required" && typeSends(t, k, apply(base, path, p), path) {
			// The field is not a pointer: the request always carries it.
			enforced = true
			continue
		}
		before := requests()
		err := send(p)
		var ve *apierror.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s = %s: err = %v, want a *ValidationError", con, show(p), err)
			continue
		}
		want := vpath
		if p.key != "" {
			// A key's violation names the key.
			want += "." + p.key
		}
		if !hasViolation(ve, want, con) {
			t.Errorf("%s = %s: violations %v do not name %q with rule %q", con, show(p), ve.Violations, want, con.rule)
		}
		if requests() != before {
			t.Errorf("%s = %s: the invalid order was sent", con, show(p))
		}
	}
	for _, p := range boundary {
		if err := send(p); err != nil {
			t.Errorf("%s = %s (boundary): %v", con, show(p), err)
		}
	}
	return sent, enforced, note
}

// hasViolation reports whether ve names path and the constraint's rule. An
// empty path parameter is reported as missing ("required") by some clients,
// which is what its minLength of 1 means.
func hasViolation(ve *apierror.ValidationError, path string, con constraint) bool {
	for _, v := range ve.Violations {
		if v.Path != path {
			continue
		}
		if v.Rule == con.rule || (con.param != "" && con.rule == "minLength" && con.schema.MinLength == 1 && v.Rule == "required") {
			return true
		}
	}
	return false
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

// typeSends reports whether the member at path is still in the JSON of the
// request type decoded from body: a required member that is not a pointer.
func typeSends(t *testing.T, k *kit, body any, path []any) bool {
	b, _ := json.Marshal(body)
	req := k.request()
	if err := json.Unmarshal(b, req); err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(req)
	var back any
	json.Unmarshal(b, &back)
	parent, ok := nodeAtPath(back, path[:len(path)-1])
	if !ok {
		return false
	}
	m, ok := parent.(map[string]any)
	if !ok {
		return false
	}
	_, present := m[path[len(path)-1].(string)]
	return present
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

// accepts reports whether kin-openapi, the fake's validator, accepts v for s.
func accepts(s *openapi3.Schema, v any) bool {
	b, _ := json.Marshal(v)
	var decoded any
	json.Unmarshal(b, &decoded)
	return s.VisitJSON(decoded) == nil
}

// probesFor returns the violating and the boundary values of a constraint,
// and a note when no boundary value sits at the limit itself.
func probesFor(t *testing.T, con constraint, base any, path []any) (violating, boundary []probe, note string) {
	s := con.schema
	current, _ := nodeAtPath(base, path)
	values := func(vs ...any) []probe {
		var out []probe
		for _, v := range vs {
			out = append(out, probe{value: v})
		}
		return out
	}
	// valid keeps the values kin-openapi accepts for s.
	valid := func(vs ...any) []probe {
		var out []probe
		for _, v := range vs {
			if accepts(s, v) {
				out = append(out, probe{value: v})
			}
		}
		return out
	}
	// nearest is the valid string closest to n characters, searching away
	// from the limit in direction dir.
	nearest := func(n, dir int) []probe {
		for i := 0; i <= 64; i++ {
			if str, ok := fitString(s, n+dir*i); ok && accepts(s, str) {
				if i > 0 {
					note = fmt.Sprintf("no valid value of %d characters; the boundary checked has %d", n, n+dir*i)
				}
				return []probe{{value: str}}
			}
		}
		return nil
	}
	integer := s.Type.Is("integer")
	below := func(x float64) any {
		if integer {
			return int64(x) - 1
		}
		return math.Nextafter(x, math.Inf(-1))
	}
	above := func(x float64) any {
		if integer {
			return int64(x) + 1
		}
		return math.Nextafter(x, math.Inf(1))
	}
	num := func(x float64) any {
		if integer {
			return int64(x)
		}
		return x
	}
	array := func(n int) any {
		a, _ := current.([]any)
		if len(a) == 0 {
			t.Fatalf("%s: the sample order has no element to copy", con)
		}
		out := make([]any, n)
		for i := range out {
			out[i] = a[0]
		}
		return out
	}
	object := func(n int) any {
		out := map[string]any{}
		var v any = "v"
		if m, ok := current.(map[string]any); ok {
			for _, x := range m {
				v = x
				break
			}
		}
		for i := range n {
			out[fmt.Sprintf("k%02d", i)] = v
		}
		return out
	}
	switch con.rule {
	case "required":
		violating = []probe{{remove: true}}
		boundary = values(current)
	case "minLength":
		n := int(s.MinLength)
		violating = values(strings.Repeat("é", n-1))
		if str, ok := fitString(s, n-1); ok && n > 1 {
			violating = append(violating, probe{value: str})
		}
		boundary = nearest(n, +1)
	case "maxLength":
		n := int(*s.MaxLength)
		violating = values(strings.Repeat("é", n+1))
		if str, ok := fitString(s, n+1); ok {
			violating = append(violating, probe{value: str})
		}
		boundary = nearest(n, -1)
	case "pattern":
		re := regexp.MustCompile(s.Pattern)
		good := nearest(int(s.MinLength), +1)
		sample := ""
		if len(good) > 0 {
			sample = good[0].value.(string)
		}
		for _, v := range []string{"!" + sample, sample + "!", sample + "\n", " " + sample, strings.ToLower(sample) + "g", strings.Repeat("~", len(sample)), "é", ""} {
			if !re.MatchString(v) {
				violating = append(violating, probe{value: v})
			}
		}
		boundary, note = good, ""
	case "format":
		bad, good := formatSamples(s.Format)
		violating = values(bad...)
		boundary = valid(good...)
	case "enum":
		var in []string
		for _, e := range s.Enum {
			boundary = append(boundary, probe{value: e})
			in = append(in, fmt.Sprint(e))
		}
		if s.Type.Is("string") {
			for _, v := range []string{"not-in-enum", "", strings.ToUpper(in[0]), strings.ToUpper(in[0][:1]) + in[0][1:], " " + in[0]} {
				if !contains(in, v) {
					violating = append(violating, probe{value: v})
				}
			}
		} else {
			violating = values(-12345.5)
		}
	case "minimum":
		violating, boundary = values(below(*s.Min)), values(num(*s.Min))
	case "exclusiveMinimum":
		m := s.Min
		if s.ExclusiveMin.Value != nil {
			m = s.ExclusiveMin.Value
		}
		violating, boundary = values(num(*m)), values(above(*m))
	case "maximum":
		violating, boundary = values(above(*s.Max)), values(num(*s.Max))
	case "exclusiveMaximum":
		m := s.Max
		if s.ExclusiveMax.Value != nil {
			m = s.ExclusiveMax.Value
		}
		violating, boundary = values(num(*m)), values(below(*m))
	case "multipleOf":
		violating, boundary = values(*s.MultipleOf*1.5), values(*s.MultipleOf*2)
	case "minItems":
		violating, boundary = values(array(int(s.MinItems)-1)), values(array(int(s.MinItems)))
	case "maxItems":
		violating, boundary = values(array(int(*s.MaxItems)+1)), values(array(int(*s.MaxItems)))
	case "uniqueItems":
		violating, boundary = values(array(2)), values(current)
	case "minProperties":
		violating, boundary = values(object(int(s.MinProps)-1)), values(object(int(s.MinProps)))
	case "maxProperties":
		violating, boundary = values(object(int(*s.MaxProps)+1)), values(object(int(*s.MaxProps)))
	case "maxKeyLength":
		n := int(s.Extensions[validate.MaxKeyLengthExtension].(float64))
		var v any = "v"
		if m, ok := current.(map[string]any); ok {
			for _, x := range m {
				v = x
				break
			}
		}
		violating = []probe{{key: strings.Repeat("é", n+1), value: v}}
		boundary = []probe{{key: strings.Repeat("é", n), value: v}}
	default:
		t.Fatalf("no values for rule %q", con.rule)
	}
	return violating, boundary, note
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// formatSamples returns values that break a format, and values that keep it.
func formatSamples(format string) (bad, good []any) {
	switch format {
	case "email":
		return []any{"not-an-email", "a@", "@example.com", "a b@example.com", "<a@example.com>", "Ann <a@example.com>", "a@@example.com"},
			[]any{"a@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie"}
	case "uuid":
		return []any{"not-a-uuid", "3c90c3cc0d444b5088888dd25736052a", "3c90c3cc-0d44-4b50-8888-8dd25736052", "{3c90c3cc-0d44-4b50-8888-8dd25736052a}", "3c90c3cc-0d44-4b50-8888-8dd25736052g"},
			[]any{"3c90c3cc-0d44-4b50-8888-8dd25736052a", "3C90C3CC-0D44-4B50-8888-8DD25736052A", "00000000-0000-0000-0000-000000000000"}
	case "uri", "url":
		return []any{"not a uri", "/relative/path", "example.com/path", "https://"},
			[]any{"https://example.com", "https://example.com/a/b?c=d#e", "http://127.0.0.1:8080/x"}
	case "date-time":
		return []any{"2024-11-07", "yesterday", "2024-13-07T11:57:25Z"}, []any{"2024-11-07T11:57:25Z", "2024-11-07T11:57:25.123+01:00"}
	case "date":
		return []any{"2024-11-07T11:57:25Z", "07/11/2024", "2024-02-30"}, []any{"2024-11-07", "2024-02-29"}
	}
	return nil, nil
}

// fitString returns a string of exactly n characters that keeps s's pattern,
// format and enum, if it can make one.
func fitString(s *openapi3.Schema, n int) (string, bool) {
	if n < 0 {
		return "", false
	}
	switch {
	case len(s.Enum) > 0:
		for _, e := range s.Enum {
			if str, ok := e.(string); ok && utf8.RuneCountInString(str) == n {
				return str, true
			}
		}
		return "", false
	case s.Pattern != "":
		re, err := syntax.Parse(s.Pattern, syntax.Perl)
		if err != nil {
			return "", false
		}
		return generate(re, n)
	}
	switch s.Format {
	case "email":
		const domain = "@example.com"
		if n < len(domain)+1 {
			return "", false
		}
		return strings.Repeat("a", n-len(domain)) + domain, true
	case "uri", "url":
		const site = "https://example.com"
		switch {
		case n == len(site):
			return site, true
		case n > len(site):
			return site + "/" + strings.Repeat("a", n-len(site)-1), true
		case n >= len("https://")+1:
			return "https://" + strings.Repeat("a", n-len("https://")), true
		}
		return "", false
	case "uuid":
		return "3c90c3cc-0d44-4b50-8888-8dd25736052a", n == 36
	case "date-time":
		return "2024-11-07T11:57:25Z", n == 20
	case "date":
		return "2024-11-07", n == 10
	}
	// Two bytes a character: lengths count characters, not bytes.
	return strings.Repeat("é", n), true
}

// generate returns a string of exactly n characters that re matches, for the
// regular expressions specs use (classes, literals, repeats, anchors).
func generate(re *syntax.Regexp, n int) (string, bool) {
	lo, hi := lengths(re)
	if n < lo || (hi >= 0 && n > hi) {
		return "", false
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return "", n == 0
	case syntax.OpLiteral:
		return string(re.Rune), true
	case syntax.OpCharClass:
		return string(re.Rune[0]), true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return "a", true
	case syntax.OpCapture:
		return generate(re.Sub[0], n)
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if s, ok := generate(sub, n); ok {
				return s, true
			}
		}
		return "", false
	case syntax.OpConcat:
		return generateSeq(re.Sub, n)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		min, max := re.Min, re.Max
		switch re.Op {
		case syntax.OpStar:
			min, max = 0, -1
		case syntax.OpPlus:
			min, max = 1, -1
		case syntax.OpQuest:
			min, max = 0, 1
		}
		for count := min; max < 0 || count <= max; count++ {
			if count > n+1 {
				break
			}
			subs := make([]*syntax.Regexp, count)
			for i := range subs {
				subs[i] = re.Sub[0]
			}
			if s, ok := generateSeq(subs, n); ok {
				return s, true
			}
		}
	}
	return "", false
}

// generateSeq fills n characters with the concatenation of subs.
func generateSeq(subs []*syntax.Regexp, n int) (string, bool) {
	if len(subs) == 0 {
		return "", n == 0
	}
	lo, hi := lengths(subs[0])
	restLo, restHi := 0, 0
	for _, s := range subs[1:] {
		l, h := lengths(s)
		restLo += l
		if h < 0 || restHi < 0 {
			restHi = -1
		} else {
			restHi += h
		}
	}
	for take := lo; hi < 0 || take <= hi; take++ {
		if take > n {
			break
		}
		rest := n - take
		if rest < restLo || (restHi >= 0 && rest > restHi) {
			continue
		}
		first, ok := generate(subs[0], take)
		if !ok {
			continue
		}
		if tail, ok := generateSeq(subs[1:], rest); ok {
			return first + tail, true
		}
	}
	return "", false
}

// lengths returns the shortest and longest match of re; -1 for no longest.
func lengths(re *syntax.Regexp) (int, int) {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune), len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, 1
	case syntax.OpCapture:
		return lengths(re.Sub[0])
	case syntax.OpConcat:
		lo, hi := 0, 0
		for _, s := range re.Sub {
			l, h := lengths(s)
			lo += l
			if h < 0 || hi < 0 {
				hi = -1
			} else {
				hi += h
			}
		}
		return lo, hi
	case syntax.OpAlternate:
		lo, hi := math.MaxInt, 0
		for _, s := range re.Sub {
			l, h := lengths(s)
			lo = min(lo, l)
			if h < 0 || hi < 0 {
				hi = -1
			} else {
				hi = max(hi, h)
			}
		}
		return lo, hi
	case syntax.OpStar:
		return 0, -1
	case syntax.OpPlus:
		l, _ := lengths(re.Sub[0])
		return l, -1
	case syntax.OpQuest:
		_, h := lengths(re.Sub[0])
		return 0, h
	case syntax.OpRepeat:
		l, h := lengths(re.Sub[0])
		if re.Max < 0 || h < 0 {
			return l * re.Min, -1
		}
		return l * re.Min, h * re.Max
	}
	return 0, 0
}
