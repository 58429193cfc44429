package reliability

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The fuzz targets: for each vendor, one that answers the fuzzed body with
// the vendor's success status (its success decoder, and the envelope checks
// that turn a 2xx into an error), and one that answers it with a fuzzed 4xx
// or 5xx status (its error decoder). Each call must give a result or a typed
// error that fits the status, and never panic; see checkAnswer.
//
// The seed corpus is the vendor's documented examples: the response examples
// of specs/<vendor>.yaml, whole or built from its properties' examples, the
// bodies the vendor's fake sends, and, in testdata/fuzz, the examples of the
// vendor's documentation pages, written there by TestWriteDocSeeds.

func FuzzKonvoSuccess(f *testing.F)      { fuzzSuccess(f, "konvo") }
func FuzzKonvoError(f *testing.F)        { fuzzError(f, "konvo") }
func FuzzKomerzaSuccess(f *testing.F)    { fuzzSuccess(f, "komerza") }
func FuzzKomerzaError(f *testing.F)      { fuzzError(f, "komerza") }
func FuzzJoiordersSuccess(f *testing.F)  { fuzzSuccess(f, "joiorders") }
func FuzzJoiordersError(f *testing.F)    { fuzzError(f, "joiorders") }
func FuzzSlugordersSuccess(f *testing.F) { fuzzSuccess(f, "slugorders") }
func FuzzSlugordersError(f *testing.F)   { fuzzError(f, "slugorders") }
func FuzzBitbybitSuccess(f *testing.F)   { fuzzSuccess(f, "bitbybit") }
func FuzzBitbybitError(f *testing.F)     { fuzzError(f, "bitbybit") }

func fuzzSuccess(f *testing.F, vendor string) {
	k := kitNamed(vendor)
	for _, s := range specSeeds(f, k) {
		if s.status >= 200 && s.status <= 299 {
			f.Add(s.body)
		}
	}
	success, _ := vendorBodies(f, k)
	f.Add(success)
	h := newHostile(f)
	c := k.dialHostile(f, h)
	status := successStatus(k)
	warmUp(f, c, h, status, success)
	f.Fuzz(func(t *testing.T, body []byte) {
		checkAnswer(t, c, h, status, body)
	})
}

// errorStatus maps the fuzzed number onto 400..599.
func errorStatus(n uint16) int { return 400 + int(n)%200 }

func fuzzError(f *testing.F, vendor string) {
	k := kitNamed(vendor)
	for _, s := range specSeeds(f, k) {
		if s.status >= 400 {
			f.Add(uint16(s.status-400), s.body)
		}
	}
	_, failure := vendorBodies(f, k)
	f.Add(uint16(0), failure)
	f.Add(uint16(100), failure)
	h := newHostile(f)
	c := k.dialHostile(f, h)
	warmUp(f, c, h, 400, failure)
	warmUp(f, c, h, 500, failure)
	f.Fuzz(func(t *testing.T, n uint16, body []byte) {
		checkAnswer(t, c, h, errorStatus(n), body)
	})
}

// warmUp answers every variant of body (see mutations) once, before the
// fuzzing starts. The first decoding into each type fills encoding/json's
// caches: code that runs once per process, whose coverage a fuzz input that
// happened to run it first could not reproduce. The fuzzer then spends its
// minimization time (a minute by default) on each such input, making no
// progress; warmed up, the coverage of an input is more nearly its own.
// (sync.Pool and the net/http goroutines stay noisy, golang/go#46410, so
// .ci/fuzz also turns minimization off.)
func warmUp(f *testing.F, c *client, h *hostile, status int, body []byte) {
	f.Helper()
	if fl := flag.Lookup("test.fuzz"); fl == nil || fl.Value.String() == "" {
		// Not fuzzing: the seeds alone run, and TestHostileBodies answers
		// these variants already.
		return
	}
	for _, v := range mutations(f, body) {
		checkAnswer(f, c, h, status, v)
	}
	for _, b := range malformed {
		checkAnswer(f, c, h, status, []byte(b))
	}
}

// seed is a documented response: its status and body.
type seed struct {
	status int
	body   []byte
}

