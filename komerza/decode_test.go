package komerza_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
)

// orderID is the id of the order in successBody.
const orderID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"

// successBody is a success envelope in the shape of the vendor page's
// example, whose data holds the id orderID and members.
func successBody(members string) []byte {
	return []byte(`{"success":true,"message":"The order was created.","code":null,"data":{` + members + `,"id":"` + orderID + `"}}`)
}

// TestDriftedSuccessKeepsOrder covers 2xx bodies whose members do not fit
// their documented types: Komerza created the order, so the call returns it,
// with the members that did not fit left empty and listed in the Drift.
func TestDriftedSuccessKeepsOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		members   string   // data's members besides the id
		body      string   // the whole body, instead of members
		wantID    string   // the order's id, when not orderID
		wantDrift []string // the paths of the Drift
		check     func(*komerza.Order) string
	}{
		{
			name:    "customFieldAnswers of every JSON type",
			members: `"customFieldAnswers":{"color":"red","size":42,"gift":true,"extra":{"a":1},"tags":["x"],"none":null}`,
			check: func(o *komerza.Order) string {
				return cmp.Diff(komerza.CustomFieldAnswers{"color": "red", "size": 42.0, "gift": true,
					"extra": map[string]any{"a": 1.0}, "tags": []any{"x"}, "none": nil}, o.CustomFieldAnswers)
			},
		},
		{
			name:      "id as a number, kept as its text",
			body:      `{"success":true,"data":{"id":42,"status":"Pending"}}`,
			wantID:    "42",
			wantDrift: []string{"data.id"},
			check:     func(o *komerza.Order) string { return cmp.Diff(ptr("Pending"), o.Status) },
		},
		{
			name:      "status as a number",
			members:   `"status":3`,
			wantDrift: []string{"data.status"},
			check:     func(o *komerza.Order) string { return cmp.Diff(ptr("3"), o.Status) },
		},
		{
			name:      "amount as a string",
			members:   `"amount":"19.99","amountPaid":0`,
			wantDrift: []string{"data.amount"},
			check:     func(o *komerza.Order) string { return cmp.Diff(ptr(19.99), o.Amount) },
		},
		{
			name:    "quantity as an integral float",
			members: `"items":[{"id":"3c90c3cc-0d44-4b50-8888-8dd25736052b","quantity":2.0,"amount":10,"lineTotal":20.0}]`,
			check:   func(o *komerza.Order) string { return cmp.Diff(ptr(int32(2)), o.Items[0].Quantity) },
		},
		{
			name:      "quantity with a fraction",
			members:   `"items":[{"id":"3c90c3cc-0d44-4b50-8888-8dd25736052b","quantity":1.5}]`,
			wantDrift: []string{"data.items[0].quantity"},
			check: func(o *komerza.Order) string {
				return cmp.Diff([]komerza.LineItem{{ID: ptr("3c90c3cc-0d44-4b50-8888-8dd25736052b")}}, o.Items)
			},
		},
		{
			name:    "dateCreated without an offset, and as a date",
			members: `"dateCreated":"2023-11-07 05:31:56","customer":{"dateCreated":"2023-11-07"}`,
			check: func(o *komerza.Order) string {
				return cmp.Diff([]*string{ptr("2023-11-07 05:31:56"), ptr("2023-11-07")}, []*string{o.DateCreated, o.Customer.DateCreated})
			},
		},
		{
			name:      "items as an object, customer as an array",
			members:   `"items":{},"customer":[],"gateway":"stripe"`,
			wantDrift: []string{"data.items", "data.customer"},
			check: func(o *komerza.Order) string {
				if o.Items != nil || o.Customer != nil {
					return "items or customer kept"
				}
				return cmp.Diff(ptr("stripe"), o.Gateway)
			},
		},
		{
			name:    "unknown members at every level",
			members: `"tax":{"taxAmount":1},"source":"api","items":[{"volumeDiscountAmount":1}],"coupon":{"new":[1]}`,
			check: func(o *komerza.Order) string {
				return cmp.Diff([]komerza.LineItem{{}}, o.Items)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, srv := setup(t)
			body := successBody(tt.members)
			if tt.body != "" {
				body = []byte(tt.body)
			}
			srv.Inject(komerzatest.Fault{Status: 200, Body: body})
			var resp komerza.Response
			o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder(), komerza.WithResponseInto(&resp))
			if err != nil {
				t.Fatalf("err = %v, want the order", err)
			}
			wantID := orderID
			if tt.wantID != "" {
				wantID = tt.wantID
			}
			if o.ID == nil || *o.ID != wantID {
				t.Errorf("order id = %v, want %q", o.ID, wantID)
			}
			if diff := tt.check(o); diff != "" {
				t.Errorf("order: %s", diff)
			}
			var paths []string
			for _, d := range resp.Drift {
				paths = append(paths, d.Path)
				if d.Problem == "" {
					t.Errorf("drift %q has no problem", d.Path)
				}
			}
			if diff := cmp.Diff(tt.wantDrift, paths); diff != "" {
				t.Errorf("drift paths (-want +got):\n%s", diff)
			}
			if !bytes.Equal(resp.Body, body) {
				t.Errorf("Response.Body = %q, want the raw body", resp.Body)
			}
		})
	}
}

