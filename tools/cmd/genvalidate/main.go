// Command genvalidate reads the request constraints of an OpenAPI document
// and writes them as validate.Table variables, the data the SDK's validator
// (internal/validate) checks requests against.
//
// Usage:
//
//	genvalidate -spec <spec.yaml> -pkg <package> -out <file.go> [-components]
//
// It writes a table for the JSON request body of each operation, named after
// the operation id (createOrder gives createOrderBody), and, for an operation
// with path parameters, one for them as the members of one object
// (createOrderParams), the parameters' names being the members' names. With
// -components it also writes a table for each component schema (Node gives
// nodeTable), which the validator's tests use.
//
// Reading the spec here, at go generate time, keeps the OpenAPI, YAML and
// JSON Schema libraries out of every program that uses the SDK, and the
// parsing of specs out of its start-up.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"go/token"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxKeyLengthExtension is validate.MaxKeyLengthExtension, which this module
// cannot import.
const maxKeyLengthExtension = "x-ordersdk-max-key-length"

// validateImport is the package the generated code refers to.
const validateImport = "github.com/ordersdk/ordersdk-go/internal/validate"

func main() {
	specPath := flag.String("spec", "", "the OpenAPI document to read")
	pkg := flag.String("pkg", "", "the package of the generated file")
	out := flag.String("out", "", "the file to write")
	components := flag.Bool("components", false, "also write a table for each component schema")
	flag.Parse()
	if *specPath == "" || *pkg == "" || *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genvalidate -spec <spec.yaml> -pkg <package> -out <file.go> [-components]")
		os.Exit(2)
	}
	if err := run(*specPath, *pkg, *out, *components); err != nil {
		fmt.Fprintln(os.Stderr, "genvalidate:", err)
		os.Exit(1)
	}
}

func run(specPath, pkg, outPath string, components bool) error {
	doc, err := openapi3.NewLoader().LoadFromFile(specPath)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	// An invalid document, such as one with a type that does not exist, is
	// refused rather than turned into tables that check something else.
	if err := doc.Validate(context.Background()); err != nil {
		return fmt.Errorf("%s is not valid OpenAPI: %w", specPath, err)
	}
	tables, err := collect(doc, components)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	src, err := render(sourceName(specPath, outPath), pkg, tables)
	if err != nil {
		return err
	}
	return os.WriteFile(outPath, src, 0o644)
}

// table is one generated variable.
type table struct {
	name  string
	doc   string
	nodes []node // nodes[0] is the root
}

