// Command gensurface writes the part of each vendor package's public API that
// is the same for every vendor: the error types, the common options, the
// response metadata, and the fake's faults and methods. One template serves
// the five packages, so that a user reads every type, field and method in the
// package it is declared in (go doc, pkg.go.dev) while the SDK keeps one
// source for them.
//
// Usage:
//
//	gensurface -pkg konvo -vendor Konvo -credential "API key" -default-base-url https://api.konvoai.com -dir ../konvo
//
// It writes errors.gen.go, options.gen.go and response.gen.go into dir, and
// fake.gen.go into dir/<pkg>test.
package main

import (
	"bytes"
	"embed"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed templates/*.tmpl
var templates embed.FS

// vendor is what the templates know of one vendor.
type vendor struct {
	// Pkg is the package name, such as "konvo".
	Pkg string
	// Vendor is the vendor's name in prose, such as "Konvo".
	Vendor string
	// Credential names what New takes, such as "API key".
	Credential string
	// DefaultBaseURL is the production server, or "" when the vendor
	// documents none.
	DefaultBaseURL string
	// FaultDecl and RequestDecl are the declarations of fake.Fault and
	// fake.Request, doc comments included, copied from internal/fake so that
	// each vendor's fake documents them where its users read them, and
	// converts to them without copying field by field.
	FaultDecl, RequestDecl string
}

func main() {
	var v vendor
	var dir string
	flag.StringVar(&v.Pkg, "pkg", "", "package name")
	flag.StringVar(&v.Vendor, "vendor", "", "vendor name in prose")
	flag.StringVar(&v.Credential, "credential", "API key", "what the credential is called")
	flag.StringVar(&v.DefaultBaseURL, "default-base-url", "", "production server, if documented")
	flag.StringVar(&dir, "dir", "", "package directory")
	fakeSrc := flag.String("fake", "../internal/fake/fake.go", "the source of package fake")
	flag.Parse()
	if v.Pkg == "" || v.Vendor == "" || dir == "" {
		fmt.Fprintln(os.Stderr, "usage: gensurface -pkg name -vendor Name [-credential word] [-default-base-url url] -dir path")
		os.Exit(2)
	}
	var err error
	if v.FaultDecl, v.RequestDecl, err = declarations(*fakeSrc, "Fault", "Request"); err == nil {
		err = run(v, dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensurface:", err)
		os.Exit(1)
	}
}

func run(v vendor, dir string) error {
	t, err := template.New("").Funcs(template.FuncMap{"sentence": sentence}).ParseFS(templates, "templates/*.tmpl")
	if err != nil {
		return err
	}
	outputs := []struct{ tmpl, path string }{
		{"errors.go.tmpl", filepath.Join(dir, "errors.gen.go")},
		{"options.go.tmpl", filepath.Join(dir, "options.gen.go")},
		{"response.go.tmpl", filepath.Join(dir, "response.gen.go")},
		{"fake.go.tmpl", filepath.Join(dir, v.Pkg+"test", "fake.gen.go")},
	}
	for _, o := range outputs {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, o.tmpl, v); err != nil {
			return err
		}
		src, err := format.Source(b.Bytes())
		if err != nil {
			return fmt.Errorf("%s: %w\n%s", o.tmpl, err, b.Bytes())
		}
		if err := os.WriteFile(o.path, src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sentence returns s with its first letter in upper case, to start a
// sentence with a vendor's name ("the vendor").
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// declarations returns the source of the type declarations named a and b in
// the Go file at path, each with its doc comment.
func declarations(path, a, b string) (string, string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		return "", "", err
	}
	found := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE || len(g.Specs) != 1 || g.Doc == nil {
			continue
		}
		name := g.Specs[0].(*ast.TypeSpec).Name.Name
		found[name] = string(src[fset.Position(g.Doc.Pos()).Offset:fset.Position(g.End()).Offset])
	}
	if found[a] == "" || found[b] == "" {
		return "", "", fmt.Errorf("%s: no documented type %s or %s", path, a, b)
	}
	return found[a], found[b], nil
}
