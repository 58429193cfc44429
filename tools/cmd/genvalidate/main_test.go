package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The validator's tests (internal/validate) check that each constraint the
// generator writes is enforced, through tables it generates from
// internal/validate/testdata. The tests here cover what those cannot see:
// what the generator refuses, and the file it writes.

// spec returns a document whose component schema S is the YAML y, and whose
// paths are paths.
func spec(t *testing.T, paths, y string) *openapi3.T {
	t.Helper()
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: test, version: '1'}\npaths:" + paths + "\ncomponents:\n  schemas:\n    S:\n")
	for _, line := range strings.Split(strings.TrimSpace(y), "\n") {
		b.WriteString("      " + line + "\n")
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(b.String()))
	if err != nil {
		t.Fatalf("loading: %v\n%s", err, b.String())
	}
	return doc
}

func TestCollectErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		paths  string
		schema string
		want   string
	}{
		{"bad pattern", " {}", "{type: string, pattern: '([a-z'}", `sTable: pattern "([a-z"`},
		{"bad nested pattern", " {}", "{type: object, properties: {sku: {type: string, pattern: '(?<'}}}", "sTable: sku: pattern"},
		{"bad items", " {}", "{type: array, items: {pattern: '['}}", "sTable: items: pattern"},
		{"bad additionalProperties", " {}", "{type: object, additionalProperties: {pattern: '['}}", "sTable: additionalProperties: pattern"},
		{"key length not a number", " {}", "{type: object, x-ordersdk-max-key-length: ten}", "x-ordersdk-max-key-length must be a whole number"},
		{"key length not whole", " {}", "{type: object, x-ordersdk-max-key-length: 2.5}", "x-ordersdk-max-key-length must be a whole number"},
		{"numeric exclusive bound", " {}", "{type: number, exclusiveMinimum: 3}", "must be OpenAPI 3.0 booleans"},
		{"no operationId", `
  /orders:
    post:
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {"201": {description: ok}}`, "{type: object}", "POST /orders has no operationId"},
		{"operationId not an identifier", `
  /orders:
    post:
      operationId: create-order
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {"201": {description: ok}}`, "{type: object}", `"create-orderBody" is not a Go identifier`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tables, err := collect(spec(t, tt.paths, tt.schema), true)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("collect() = %v, %v; want an error containing %q", tables, err, tt.want)
			}
		})
	}
}

// TestRunRefusesInvalidSpec checks that a document kin-openapi finds
// invalid writes no file.
func TestRunRefusesInvalidSpec(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	specPath, out := filepath.Join(dir, "bad.yaml"), filepath.Join(dir, "validation.gen.go")
	if err := os.WriteFile(specPath, []byte(`openapi: 3.0.3
info: {title: bad, version: "1"}
paths: {}
components: {schemas: {S: {type: strng}}}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(specPath, "bad", out, true); err == nil || !strings.Contains(err.Error(), "is not valid OpenAPI") {
		t.Errorf("run() = %v, want an error saying the spec is not valid", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("run() wrote %s (%v)", out, err)
	}
}

// TestConvertSkipsUnresolved checks that a member or items without a
// resolved schema get no node, as the validator skips them.
func TestConvertSkipsUnresolved(t *testing.T) {
	t.Parallel()
	nodes, err := convert(&openapi3.Schema{
		Properties: openapi3.Schemas{"a": nil, "b": {Ref: "#/nowhere"}},
		Items:      &openapi3.SchemaRef{Ref: "#/nowhere"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []node{{}}; !reflect.DeepEqual(nodes, want) {
		t.Errorf("convert() = %+v, want %+v", nodes, want)
	}
}

// TestGenerated runs the command on a small spec and compares the file it
// writes with the one expected, byte for byte.
func TestGenerated(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	specPath := filepath.Join(dir, "specs", "shop.yaml")
	if err := os.MkdirAll(filepath.Dir(specPath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(specPath, []byte(`openapi: 3.0.3
info: {title: shop, version: "1"}
paths:
  /shops/{shopId}/orders:
    post:
      operationId: createOrder
      parameters:
        - {name: shopId, in: path, required: true, schema: {type: string, minLength: 1}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Order'}
      responses: {"201": {description: ok}}
components:
  schemas:
    Order:
      type: object
      required: [sku]
      properties:
        sku: {type: string, pattern: '^\d+$', maxLength: 8}
        total: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1e6}
        status: {type: string, enum: [open, paid], nullable: true}
        size: {type: integer, enum: [1, 1000000]}
        parts: {type: array, maxItems: 0, items: {$ref: '#/components/schemas/Order'}}
        meta: {type: object, maxProperties: 2, additionalProperties: {type: string}, x-ordersdk-max-key-length: 40}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "shop", "validation.gen.go")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := run(specPath, "shop", out, false); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := "// Code generated by genvalidate from specs/shop.yaml. DO NOT EDIT.\n" + `
package shop

import "github.com/ordersdk/ordersdk-go/internal/validate"

// createOrderBody holds the constraints of the JSON request body of POST /shops/{shopId}/orders (createOrder).
var createOrderBody = validate.Table{Nodes: []validate.Node{
	1: {Type: "object", Required: []string{"sku"}, Properties: []validate.Property{{Name: "meta", Node: 2}, {Name: "parts", Node: 4}, {Name: "size", Node: 5}, {Name: "sku", Node: 6}, {Name: "status", Node: 7}, {Name: "total", Node: 8}}},
	2: {Type: "object", AdditionalProperties: 3, MaxProperties: 2, HasMaxProperties: true, MaxKeyLength: 40},
	3: {Type: "string"},
	4: {Type: "array", Items: 1, MaxItems: 0, HasMaxItems: true},
	5: {Type: "integer", Enum: []string{"1", "1000000"}},
	6: {Type: "string", MaxLength: 8, HasMaxLength: true, Pattern: ` + "`^\\d+$`" + `},
	7: {Type: "string", Nullable: true, Enum: []string{"open", "paid"}},
	8: {Type: "number", Minimum: 0, HasMinimum: true, Maximum: 1e+06, HasMaximum: true, ExclusiveMinimum: true},
}}

// createOrderParams holds the constraints of the path parameters of POST /shops/{shopId}/orders (createOrder), as the members of one object.
var createOrderParams = validate.Table{Nodes: []validate.Node{
	1: {Type: "object", Required: []string{"shopId"}, Properties: []validate.Property{{Name: "shopId", Node: 2}}},
	2: {Type: "string", MinLength: 1},
}}
`
	if string(got) != want {
		t.Errorf("generated file:\n%s\nwant:\n%s", got, want)
	}
}
