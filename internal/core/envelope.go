package core

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
)

// ErrorEnvelope says where a vendor's error body keeps its fields, as JSON
// pointers (RFC 6901, such as "/error/code"). Each list is tried in order and
// the first pointer whose value has a usable type wins. Reading is lenient: a
// body that is not JSON, or a member of an unexpected type, leaves that field
// empty and the raw body in APIError.Body.
type ErrorEnvelope struct {
	// Code lists where the vendor's error code may be: a string, or a
	// number kept as its text.
	Code []string
	// Message lists where its human-readable message may be: a string.
	Message []string
	// Details points at notes joined to the message ("message: a; b"): an
	// array of strings, or one string. Empty entries are skipped.
	Details string
	// FieldErrors points at per-field problems, whose shape vendors rarely
	// document: an array of field names or of objects naming the field
	// (field, name, property, propertyName or path) and the problem
	// (message, error or errorMessage), in any case; or an object mapping
	// each field to a message or to a list of messages.
	FieldErrors string
}

// decode fills e's Code, Message and FieldErrors from body.
func (env *ErrorEnvelope) decode(body []byte, e *apierror.APIError) {
	if len(env.Code)+len(env.Message) == 0 && env.Details == "" && env.FieldErrors == "" {
		return
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var doc any
	if d.Decode(&doc) != nil {
		return
	}
	for _, p := range env.Code {
		if v, ok := text(lookup(doc, p), true); ok {
			e.Code = v
			break
		}
	}
	for _, p := range env.Message {
		if v, ok := text(lookup(doc, p), false); ok {
			e.Message = strings.TrimSpace(v)
			break
		}
	}
	if env.Details != "" {
		if details := strings.Join(texts(lookup(doc, env.Details)), "; "); details != "" {
			if e.Message != "" {
				e.Message += ": " + details
			} else {
				e.Message = details
			}
		}
	}
	if env.FieldErrors != "" {
		e.FieldErrors = fieldErrors(lookup(doc, env.FieldErrors))
	}
}

// lookup returns the value at the JSON pointer p in doc, or nil.
func lookup(doc any, p string) any {
	if p == "" {
		return doc
	}
	for _, tok := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		obj, ok := doc.(map[string]any)
		if !ok {
			return nil
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		doc = obj[tok]
	}
	return doc
}

// text returns v when it is a string, or, with numbers set, a number's text.
func text(v any, numbers bool) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), numbers
	}
	return "", false
}

// texts returns the non-blank strings of v, an array or one string.
func texts(v any) []string {
	if s, ok := v.(string); ok {
		v = []any{s}
	}
	list, _ := v.([]any)
	var out []string
	for _, item := range list {
		if s, ok := item.(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// fieldErrors reads per-field problems in the shapes ErrorEnvelope lists.
func fieldErrors(v any) []apierror.FieldError {
	var out []apierror.FieldError
	switch v := v.(type) {
	case []any:
		for _, item := range v {
			switch item := item.(type) {
			case string:
				out = append(out, apierror.FieldError{Field: item})
			case map[string]any:
				f := apierror.FieldError{
					Field:   firstString(item, "field", "name", "property", "propertyName", "path"),
					Message: firstString(item, "message", "error", "errorMessage"),
				}
				if f != (apierror.FieldError{}) {
					out = append(out, f)
				}
			}
		}
	case map[string]any:
		for _, field := range sortedKeys(v) {
			msgs := texts(v[field])
			if len(msgs) == 0 {
				out = append(out, apierror.FieldError{Field: field})
			}
			for _, m := range msgs {
				out = append(out, apierror.FieldError{Field: field, Message: m})
			}
		}
	}
	return out
}

// firstString returns the value of the first of keys whose value in obj is a
// string, trying exact names before names that differ only in case.
func firstString(obj map[string]any, keys ...string) string {
	for _, want := range keys {
		if s, ok := obj[want].(string); ok {
			return s
		}
	}
	names := sortedKeys(obj) // a stable pick when two keys differ only in case
	for _, want := range keys {
		for _, k := range names {
			if strings.EqualFold(k, want) {
				if s, ok := obj[k].(string); ok {
					return s
				}
			}
		}
	}
	return ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