// TestDuplicateDataMemberIsNotAnOrder covers a body whose first data member is
// an order and whose last, the one encoding/json keeps, is null: the call
// must not return a nil order without an error.
func TestDuplicateDataMemberIsNotAnOrder(t *testing.T) {
	t.Parallel()
	c, srv := setup(t)
	srv.Inject(komerzatest.Fault{Status: 200, Body: []byte(`{"success":true,"data":{"id":"3c90c3cc-0d44-4b50-8888-8dd25736052a"},"data":null}`)})
	o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
	var de *komerza.DecodeError
	if !errors.As(err, &de) || o != nil || !errors.Is(err, komerza.ErrOutcomeUnknown) {
		t.Fatalf("CreateOrder() = %v, %v; want a *DecodeError matching ErrOutcomeUnknown", o, err)
	}
}

// FuzzSuccessKeepsID answers CreateOrder with the fuzzed body and a 200, and
// holds the call to what a 2xx promises: an order or an error, never both
// nor neither; an error only of the kinds a 2xx may give; and, when the body
// is an envelope that does not say success:false and whose data holds a
// string id, the order with that id.
func FuzzSuccessKeepsID(f *testing.F) {
	for _, s := range []string{
		string(successBody(`"status":"Pending"`)),
		string(successBody(`"customFieldAnswers":{"a":1,"b":[true]}`)),
		string(successBody(`"items":[{"quantity":2.0}],"amount":"5"`)),
		`{"data":{"id":"x"}}`, `{"success":false,"data":{"id":"x"}}`, `{"success":"false","data":{"id":"x"}}`,
		`{"data":{"id":42}}`, `{"data":null}`, `{"data":[]}`, `{}`, `null`, `[]`, ``, `{"data":{"id":"x"`,
		`{"data":{"id":"\u00e9\ud800"}}`, `{"data":{"id":"x","id":"y"}}`,
	} {
		f.Add([]byte(s))
	}
	srv := komerzatest.NewServer(f)
	c, err := srv.Client(komerza.WithMaxRetries(0))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		srv.Inject(komerzatest.Fault{Status: 200, Body: body})
		o, err := c.CreateOrder(context.Background(), storeID, komerzatest.MinimalOrder())
		if (o == nil) == (err == nil) {
			t.Fatalf("CreateOrder() = %v, %v; want an order or an error", o, err)
		}
		var ae *komerza.APIError
		var de *komerza.DecodeError
		switch {
		case err == nil:
		case errors.As(err, &ae):
			if ae.StatusCode != 200 {
				t.Fatalf("APIError.StatusCode = %d for a 200", ae.StatusCode)
			}
		case errors.As(err, &de):
			if !errors.Is(err, komerza.ErrOutcomeUnknown) {
				t.Fatalf("a DecodeError of a 200 must match ErrOutcomeUnknown: %v", err)
			}
		default:
			t.Fatalf("a 200 gave %T: %v", err, err)
		}
		id, ok := envelopeID(body)
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("the body holds the order %q, the call failed: %v", id, err)
		}
		if o.ID == nil || *o.ID != id {
			t.Fatalf("the body holds the order %q, the result has id %v", id, o.ID)
		}
	})
}

// envelopeID returns the id of the order in body, read as plainly as the
// body allows: a JSON object without duplicate members, whose success is not
// false and whose data is an object without duplicate members, holding a
// string id. Bodies with a member twice are left out, since which one counts
// is a choice of the reader, not of the body.
func envelopeID(body []byte) (string, bool) {
	top, ok := members(body)
	if !ok || string(top["success"]) == "false" {
		return "", false
	}
	data, ok := members(top["data"])
	if !ok {
		return "", false
	}
	var id string
	if err := json.Unmarshal(data["id"], &id); err != nil || !strings.HasPrefix(strings.TrimSpace(string(data["id"])), `"`) {
		return "", false
	}
	return id, true
}

// members returns the members of the JSON object raw, false when raw is not
// one or has a member twice, in any case.
func members(raw []byte) (map[string]json.RawMessage, bool) {
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	out := map[string]json.RawMessage{}
	for d.More() {
		tok, err := d.Token()
		key, isKey := tok.(string)
		if err != nil || !isKey {
			return nil, false
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, false
		}
		for k := range out {
			if strings.EqualFold(k, key) {
				return nil, false // encoding/json matches names in any case
			}
		}
		out[key] = v
	}
	if tok, err := d.Token(); err != nil || tok != json.Delim('}') {
		return nil, false
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, false // trailing data
	}
	return out, true
}
