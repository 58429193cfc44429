package lenient

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzDecode holds Decode, on any input, to: no panic; an error exactly when
// json.Valid rejects the input; json.Unmarshal's result and no drift
// wherever json.Unmarshal succeeds; and the order's id kept whenever the
// document has one string member "id".
func FuzzDecode(f *testing.F) {
	f.Add(readOrder(f))
	for _, seed := range []string{
		`{"id":"ord_1","total":"12","lineItems":[{"quantity":2.0}]}`,
		`{"id":7,"createdAt":"2023-11-07","billingAddress":{"city":5,"x":[]}}`,
		`{"ID":"a","metadata":{"source":1,"k":{}},"customFieldAnswers":[]}`,
		`{"data":{"id":"a"},"data":{"billingAddress":{"id":"b"}},"success":"true"}`,
		`{"id":"\u00e9\ud83d\ude00","version":1e2,"paid":null}`,
		`[[[]]]`, `"x"`, `null`, `{"id":"a"`, `{} {}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		for _, newTarget := range []func() any{
			func() any { return new(testResponse) },
			func() any { return new(testOrder) },
			func() any { return new(any) },
		} {
			got := newTarget()
			drift, err := Decode(data, got)
			if (err != nil) == valid {
				t.Fatalf("Decode error %v, json.Valid %v", err, valid)
			}
			want := newTarget()
			if json.Unmarshal(data, want) != nil {
				continue
			}
			if !reflect.DeepEqual(want, got) || len(drift) != 0 {
				t.Fatalf("json.Unmarshal succeeds, Decode differs (-json.Unmarshal +Decode):\n%s\ndrift: %q",
					cmp.Diff(want, got), drift)
			}
		}
		if id, ok := soleStringID(data); ok {
			var order testOrder
			if _, err := Decode(data, &order); err != nil || order.ID == nil || *order.ID != id {
				t.Fatalf("document's id %q, decoded ID %v (error %v)", id, order.ID, err)
			}
		}
	})
}

// soleStringID returns the value of the top-level member of data that
// matches "id", when data is an object with exactly one such member and its
// value is a string. It reads with encoding/json's tokenizer, not with the
// code under test.
func soleStringID(data []byte) (string, bool) {
	if !json.Valid(data) {
		return "", false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, _ := dec.Token(); tok != json.Delim('{') {
		return "", false
	}
	var id string
	found := 0
	for dec.More() {
		name, _ := dec.Token()
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return "", false
		}
		if !strings.EqualFold(name.(string), "id") {
			continue
		}
		found++
		if json.Unmarshal(value, &id) != nil || bytes.TrimSpace(value)[0] != '"' {
			return "", false
		}
	}
	return id, found == 1
}