// collect returns the tables of doc's operations, and of its component
// schemas when components is set, in a stable order.
func collect(doc *openapi3.T, components bool) ([]table, error) {
	var tables []table
	add := func(name, about string, s *openapi3.Schema) error {
		nodes, err := convert(s)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		tables = append(tables, table{name: name, doc: about, nodes: nodes})
		return nil
	}
	if doc.Paths != nil {
		for _, path := range doc.Paths.InMatchingOrder() {
			item := doc.Paths.Value(path)
			ops := item.Operations()
			for _, method := range slices.Sorted(maps.Keys(ops)) {
				op := ops[method]
				body, params := requestBody(op), pathParams(item, op)
				if body == nil && params == nil {
					continue
				}
				where := method + " " + path
				if op.OperationID == "" {
					return nil, fmt.Errorf("%s has no operationId to name its tables", where)
				}
				if body != nil {
					about := fmt.Sprintf("holds the constraints of the JSON request body of %s (%s).", where, op.OperationID)
					if err := add(op.OperationID+"Body", about, body); err != nil {
						return nil, err
					}
				}
				if params != nil {
					about := fmt.Sprintf("holds the constraints of the path parameters of %s (%s), as the members of one object.", where, op.OperationID)
					if err := add(op.OperationID+"Params", about, params); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	if components && doc.Components != nil {
		for _, name := range slices.Sorted(maps.Keys(doc.Components.Schemas)) {
			ref := doc.Components.Schemas[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			about := fmt.Sprintf("holds the constraints of the component schema %s.", name)
			if err := add(lowerFirst(name)+"Table", about, ref.Value); err != nil {
				return nil, err
			}
		}
	}
	seen := map[string]bool{}
	for _, t := range tables {
		if !token.IsIdentifier(t.name) {
			return nil, fmt.Errorf("%q is not a Go identifier", t.name)
		}
		if seen[t.name] {
			return nil, fmt.Errorf("two tables are named %s", t.name)
		}
		seen[t.name] = true
	}
	return tables, nil
}

// requestBody returns the schema of op's JSON request body, or nil.
func requestBody(op *openapi3.Operation) *openapi3.Schema {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	media := op.RequestBody.Value.Content.Get("application/json")
	if media == nil || media.Schema == nil {
		return nil
	}
	return media.Schema.Value
}

// pathParams returns an object schema whose members are the path parameters
// of op, in the order op declares them, then those only its path item
// declares, or nil when it has none. Each required parameter is a required
// member.
func pathParams(item *openapi3.PathItem, op *openapi3.Operation) *openapi3.Schema {
	s := openapi3.NewObjectSchema()
	for _, list := range []openapi3.Parameters{op.Parameters, item.Parameters} {
		for _, ref := range list {
			if ref == nil || ref.Value == nil || ref.Value.In != openapi3.ParameterInPath {
				continue
			}
			p := ref.Value
			if _, ok := s.Properties[p.Name]; ok {
				continue // declared on op, which overrides its path item
			}
			s.Properties[p.Name] = p.Schema
			if p.Required {
				s.Required = append(s.Required, p.Name)
			}
		}
	}
	if len(s.Properties) == 0 {
		return nil
	}
	return s
}

// node is a validate.Node, in the field order the generated code writes.
type node struct {
	Type                 string
	Nullable             bool
	Required             []string
	Properties           []property
	AdditionalProperties int
	MinProperties        uint64
	MaxProperties        *uint64
	MaxKeyLength         int
	Items                int
	MinItems             uint64
	MaxItems             *uint64
	MinLength            uint64
	MaxLength            *uint64
	Pattern              string
	Format               string
	Enum                 []string
	Minimum              *float64
	Maximum              *float64
	ExclusiveMinimum     bool
	ExclusiveMaximum     bool
}

// property is a validate.Property.
type property struct {
	name string
	node int
}

// convert returns the nodes of s and of every schema it refers to, s first.
// A node's references are 1-based indexes into the result, the Refs of the
// generated table, whose unused Nodes[0] the result leaves out. A schema
// reached twice, as through a $ref cycle, is one node.
func convert(s *openapi3.Schema) ([]node, error) {
	c := converter{seen: map[*openapi3.Schema]int{}}
	if _, err := c.node(s); err != nil {
		return nil, err
	}
	return c.nodes, nil
}

type converter struct {
	nodes []node
	seen  map[*openapi3.Schema]int // schema -> Ref
}

// ref returns the Ref of the schema r refers to, or 0 when it refers to
// none, as a $ref the loader could not resolve.
func (c *converter) ref(r *openapi3.SchemaRef) (int, error) {
	if r == nil || r.Value == nil {
		return 0, nil
	}
	return c.node(r.Value)
}

func (c *converter) node(s *openapi3.Schema) (int, error) {
	if ref, ok := c.seen[s]; ok {
		return ref, nil
	}
	c.nodes = append(c.nodes, node{})
	ref := len(c.nodes)
	c.seen[s] = ref
	n := node{
		Nullable: s.Nullable, Required: s.Required, Format: s.Format,
		MinProperties: s.MinProps, MaxProperties: s.MaxProps,
		MinItems: s.MinItems, MaxItems: s.MaxItems,
		MinLength: s.MinLength, MaxLength: s.MaxLength,
		Minimum: s.Min, Maximum: s.Max,
		ExclusiveMinimum: s.ExclusiveMin.IsTrue(), ExclusiveMaximum: s.ExclusiveMax.IsTrue(),
	}
	if s.ExclusiveMin.Value != nil || s.ExclusiveMax.Value != nil {
		return 0, errors.New("exclusiveMinimum and exclusiveMaximum must be OpenAPI 3.0 booleans, not 3.1 numbers")
	}
	for _, bound := range []*float64{s.Min, s.Max} {
		if bound != nil && (math.IsNaN(*bound) || math.IsInf(*bound, 0)) {
			return 0, fmt.Errorf("bound %v is not a finite number", *bound)
		}
	}
	if types := s.Type.Slice(); len(types) > 0 {
		n.Type = types[0]
	}
	if s.Pattern != "" {
		// The validator compiles the pattern with the same package at its
		// first check; a pattern that does not compile is refused here.
		if _, err := regexp.Compile(s.Pattern); err != nil {
			return 0, fmt.Errorf("pattern %q: %w", s.Pattern, err)
		}
		n.Pattern = s.Pattern
	}
	for _, e := range s.Enum {
		t := fmt.Sprint(e)
		if f, ok := e.(float64); ok {
			// The text the validator compares a number's with: fmt.Sprint
			// would write 1000000 as "1e+06".
			t = strconv.FormatFloat(f, 'f', -1, 64)
		}
		n.Enum = append(n.Enum, t)
	}
	if v, ok := s.Extensions[maxKeyLengthExtension]; ok {
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) || f < 0 || f > math.MaxInt32 {
			return 0, fmt.Errorf("%s must be a whole number, not %v", maxKeyLengthExtension, v)
		}
		n.MaxKeyLength = int(f)
	}
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		child, err := c.ref(s.Properties[name])
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		if child != 0 {
			n.Properties = append(n.Properties, property{name: name, node: child})
		}
	}
	var err error
	if n.AdditionalProperties, err = c.ref(s.AdditionalProperties.Schema); err != nil {
		return 0, fmt.Errorf("additionalProperties: %w", err)
	}
	if n.Items, err = c.ref(s.Items); err != nil {
		return 0, fmt.Errorf("items: %w", err)
	}
	c.nodes[ref-1] = n
	return ref, nil
}

// render returns the formatted Go file holding tables.
func render(source, pkg string, tables []table) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by genvalidate from %s. DO NOT EDIT.\n\npackage %s\n\nimport %q\n", source, pkg, validateImport)
	for _, t := range tables {
		fmt.Fprintf(&b, "\n// %s %s\nvar %s = validate.Table{Nodes: []validate.Node{\n", t.name, t.doc, t.name)
		for i, n := range t.nodes {
			fmt.Fprintf(&b, "%d: {%s},\n", i+1, fields(n))
		}
		b.WriteString("}}\n")
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the generated code: %w\n%s", err, b.Bytes())
	}
	return src, nil
}

// fields returns the keyed fields of n's validate.Node literal, leaving out
// the zero ones.
func fields(n node) string {
	var f []string
	add := func(name, value string) { f = append(f, name+": "+value) }
	flag := func(name string, b bool) {
		if b {
			add(name, "true")
		}
	}
	text := func(name, s string) {
		if s != "" {
			add(name, quote(s))
		}
	}
	list := func(name string, l []string) {
		if len(l) > 0 {
			add(name, "[]string{"+quoteAll(l)+"}")
		}
	}
	count := func(name string, v uint64) {
		if v != 0 {
			add(name, strconv.FormatUint(v, 10))
		}
	}
	// An optional bound is written with its Has field.
	upTo := func(name string, p *uint64) {
		if p != nil {
			add(name, strconv.FormatUint(*p, 10))
			flag("Has"+name, true)
		}
	}
	bound := func(name string, p *float64) {
		if p != nil {
			add(name, floatLiteral(*p))
			flag("Has"+name, true)
		}
	}
	text("Type", n.Type)
	flag("Nullable", n.Nullable)
	list("Required", n.Required)
	if len(n.Properties) > 0 {
		var props []string
		for _, p := range n.Properties {
			props = append(props, fmt.Sprintf("{Name: %s, Node: %d}", strconv.Quote(p.name), p.node))
		}
		add("Properties", "[]validate.Property{"+strings.Join(props, ", ")+"}")
	}
	count("AdditionalProperties", uint64(n.AdditionalProperties))
	count("MinProperties", n.MinProperties)
	upTo("MaxProperties", n.MaxProperties)
	count("MaxKeyLength", uint64(n.MaxKeyLength))
	count("Items", uint64(n.Items))
	count("MinItems", n.MinItems)
	upTo("MaxItems", n.MaxItems)
	count("MinLength", n.MinLength)
	upTo("MaxLength", n.MaxLength)
	text("Pattern", n.Pattern)
	text("Format", n.Format)
	list("Enum", n.Enum)
	bound("Minimum", n.Minimum)
	bound("Maximum", n.Maximum)
	flag("ExclusiveMinimum", n.ExclusiveMinimum)
	flag("ExclusiveMaximum", n.ExclusiveMaximum)
	return strings.Join(f, ", ")
}

// floatLiteral returns a Go constant that is exactly f. A Go constant has no
// negative zero, so the bound -0 is written as 0, which compares alike.
func floatLiteral(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// quote returns s as a Go string literal, raw when that reads better, as
// for a pattern full of backslashes.
func quote(s string) string {
	if strings.Contains(s, `\`) && strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// sourceName returns specPath as the header names it: relative to the root
// of the module the output belongs to, such as "specs/konvo.yaml", so that
// the header does not depend on where go generate runs.
func sourceName(specPath, outPath string) string {
	spec, err1 := filepath.Abs(specPath)
	out, err2 := filepath.Abs(outPath)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(specPath)
	}
	for dir := filepath.Dir(out); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if rel, err := filepath.Rel(dir, spec); err == nil && !strings.HasPrefix(rel, "..") {
				return filepath.ToSlash(rel)
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	return filepath.ToSlash(specPath)
}

// lowerFirst returns name with its first letter in lower case, as a Go
// identifier not exported.
func lowerFirst(name string) string {
	if name == "" {
		return name
	}
	return strings.ToLower(name[:1]) + name[1:]
}
