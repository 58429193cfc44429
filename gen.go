// Package ordersdk is the root of ordersdk-go, typed Go clients for the create-order
// APIs of five commerce platforms. The clients live in the vendor packages:
// konvo, komerza, joiorders, slugorders and bitbybit.
//
// This file holds the go:generate lines. Each vendor's spec in specs/ is turned
// into Go by the oapi-codegen pinned in tools/go.mod, so the library's own
// go.mod never carries the generator's dependencies. Vendors that publish an
// OpenAPI document keep it as published in specs/published/ and normalize it
// with an overlay from specs/overlays/; the others' specs are written by hand.
package ordersdk

//go:generate go -C tools run ./cmd/normalize ../specs/published/konvo.yaml ../specs/overlays/konvo.overlay.yaml ../specs/konvo.yaml
//go:generate go -C tools run ./cmd/normalize ../specs/published/bitbybit.yaml ../specs/overlays/bitbybit.overlay.yaml ../specs/bitbybit.yaml

//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../konvo/internal/api/oapi-codegen.yaml ../specs/konvo.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../bitbybit/internal/api/oapi-codegen.yaml ../specs/bitbybit.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../komerza/internal/api/oapi-codegen.yaml ../specs/komerza.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../joiorders/internal/api/oapi-codegen.yaml ../specs/joiorders.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../slugorders/internal/api/oapi-codegen.yaml ../specs/slugorders.yaml
