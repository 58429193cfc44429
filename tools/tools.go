//go:build tools

// Package tools pins the code generator in a module of its own, so that users of
// github.com/ordersdk/ordersdk-go do not inherit the generator's dependency graph.
package tools

import _ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
