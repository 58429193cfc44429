package reliability

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"
)

// The fuzz targets: for each vendor, one that answers the fuzzed body with
// the vendor's success status (its success decoder, and the envelope check
// that turns a 2xx into an error), and one that answers it with a fuzzed 4xx
// or 5xx status (its error decoder). Every call must give a result or a
// typed error that fits the status and never panic (checkAnswer), and:
//
//   - success: a body of the documented shape whose order id is a string
//     (documentedID) gives a result that carries that id, however the rest
//     of the body drifted;
//   - error: no result, never an order id, and the credential, which the
//     body carries wherever the input says credMarker, never shows in the
//     error's text, its renderings or the fields a caller reads.
//
// The seed corpus is the vendor's documented examples: the bodies its fake
// sends, the examples of its spec's responses, and, in testdata/fuzz, the
// examples of the vendor's documentation pages. `go test` replays them all;
// .ci/fuzz fuzzes each target for a few seconds.

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

// credMarker, in an error target's input, stands for the credential: the
// hostile server answers the input with every credMarker replaced by secret,
// so that the fuzzer can place the credential anywhere in a body without
// knowing it.
const credMarker = "$CRED"

func fuzzSuccess(f *testing.F, vendor string) {
	k := kitNamed(vendor)
	success, _ := vendorBodies(f, k)
	f.Add(success)
	for _, b := range specExamples(f, k, true) {
		f.Add(b)
	}
	h := newHostile(f)
	c := k.dialHostileAs(f, h, secret)
	warmUp(f, k, c, h, k.successStatus, success)
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := checkAnswer(t, k, c, h, k.successStatus, body)
		id, ok := documentedID(k, body)
		if !ok {
			return
		}
		if err != nil || res.id != id {
			t.Fatalf("a %d body of the documented shape with order id %q gave id %q (found: %v), error %v\nbody: %s",
				k.successStatus, id, res.id, res.ok, err, body)
		}
	})
}

// errorStatus maps the fuzzed number onto 400..599.
func errorStatus(n uint16) int { return 400 + int(n)%200 }

func fuzzError(f *testing.F, vendor string) {
	k := kitNamed(vendor)
	_, failure := vendorBodies(f, k)
	f.Add(uint16(0), failure)
	f.Add(uint16(100), failure)
	for _, b := range specExamples(f, k, false) {
		f.Add(uint16(0), b)
	}
	for i, b := range echoErrorBodies {
		f.Add(uint16(i*37), []byte(strings.ReplaceAll(b, "S", credMarker)))
	}
	h := newHostile(f)
	c := k.dialHostileAs(f, h, secret)
	warmUp(f, k, c, h, 400, failure)
	warmUp(f, k, c, h, 500, failure)
	f.Fuzz(func(t *testing.T, n uint16, body []byte) {
		status := errorStatus(n)
		answer := bytes.ReplaceAll(body, []byte(credMarker), []byte(secret))
		res, err := checkAnswer(t, k, c, h, status, answer)
		if err == nil || res.ok {
			t.Fatalf("a %d answer gave order %q, error %v", status, res.id, err)
		}
		if s, found := shown(k, err, secret, 0); found {
			t.Fatalf("a %d answer's error shows the credential: %s", status, s)
		}
	})
}

// warmUp answers every variant of body (see mutations) once, when fuzzing,
// before the fuzzing starts. The first decoding into each type fills
// encoding/json's caches: code that runs once per process, whose coverage a
// fuzz input that happened to run it first could not reproduce, and on
// which the fuzzer would spend its minimization time. Warmed up, the
// coverage of an input is more nearly its own. (sync.Pool and the net/http
// goroutines stay noisy, golang/go#46410, so .ci/fuzz also turns
// minimization off.) Not fuzzing, it does nothing: TestHostileBodies answers
// these variants already.
func warmUp(f *testing.F, k *kit, c *client, h *hostile, status int, body []byte) {
	f.Helper()
	if fl := flag.Lookup("test.fuzz"); fl == nil || fl.Value.String() == "" {
		return
	}
	for _, v := range mutations(f, body) {
		checkAnswer(f, k, c, h, status, v)
	}
	for _, b := range malformed {
		checkAnswer(f, k, c, h, status, []byte(b))
	}
}

// specExamples returns the examples the vendor's spec gives for the create
// operation's 2xx responses (success) or its other responses.
func specExamples(t testing.TB, k *kit, success bool) [][]byte {
	t.Helper()
	doc, err := k.spec()
	if err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Find(k.op).Post
	var out [][]byte
	for code, ref := range op.Responses.Map() {
		if ref == nil || ref.Value == nil || (code[0] == '2') != success {
			continue
		}
		for _, mt := range ref.Value.Content {
			examples := []any{mt.Example}
			for _, ex := range mt.Examples {
				if ex != nil && ex.Value != nil {
					examples = append(examples, ex.Value.Value)
				}
			}
			if mt.Schema != nil && mt.Schema.Value != nil {
				examples = append(examples, mt.Schema.Value.Example)
			}
			for _, ex := range examples {
				if ex == nil {
					continue
				}
				b, err := json.Marshal(ex)
				if err != nil {
					t.Fatalf("%s %s example: %v", k.name, code, err)
				}
				out = append(out, b)
			}
		}
	}
	return out
}

// documentedID returns the order id of body when body is a success body of
// the documented shape: valid JSON, a top-level object that does not say
// successFlag: false, with a string at k.idPath, each member on the path
// named exactly and by no other member that encoding/json would take for it
// (it matches names without regard to case, the last one winning). Anything
// else in the body may be of any shape.
func documentedID(k *kit, body []byte) (string, bool) {
	if !json.Valid(body) {
		return "", false
	}
	var node any
	if json.Unmarshal(body, &node) != nil {
		return "", false
	}
	if top, ok := node.(map[string]any); !ok {
		return "", false
	} else if k.successFlag != "" && top[k.successFlag] == false {
		return "", false
	}
	for _, step := range k.idPath {
		switch step := step.(type) {
		case string:
			obj, ok := node.(map[string]any)
			if !ok {
				return "", false
			}
			for name := range obj {
				if name != step && strings.EqualFold(name, step) {
					return "", false
				}
			}
			if node, ok = obj[step]; !ok {
				return "", false
			}
		case int:
			arr, ok := node.([]any)
			if !ok || len(arr) <= step {
				return "", false
			}
			node = arr[step]
		}
	}
	id, ok := node.(string)
	return id, ok && id != ""
}
