package lenient

import (
	"bytes"
	"encoding/json"
	"testing"
)

// BenchmarkDecode measures the lenient decode of the test order
// (testdata/order.json, about 2 KB), beside the strict json.Unmarshal it
// backs up. "drifted" is the case Decode exists for: the order's id sent as
// a number and the address's floor as a string, so json.Unmarshal fails;
// strict-then-lenient is what the SDK pays for such a body.
//
//	go test -run '^$' -bench BenchmarkDecode -benchmem ./internal/lenient/
func BenchmarkDecode(b *testing.B) {
	valid := readOrder(b)
	drifted := bytes.Replace(valid, []byte(`"id": "3c90c3cc-0d44-4b50-8888-8dd25736052a"`), []byte(`"id": 31415926535`), 1)
	drifted = bytes.Replace(drifted, []byte(`"floor": 12`), []byte(`"floor": "12"`), 1)
	if bytes.Equal(drifted, valid) || json.Unmarshal(drifted, new(testResponse)) == nil {
		b.Fatal("the drifted document is not drifted")
	}
	b.Run("strict/valid", func(b *testing.B) {
		b.SetBytes(int64(len(valid)))
		for b.Loop() {
			var r testResponse
			if err := json.Unmarshal(valid, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("strict-then-lenient/drifted", func(b *testing.B) {
		b.SetBytes(int64(len(drifted)))
		for b.Loop() {
			var r testResponse
			if json.Unmarshal(drifted, &r) == nil {
				b.Fatal("strict decode succeeded")
			}
			r = testResponse{}
			if _, err := Decode(drifted, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, bench := range []struct {
		name  string
		doc   []byte
		drift int
	}{
		{"lenient/valid", valid, 0},
		{"lenient/drifted", drifted, 2},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.SetBytes(int64(len(bench.doc)))
			for b.Loop() {
				var r testResponse
				drift, err := Decode(bench.doc, &r)
				if err != nil || len(drift) != bench.drift {
					b.Fatalf("drift %q, error %v", drift, err)
				}
			}
		})
	}
}
