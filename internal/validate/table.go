package validate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// MaxKeyLengthExtension is the spec extension that bounds the length of a map's
// keys, which OpenAPI 3.0 cannot say (3.1 has propertyNames). genvalidate
// reads it into [Node.MaxKeyLength].
const MaxKeyLengthExtension = "x-ordersdk-max-key-length"

// Table is a schema's constraints as plain data, written by
// tools/cmd/genvalidate from a vendor's spec into the vendor's
// validation.gen.go. A Table holds no pointers between its nodes, only
// numbers, so that the compiler lays it out in the binary as it is: a
// program pays nothing for it at start-up, and nothing until its first
// check (see [New]).
//
// A Table must not be changed once a [Schema] uses it.
type Table struct {
	// Nodes holds the schema and every schema it refers to. Nodes[1] is the
	// root; Nodes[0] is unused, so that the zero Ref refers to no node. A
	// Table with fewer than two nodes constrains nothing.
	Nodes []Node
}

// Ref refers to a node of a Table by its index in Table.Nodes; the zero Ref
// refers to none. Nodes refer to each other by number rather than by
// pointer because schemas can be recursive, and a cycle of pointers between
// package variables cannot be initialized statically.
type Ref uint32

// Node is one schema: the constraints of the OpenAPI 3.0 keyword of the same
// name, a zero field being a keyword the schema does not use. Optional upper
// bounds come with a Has field, since a bound of zero is a bound.
type Node struct {
	// Type is the schema's type, such as "object" or "string"; "" when it
	// has none. A schema with a type refuses null unless it is Nullable.
	Type     string
	Nullable bool

	// Required lists the members an object must have, in the spec's order.
	Required []string
	// Properties gives the schema of each named member; genvalidate sorts
	// them by name.
	Properties []Property
	// AdditionalProperties is the schema of the members Properties does not
	// name.
	AdditionalProperties Ref
	MinProperties        uint64
	MaxProperties        uint64
	HasMaxProperties     bool
	// MaxKeyLength bounds the length, in characters, of each member name
	// of a map; zero for none. It is the spec extension
	// [MaxKeyLengthExtension].
	MaxKeyLength int

	// Items is the schema of an array's items.
	Items       Ref
	MinItems    uint64
	MaxItems    uint64
	HasMaxItems bool

	// MinLength and MaxLength count characters (runes), not bytes.
	MinLength    uint64
	MaxLength    uint64
	HasMaxLength bool
	// Pattern is a regular expression in Go's syntax, unanchored as in
	// OpenAPI; genvalidate refuses a pattern Go cannot compile.
	Pattern string
	// Format is the string format, such as "email"; a format the validator
	// does not know passes, as OpenAPI says it must.
	Format string

	// Enum lists the allowed values as text: a string as it is, a number
	// in its shortest decimal form without an exponent (1000000, 0.5). A
	// value is allowed when its text is in the list; the list, joined with
	// ", ", is the violation's message.
	Enum []string

	Minimum    float64
	HasMinimum bool
	Maximum    float64
	HasMaximum bool
	// ExclusiveMinimum and ExclusiveMaximum are OpenAPI 3.0's booleans,
	// which make Minimum and Maximum exclusive.
	ExclusiveMinimum bool
	ExclusiveMaximum bool
}

// Property is a named member of an object schema.
type Property struct {
	Name string
	Node Ref
}

// root returns the table's root node, or nil when the table has none.
func (t *Table) root() *Node {
	if t == nil || len(t.Nodes) < 2 {
		return nil
	}
	return &t.Nodes[1]
}

// node returns the node r refers to, or nil for the zero Ref or one beyond
// the table.
func (t *Table) node(r Ref) *Node {
	if r == 0 || int(r) >= len(t.Nodes) {
		return nil
	}
	return &t.Nodes[r]
}

// Members returns the names of the members the node at path gives a schema
// of, in the table's order; nil when no node is at path or it names none. path is written
// as the Path of a violation is: "billing_address" is a member of the root
// object, and "lines[0]" the items of the array lines, whatever the index. A
// member name that is not among Properties leads to AdditionalProperties.
//
// It serves rules that need the spec's member names, such as slugorders'
// "shadowedField".
func (t *Table) Members(path string) []string {
	n := t.root()
	for n != nil && path != "" {
		switch {
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return nil
			}
			if _, err := strconv.ParseUint(path[1:end], 10, 0); err != nil {
				return nil
			}
			n, path = t.node(n.Items), path[end+1:]
		default:
			// A member name follows the start of the path, or a dot.
			path = strings.TrimPrefix(path, ".")
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			if end == 0 {
				return nil
			}
			n, path = t.member(n, path[:end]), path[end:]
		}
	}
	if n == nil {
		return nil
	}
	var names []string
	for _, p := range n.Properties {
		names = append(names, p.Name)
	}
	return names
}

// member returns the node of the member name of the object n.
func (t *Table) member(n *Node, name string) *Node {
	for _, p := range n.Properties {
		if p.Name == name {
			return t.node(p.Node)
		}
	}
	return t.node(n.AdditionalProperties)
}

// compile turns t into the nodes the walk uses: members in maps, patterns
// compiled, enums as sets. It returns the root, or nil for a table with no
// nodes, and an error naming the first node that is not valid, which
// genvalidate never writes.
func (t *Table) compile() (*node, error) {
	if t.root() == nil {
		return nil, nil
	}
	nodes := make([]node, len(t.Nodes))
	ref := func(from int, r Ref) (*node, error) {
		switch {
		case r == 0:
			return nil, nil
		case int(r) >= len(nodes):
			return nil, fmt.Errorf("node %d refers to node %d of %d", from, r, len(nodes)-1)
		}
		return &nodes[r], nil
	}
	for i := 1; i < len(t.Nodes); i++ {
		src, n := &t.Nodes[i], &nodes[i]
		n.Node = *src
		if len(src.Required) == 0 {
			n.Required = nil
		}
		if src.Pattern != "" {
			re, err := regexp.Compile(src.Pattern)
			if err != nil {
				return nil, fmt.Errorf("node %d: pattern %q: %w", i, src.Pattern, err)
			}
			n.re = re
		}
		if len(src.Enum) > 0 {
			n.enumSet = make(map[string]bool, len(src.Enum))
			for _, e := range src.Enum {
				n.enumSet[e] = true
			}
			n.enumText = strings.Join(src.Enum, ", ")
		}
		var err error
		for _, p := range src.Properties {
			child, err := ref(i, p.Node)
			if err != nil {
				return nil, err
			}
			if child == nil {
				continue // a member without a schema constrains nothing
			}
			if n.propNodes == nil {
				n.propNodes = make(map[string]*node, len(src.Properties))
			}
			n.propNodes[p.Name] = child
		}
		if n.additionalNode, err = ref(i, src.AdditionalProperties); err != nil {
			return nil, err
		}
		if n.itemNode, err = ref(i, src.Items); err != nil {
			return nil, err
		}
	}
	return &nodes[1], nil
}
