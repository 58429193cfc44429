// Package lenient decodes a JSON document into Go values the way
// encoding/json does, except that a member whose value does not fit its Go
// type is reported instead of failing the decode.
//
// The SDK decodes a vendor's success body with one strict json.Unmarshal.
// A 2xx means the order exists, so when that fails, because the vendor sent
// a member in a shape its spec does not give, the SDK decodes again with
// [Decode] and keeps the order, with the [Drift] that explains what was
// dropped or converted. It is the slow path: it parses the whole document
// into a tree first and walks it with reflection.
//
// # Errors
//
// Decode fails only when data is not valid JSON (json.Valid is false: a
// syntax error, trailing data, or nesting deeper than encoding/json's limit
// of 10000 arrays and objects), with the *json.SyntaxError json.Unmarshal
// returns and nothing decoded; or when v is not a non-nil pointer, with a
// *json.InvalidUnmarshalError. Anything else is drift, never an error.
//
// # What Decode does
//
// Decode walks the document and the Go type together. Where a value fits,
// the result is what json.Unmarshal gives and there is no drift: a document
// that json.Unmarshal decodes without error yields the same value and no
// drift. Where it does not, the rules are these, with the Problem reported:
//
//	JSON value                  Go type                   result                           Problem
//	any                         has UnmarshalJSON         the method's result              -
//	  method fails              model struct (see below)  decoded member by member         (its members' own)
//	  method fails              other (time.Time, …)      unchanged                        want time.Time, got string
//	string                      has UnmarshalText         the method's result              -
//	  method fails                                        unchanged                        want netip.Addr, got string
//	null                        pointer                   nil                              -
//	null                        has UnmarshalJSON         the method's result              -
//	null                        map, slice, interface     nil                              -
//	null                        anything else             unchanged                        -
//	object                      struct                    member by member                 -
//	  unknown member                                      ignored or AdditionalProperties  -
//	object                      map                       entries; misfits left out        -
//	array                       slice                     elements; misfits zero           -
//	array                       Go array                  elements; extras ignored         -
//	any                         empty interface           map[string]any, []any, …         -
//	string                      []byte                    base64-decoded                   -
//	number                      json.Number               the literal                      -
//	string holding a number     json.Number               the literal                      -
//	number                      string type               the number's literal text        want string, got number; kept its text
//	boolean                     string type               "true" or "false"                want string, got boolean; kept its text
//	integral number (2.0, 2e0)  integer type              the integer, exactly             -
//	string holding a number     number type               parsed as that number            want integer, got string; parsed it
//	"true" or "false"           bool                      parsed                           want boolean, got string; parsed it
//	number with a fraction      integer type              unchanged                        want integer, got number with a fraction
//	number out of range         number type               unchanged                        want int8, got number out of its range
//	string not base64           []byte                    unchanged                        want base64 string, got string that is not base64
//	any other mismatch                                    unchanged                        want object, got array
//	any                         chan, func, complex, …    unchanged                        unsupported Go type chan int
//
// "Unchanged" means the zero value when decoding into a fresh value, as the
// SDK does, and a nil pointer stays nil: nothing is allocated for a value
// that does not fit. A value nested under one that does not fit is not
// visited, so one drift covers it. A map entry that does not fit is left out;
// an array element that does not fit stays zero, so indexes keep their
// meaning.
//
// A model struct is one with members of its own: an exported field json
// decodes, or AdditionalProperties. A struct whose fields are all unexported,
// such as time.Time, is decoded only by its methods.
//
// Struct members are matched as encoding/json matches them: json tag names
// (or Go names), "-" skipped, embedded structs promoted under encoding/json's
// dominance rules, an exact name preferred to a case-insensitive one. A
// field tagged ",string" takes its value from the JSON text inside a string,
// as encoding/json expects, and decodes the member as it stands otherwise.
// A struct with an exported map field AdditionalProperties tagged `json:"-"`,
// which is how oapi-codegen models additionalProperties, receives every
// unknown member there, each decoded leniently into the map's element type;
// its members are matched exactly, as the UnmarshalJSON method oapi-codegen
// generates for it matches them. Named string types (the generated enums)
// take any string, as in encoding/json: a new enum value is not drift.
//
// An interface that already holds a non-nil pointer is decoded through it,
// as in encoding/json. Type methods run on a copy of the current value,
// which replaces it only if the method succeeds, so a method that fails half
// way leaves nothing behind.
//
// # Drift
//
// Drift comes in document order: the order in which the members and elements
// it concerns appear in data, a member appearing twice reported twice. A
// Drift's Path uses the syntax of the validator's violation paths and holds
// member names (for a map, its keys); its Problem names JSON types and Go
// types, never the value, which may carry personal data or a credential.
package lenient

import (
	"encoding/json"
	"errors"
	"reflect"
)

// Drift is one member of a decoded document that did not fit its Go type.
type Drift struct {
	// Path is the JSON path of the member: names joined by ".", array indexes
	// as "[i]", such as "data.lineItems[0].price"; "" for the whole document.
	// Names are those in the document, so a member matched case-insensitively
	// appears as the vendor spelled it.
	Path string
	// Problem says what did not fit and what became of it, such as
	// "want number, got string; parsed it" or "want object, got array". It
	// never holds the value.
	Problem string
}

// String returns "path: problem", or the problem alone for the whole
// document.
func (d Drift) String() string {
	if d.Path == "" {
		return d.Problem
	}
	return d.Path + ": " + d.Problem
}

// Decode decodes the JSON document data into the value v points to, as
// json.Unmarshal would, except that a member whose JSON value does not fit
// its Go type never fails the decode: it is converted when no information is
// lost, left unchanged otherwise, and reported in the returned drift, in
// document order. See the package documentation for the exact rules.
//
// Decode returns a *json.SyntaxError, having decoded nothing, when data is
// not valid JSON, and a *json.InvalidUnmarshalError when v is not a non-nil
// pointer. It is safe for concurrent use.
func Decode(data []byte, v any) ([]Drift, error) {
	if !json.Valid(data) {
		return nil, syntaxError(data)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, &json.InvalidUnmarshalError{Type: reflect.TypeOf(v)}
	}
	root, err := parse(data, maxDepth)
	if err != nil {
		return nil, err
	}
	var d decoder
	d.value(root, rv.Elem(), "")
	return d.drifts, nil
}

// syntaxError returns the error json.Unmarshal reports for the invalid
// document data. json.Unmarshal checks the whole document before it decodes
// anything, so decoding into a RawMessage costs one scan.
func syntaxError(data []byte) error {
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	return errors.New("lenient: invalid JSON") // json.Valid and json.Unmarshal disagree
}
