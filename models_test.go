package ordersdk_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// vendorPackages are the directories of the five vendor packages.
var vendorPackages = []string{"konvo", "komerza", "joiorders", "slugorders", "bitbybit"}

// TestGeneratedModels holds every vendor's models.gen.go to what go doc and
// the vendors' money need: each struct field carries the description its
// spec gives (a doc comment), and no model holds a float32, which rounds
// 123456789.99 to 123456792.
func TestGeneratedModels(t *testing.T) {
	for _, vendor := range vendorPackages {
		t.Run(vendor, func(t *testing.T) {
			path := filepath.Join(vendor, "models.gen.go")
			file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			models := map[string]bool{}
			for _, d := range file.Decls {
				if g, ok := d.(*ast.GenDecl); ok {
					for _, spec := range g.Specs {
						if ts, ok := spec.(*ast.TypeSpec); ok {
							if _, ok := ts.Type.(*ast.StructType); ok && g.Doc != nil {
								models[ts.Name.Name] = true
							}
						}
					}
				}
			}
			fields, undocumented := 0, []string{}
			ast.Inspect(file, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.Ident:
					if n.Name == "float32" {
						t.Errorf("%s holds a float32", path)
					}
				case *ast.TypeSpec:
					st, ok := n.Type.(*ast.StructType)
					if !ok {
						return true
					}
					for _, f := range st.Fields.List {
						for _, name := range f.Names {
							fields++
							if name.Name == "AdditionalProperties" || models[typeName(f.Type)] {
								// The generator's own member, or a $ref to a
								// model whose description go doc shows on its type:
								// OpenAPI 3.0 ignores a description beside $ref.
								continue
							}
							if strings.TrimSpace(f.Doc.Text()) == "" {
								undocumented = append(undocumented, n.Name.Name+"."+name.Name)
							}
						}
					}
				}
				return true
			})
			if fields == 0 {
				t.Fatalf("%s declares no struct field: the walk lost its way", path)
			}
			if len(undocumented) > 0 {
				t.Errorf("%d of %d fields of %s have no description; describe them in the spec: %s",
					len(undocumented), fields, path, strings.Join(undocumented, ", "))
			}
		})
	}
}

// typeName returns the name of the type an expression refers to, through
// pointers and slices, or "".
func typeName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ArrayType:
			e = t.Elt
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}
