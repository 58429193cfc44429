package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"
)

// The drift family (issue 13): a vendor that changes the type or format of
// a member of its success body, or adds members, must never cost the caller
// the order it created. From the body the vendor's fake sends for the
// vendor's full sample order, TestDriftKeepsOrder builds variants in which
// one leaf at a time takes another JSON type, null, another number or date
// format or an unknown enum value, in which a container at every level gains
// an unknown member, and in which an object and an array swap places. Only
// the order id itself and the shape that carries it (the top-level object,
// and the members on the path to the id) stay as documented. Each variant
// must give the typed result with the id, and no error.

// driftVariant is one drifted success body.
type driftVariant struct {
	// what says where and how the body drifted.
	what string
	body []byte
}

// driftDates are a date leaf's odd formats.
var driftDates = []string{
	`"2024-11-07 11:57:25"`, `"2024-11-07T11:57:25.123456789+05:30"`, `"2024-11-07"`, `"07/11/2024"`,
	`"Thu, 07 Nov 2024 11:57:25 GMT"`, `"1730980645"`, `1730980645`, `1730980645123`, `"0000-00-00T00:00:00Z"`, `"not a date"`,
}

// leafDrifts returns what a leaf of the value v may drift to, by its JSON
// type: never its documented type and value, and never false for a boolean,
// which an envelope's success flag documents as a failure.
func leafDrifts(v any) []string {
	common := []string{`null`, `{"unexpected":{"deeper":[1,"x",null]}}`, `[1,"x"]`, `[]`, `{}`}
	switch v := v.(type) {
	case string:
		out := append(common, `12345`, `-1.5`, `true`, `""`, `"UNKNOWN_VALUE_FROM_THE_FUTURE"`, `"\u00e9\u0000\ud83d\ude00"`)
		for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
			if _, err := time.Parse(layout, v); err == nil {
				out = append(out, driftDates...)
				break
			}
		}
		return out
	case json.Number:
		out := append(common, `"`+v.String()+`"`, `"1,234.50"`, `true`, `1e400`, `-0`, `18446744073709551616`)
		if _, err := v.Int64(); err == nil {
			// An integer as a float, with and without a fraction.
			out = append(out, v.String()+`.5`, v.String()+`.0`, v.String()+`e0`)
		} else {
			out = append(out, `12`)
		}
		return out
	case bool:
		return append(common, `"true"`, `1`, `"yes"`)
	case nil:
		return []string{`"x"`, `1`, `true`, `{}`, `[]`}
	}
	return nil
}

// unknownMember is the member every container gains in its own variant.
const unknownMember = `zz_member_from_the_future`

// driftVariants returns the drifted variants of body, whose order id is at
// idPath.
func driftVariants(t testing.TB, body []byte, idPath []any) []driftVariant {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	documented, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []driftVariant
	add := func(path []any, how string, v any) {
		b, err := json.Marshal(replaceAt(root, path, v))
		if err != nil {
			t.Fatal(err)
		}
		// A drift to the value the body already holds (an empty array
		// emptied) is no drift.
		if !bytes.Equal(b, documented) {
			out = append(out, driftVariant{fmt.Sprintf("%v %s", path, how), b})
		}
	}
	var walk func(path []any)
	walk = func(path []any) {
		// The path to the id, and the id itself, keep their shape.
		onIDPath := len(path) <= len(idPath) && slices.Equal(path, idPath[:len(path)])
		if onIDPath && len(path) == len(idPath) {
			return
		}
		switch n := nodeAt(root, path).(type) {
		case map[string]any:
			grown := make(map[string]any, len(n)+1)
			for k, v := range n {
				grown[k] = v
			}
			grown[unknownMember] = map[string]any{"nested": []any{1, "x", map[string]any{"deep": true}}}
			add(path, "gains an unknown member", grown)
			if !onIDPath {
				add(path, "becomes an array of itself", []any{n})
				add(path, "becomes null", nil)
			}
			keys := make([]string, 0, len(n))
			for k := range n {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(append(slices.Clip(path), k))
			}
		case []any:
			if !onIDPath {
				obj := map[string]any{}
				for i, v := range n {
					obj[fmt.Sprint(i)] = v
				}
				add(path, "becomes an object", obj)
				add(path, "becomes null", nil)
				add(path, "becomes empty", []any{})
				if len(n) > 0 {
					add(path, "gains an unknown element", append(slices.Clip(n), "element from the future"))
				}
			}
			for i := range n {
				walk(append(slices.Clip(path), i))
			}
		default:
			for _, v := range leafDrifts(n) {
				add(path, "becomes "+v, json.RawMessage(v))
			}
		}
	}
	walk(nil)
	return out
}

// TestDriftKeepsOrder sends, for each vendor, every drifted variant of its
// documented success body (see driftVariants) under the vendor's success
// status, and checks that each gives the typed result with the order id,
// and no error. It logs, per vendor, the number of variants and of results
// with the id:
//
//	go test -run Drift -v ./internal/reliability/ | grep variants
func TestDriftKeepsOrder(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			success, _ := vendorBodies(t, k)
			id, ok := documentedID(k, success)
			if !ok {
				t.Fatalf("the fake's success body has no order id at %v: %s", k.idPath, success)
			}
			variants := driftVariants(t, success, k.idPath)
			h := newHostile(t)
			c := k.dialHostile(t, h)
			withID := 0
			for _, v := range variants {
				h.answer(k.successStatus, v.body)
				res, err := c.create(context.Background(), "drift")
				switch {
				case err != nil:
					t.Errorf("%s: %v\nbody: %s", v.what, err, v.body)
				case !res.ok || res.id != id:
					t.Errorf("%s: result %+v carries id %q, want %q", v.what, res.value, res.id, id)
				default:
					withID++
				}
			}
			t.Logf("%s: variants %d, with id %d", k.name, len(variants), withID)
			if len(variants) < 20 {
				t.Errorf("only %d variants: the body has fewer leaves than the documented order", len(variants))
			}
		})
	}
}