// specSeeds returns the responses of the vendor's create operation that its
// spec documents: each example given for a response or its schema, and one
// built from the examples of the schema's properties. A "default" response
// counts as a 500.
func specSeeds(t testing.TB, k *kit) []seed {
	t.Helper()
	doc := loadSpec(t, k)
	op := doc.Paths.Find(k.op).Post
	var out []seed
	codes := make([]string, 0, op.Responses.Len())
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		status, err := strconv.Atoi(code)
		if err != nil {
			status = http.StatusInternalServerError
		}
		ref := op.Responses.Value(code)
		if ref == nil || ref.Value == nil {
			continue
		}
		for _, mt := range ref.Value.Content {
			var examples []any
			if mt.Example != nil {
				examples = append(examples, mt.Example)
			}
			for _, ex := range mt.Examples {
				if ex != nil && ex.Value != nil {
					examples = append(examples, ex.Value.Value)
				}
			}
			if mt.Schema != nil && mt.Schema.Value != nil {
				if mt.Schema.Value.Example != nil {
					examples = append(examples, mt.Schema.Value.Example)
				}
				examples = append(examples, exampleOf(mt.Schema.Value, 0))
			}
			for _, ex := range examples {
				b, err := json.Marshal(ex)
				if err != nil {
					t.Fatalf("%s %s example: %v", k.name, code, err)
				}
				out = append(out, seed{status, b})
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: the spec documents no response for %s", k.name, k.op)
	}
	return out
}

// loadSpec loads specs/<vendor>.yaml.
func loadSpec(t testing.TB, k *kit) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join("..", "..", "specs", k.name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// exampleOf builds a value for s from the examples of its properties, and
// from its type where it has none.
func exampleOf(s *openapi3.Schema, depth int) any {
	if s.Example != nil {
		return s.Example
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	for _, alt := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		if len(alt) > 0 && alt[0].Value != nil {
			return exampleOf(alt[0].Value, depth+1)
		}
	}
	if depth > 8 {
		return nil
	}
	switch {
	case s.Type.Is("object") || len(s.Properties) > 0:
		m := map[string]any{}
		for name, p := range s.Properties {
			if p != nil && p.Value != nil {
				m[name] = exampleOf(p.Value, depth+1)
			}
		}
		return m
	case s.Type.Is("array"):
		if s.Items != nil && s.Items.Value != nil {
			return []any{exampleOf(s.Items.Value, depth+1)}
		}
		return []any{}
	case s.Type.Is("integer"):
		return 1
	case s.Type.Is("number"):
		return 1.5
	case s.Type.Is("boolean"):
		return true
	case s.Type.Is("string"):
		switch s.Format {
		case "date-time":
			return "2024-11-07T11:57:25Z"
		case "date":
			return "2024-11-07"
		case "uuid":
			return "3c90c3cc-0d44-4b50-8888-8dd25736052a"
		}
		return "string"
	}
	return nil
}

var docSeeds = flag.String("docs", "", "write the examples of the vendor documentation pages in `dir` (such as /work/shared/vendor-docs) to testdata/fuzz")

// TestWriteDocSeeds writes, when -docs names the directory of the vendor
// documentation pages (<vendor>.txt), the JSON examples of each page to the
// seed corpus of the vendor's two fuzz targets in testdata/fuzz, where go test
// finds them. The pages are not part of the module, so the corpus files are
// kept in the repository instead. Run it after a page changes:
//
//	go test ./internal/reliability/ -run TestWriteDocSeeds -docs /work/shared/vendor-docs
func TestWriteDocSeeds(t *testing.T) {
	if *docSeeds == "" {
		t.Skip("give -docs to rewrite the documentation seeds")
	}
	for _, k := range kits {
		page, err := os.ReadFile(filepath.Join(*docSeeds, k.name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		bodies := docExamples(t, k, page)
		if len(bodies) == 0 {
			t.Errorf("%s: no example found in the documentation page", k.name)
		}
		title := strings.ToUpper(k.name[:1]) + k.name[1:]
		for _, target := range []string{"Fuzz" + title + "Success", "Fuzz" + title + "Error"} {
			dir := filepath.Join("testdata", "fuzz", target)
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for i, b := range bodies {
				var entry string
				if strings.HasSuffix(target, "Error") {
					// 400, then 500, in turn.
					entry = fmt.Sprintf("go test fuzz v1\nuint16(%d)\n[]byte(%s)\n", (i%2)*100, strconv.Quote(string(b)))
				} else {
					entry = fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(b)))
				}
				name := filepath.Join(dir, fmt.Sprintf("doc-%02d", i))
				if err := os.WriteFile(name, []byte(entry), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Logf("%s: %d documentation seeds", target, len(bodies))
		}
	}
}

// docExamples finds the JSON examples of a documentation page: the examples
// of the OpenAPI document some pages embed in a ```yaml block, and every JSON
// object the page shows, with "//" comments (`"id": "<Order ID>" //...`)
// dropped.
func docExamples(t *testing.T, k *kit, page []byte) [][]byte {
	var out [][]byte
	seen := map[string]bool{}
	add := func(b []byte) {
		var v any
		if json.Unmarshal(b, &v) != nil {
			return
		}
		c, _ := json.Marshal(v)
		if !seen[string(c)] {
			seen[string(c)] = true
			out = append(out, c)
		}
	}
	if m := yamlBlock.FindSubmatch(page); m != nil {
		doc, err := openapi3.NewLoader().LoadFromData(m[1])
		if err != nil {
			t.Errorf("%s: the page's OpenAPI block does not load: %v", k.name, err)
		} else if item := doc.Paths.Find(k.op); item != nil && item.Post != nil {
			for _, ref := range item.Post.Responses.Map() {
				if ref.Value == nil {
					continue
				}
				for _, mt := range ref.Value.Content {
					var exs []any
					if mt.Example != nil {
						exs = append(exs, mt.Example)
					}
					for _, ex := range mt.Examples {
						if ex != nil && ex.Value != nil {
							exs = append(exs, ex.Value.Value)
						}
					}
					if mt.Schema != nil && mt.Schema.Value != nil {
						exs = append(exs, exampleOf(mt.Schema.Value, 0))
					}
					for _, ex := range exs {
						b, _ := json.Marshal(ex)
						add(b)
					}
				}
			}
		}
	}
	text := comment.ReplaceAll(page, nil)
	for i := 0; i < len(text); i++ {
		if text[i] != '{' {
			continue
		}
		if end := closing(text[i:]); end > 0 {
			add(text[i : i+end])
			i += end - 1
		}
	}
	return out
}

var (
	yamlBlock = regexp.MustCompile("(?s)````yaml[^\n]*\n(.*?)\n````")
	comment   = regexp.MustCompile(`(?m)^\s*//.*$`)
)

// closing returns the length of the balanced {...} at the start of b, or 0.
func closing(b []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				if bytes.HasPrefix(b, []byte("{")) && c == '}' {
					return i + 1
				}
				return 0
			}
		}
	}
	return 0
}
