package joiorders

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// fuzzToken is the access token of the fuzzed clients: long enough that a
// fuzzed body does not hold it by chance, since the client would redact it.
const fuzzToken = "fuzz-token-5b0c1d9e8f7a6b5c4d3e2f1a"

// answering is a RoundTripper that answers every request with one status and
// body, with no network in between.
type answering struct {
	status int
	body   []byte
}

func (a answering) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		Status: http.StatusText(a.status), StatusCode: a.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(a.body)),
		ContentLength: int64(len(a.body)),
		Request:       r,
	}, nil
}

// answer makes one call of a client whose every request is answered with
// status and body.
func answer(t *testing.T, status int, body []byte) (*Order, error) {
	t.Helper()
	c, err := New(fuzzToken, WithBaseURL("https://orders.example.com/api"), WithoutValidation(),
		WithHTTPClient(&http.Client{Transport: answering{status, body}}), WithMaxRetries(0), WithMaxRateLimitWait(0))
	if err != nil {
		t.Fatal(err)
	}
	return c.CreateOrder(context.Background(), CreateOrderRequest{})
}

// seeds are bodies of both kinds, documented and malformed.
var seeds = []string{
	``, `null`, `{}`, `[]`, `"x"`, `0`, `{"success":false}`, `{"success":false,"message":"m"}`,
	`{"message":{"nested":true}}`, `{"success":true,"data":{"id":"6349a1c0f1d2e3a4b5c6d7e8","x":[1,{"y":null}]}}`,
	`{"success":true,"message":"Order created successfully","data":{"id":"6349a1c0f1d2e3a4b5c6d7e8"}}`,
	`{"success":true,"data":[]}`, `{"success": false , "message":"\u00e9"}`, `{"success":fals`, "\xff\xfe{",
	`<html></html>`, `{"success":true,"data":{"id":null}}`, `{"success":"yes","data":{"id":"a","lineItems":{}}}`,
	`{"data":{"id":"b"},"success":true,"message":7}`, `{"data":{"id":"c","id":"d"}}`,
}

// FuzzErrorBody answers any body with a 400: the call returns an *APIError
// whose Message alone was read from the body, which it keeps whole, and
// never panics.
func FuzzErrorBody(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if bytes.Contains(body, []byte(fuzzToken)) {
			t.Skip("the body holds the token, which the client redacts")
		}
		order, err := answer(t, http.StatusBadRequest, body)
		var e *APIError
		if order != nil || !errors.As(err, &e) {
			t.Fatalf("CreateOrder = %v, %v; want an *APIError", order, err)
		}
		if e.StatusCode != 400 || e.Code != "" || e.FieldErrors != nil || e.RetryAfter != 0 {
			t.Errorf("the error envelope set more than Message: %+v", e)
		}
		if want := body[:min(len(body), MaxErrorBody)]; !bytes.Equal(e.Body, want) {
			t.Errorf("Body = %q, want %q", e.Body, want)
		}
		if e.Message != strings.TrimSpace(e.Message) {
			t.Errorf("Message %q is not trimmed", e.Message)
		}
	})
}

// FuzzSuccessBody answers any body with a 200: whenever the body holds the
// order's id where the vendor documents it, as a string in the data object of
// an envelope that does not say success:false, the call returns the order
// with that id, however the rest of the body drifted. Whatever the body, the
// call never panics, and an error is one of the types a 2xx can give.
func FuzzSuccessBody(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if bytes.Contains(body, []byte(fuzzToken)) {
			t.Skip("the body holds the token, which the client redacts")
		}
		order, err := answer(t, http.StatusOK, body)
		var (
			ae *APIError
			de *DecodeError
		)
		if err != nil && !errors.As(err, &ae) && !errors.As(err, &de) {
			t.Fatalf("err = %T %v, want an *APIError or a *DecodeError", err, err)
		}
		if (err == nil) == (order == nil) {
			t.Fatalf("CreateOrder = %v, %v; want an order or an error", order, err)
		}
		id, ok := documentedID(body)
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("the body holds the id %q; err = %v", id, err)
		}
		if order.ID == nil || *order.ID != id {
			t.Errorf("order.ID = %v, want %q", order.ID, id)
		}
	})
}

// documentedID returns the id of the order in body when body is a JSON
// object whose data member is an object with a string id, and whose success
// member, if any, is not false. A body whose top-level names repeat, or
// differ only in case, is left out: encoding/json decodes the last of them,
// and the client recognizes the envelope by the first.
func documentedID(body []byte) (string, bool) {
	if !json.Valid(body) {
		return "", false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil || !uniqueNames(body) {
		return "", false
	}
	if string(bytes.TrimSpace(top["success"])) == "false" {
		return "", false
	}
	var data map[string]json.RawMessage
	if json.Unmarshal(top["data"], &data) != nil || data == nil {
		return "", false
	}
	var id string
	if raw := bytes.TrimSpace(data["id"]); len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &id) != nil {
		return "", false
	}
	return id, true
}

// uniqueNames reports whether the top-level member names of the JSON object
// body are distinct, ignoring case.
func uniqueNames(body []byte) bool {
	d := json.NewDecoder(bytes.NewReader(body))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	var seen []string
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		name := tok.(string)
		for _, s := range seen {
			// As encoding/json matches names to fields.
			if strings.EqualFold(s, name) {
				return false
			}
		}
		seen = append(seen, name)
		var skip json.RawMessage
		if d.Decode(&skip) != nil {
			return false
		}
	}
	return true
}
