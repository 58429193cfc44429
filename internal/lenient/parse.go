package lenient

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxDepth bounds the nesting of arrays and objects, and so the recursion of
// both the parser and the decoder. It is encoding/json's own limit, so that
// Decode rejects exactly the documents json.Valid rejects.
const maxDepth = 10000

// errTooDeep reports a document nested deeper than the parser's bound.
var errTooDeep = errors.New("lenient: JSON nested too deeply")

// kind is the JSON type of a value.
type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// String returns the JSON name of the type, as Drift problems spell it.
func (k kind) String() string {
	switch k {
	case kindBool:
		return "boolean"
	case kindNumber:
		return "number"
	case kindString:
		return "string"
	case kindArray:
		return "array"
	case kindObject:
		return "object"
	default:
		return "null"
	}
}

// node is one JSON value of a document. The decoder needs both the parsed
// value, to walk it beside the Go type, and its text, to hand to
// UnmarshalJSON methods; parsing once into nodes gives both without
// re-scanning the document at every level.
type node struct {
	kind    kind
	raw     []byte   // the value's JSON text, a subslice of the document
	text    string   // a string's content, or a number's literal
	truth   bool     // a boolean's value
	elems   []node   // an array's elements
	members []member // an object's members, in document order, duplicates kept
}

// member is one name/value pair of an object.
type member struct {
	name  string
	value node
}

// parse parses data, which holds one JSON value, into a tree of nodes. It
// reads with encoding/json's tokenizer, so strings are unescaped exactly as
// json.Unmarshal unescapes them; arrays and objects nested deeper than depth
// are an error.
func parse(data []byte, depth int) (*node, error) {
	p := parser{data: data, dec: json.NewDecoder(bytes.NewReader(data)), depth: depth}
	p.dec.UseNumber()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("lenient: data after the top-level JSON value")
	}
	return &n, nil
}

// parser holds the state of one parse.
type parser struct {
	data  []byte
	dec   *json.Decoder
	depth int
}

// value parses the next value, nested inside depth arrays and objects.
func (p *parser) value(depth int) (node, error) {
	start := p.nextValueOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return node{}, err
	}
	var n node
	switch tok := tok.(type) {
	case nil:
		n.kind = kindNull
	case bool:
		n.kind, n.truth = kindBool, tok
	case json.Number:
		n.kind, n.text = kindNumber, tok.String()
	case string:
		n.kind, n.text = kindString, tok
	case json.Delim:
		if depth >= p.depth {
			return node{}, errTooDeep
		}
		if tok == '[' {
			n.kind = kindArray
			err = p.elements(&n, depth+1)
		} else {
			n.kind = kindObject
			err = p.members(&n, depth+1)
		}
		if err != nil {
			return node{}, err
		}
	}
	n.raw = p.data[start:p.dec.InputOffset()]
	return n, nil
}

// elements parses an array's elements and its closing bracket.
func (p *parser) elements(n *node, depth int) error {
	for p.dec.More() {
		e, err := p.value(depth)
		if err != nil {
			return err
		}
		n.elems = append(n.elems, e)
	}
	_, err := p.dec.Token()
	return err
}

// members parses an object's members and its closing brace.
func (p *parser) members(n *node, depth int) error {
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string) // the tokenizer yields only strings here
		v, err := p.value(depth)
		if err != nil {
			return err
		}
		n.members = append(n.members, member{name: name, value: v})
	}
	_, err := p.dec.Token()
	return err
}

// nextValueOffset returns the offset in data of the next value. The decoder's
// offset stops after the previous token; between two tokens of a valid
// document there is only whitespace and the separators ',' and ':'.
func (p *parser) nextValueOffset() int {
	i := int(p.dec.InputOffset())
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}
