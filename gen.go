// Package ordersdk is the root of ordersdk-go, typed Go clients for the
// create-order APIs of five commerce platforms. The clients live in the vendor
// packages konvo, komerza, joiorders, slugorders and bitbybit; each has a fake
// for tests in <vendor>/<vendor>test.
//
// This file holds the go:generate lines, run in order by `go generate ./...`:
//
//  1. Konvo and bitbybit publish OpenAPI documents, kept as published in
//     specs/published/ and normalized by an overlay from specs/overlays/
//     into specs/<vendor>.yaml; the other three specs are written by hand.
//  2. The oapi-codegen pinned in tools/go.mod turns each spec into the
//     vendor package's models (<vendor>/models.gen.go), and into the spec
//     the fake validates requests against (<vendor>/<vendor>test/spec.gen.go);
//     detachdoc keeps oapi-codegen's header out of the package documentation.
//  3. genvalidate turns each spec's request constraints into the tables the
//     client-side validator reads (<vendor>/validation.gen.go), so that no
//     spec is parsed at run time.
//  4. gensurface writes what every vendor package declares alike: error
//     types, options, response metadata, and the fake's faults and methods.
//
// The generators live in the tools module, so that the library's go.mod
// carries none of their dependencies.
package ordersdk

//go:generate go -C tools run ./cmd/normalize ../specs/published/konvo.yaml ../specs/overlays/konvo.overlay.yaml ../specs/konvo.yaml
//go:generate go -C tools run ./cmd/normalize ../specs/published/bitbybit.yaml ../specs/overlays/bitbybit.overlay.yaml ../specs/bitbybit.yaml

//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/konvo.models.yaml ../specs/konvo.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/bitbybit.models.yaml ../specs/bitbybit.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/komerza.models.yaml ../specs/komerza.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/joiorders.models.yaml ../specs/joiorders.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/slugorders.models.yaml ../specs/slugorders.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/konvo.spec.yaml ../specs/konvo.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/bitbybit.spec.yaml ../specs/bitbybit.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/komerza.spec.yaml ../specs/komerza.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/joiorders.spec.yaml ../specs/joiorders.yaml
//go:generate go -C tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../specs/codegen/slugorders.spec.yaml ../specs/slugorders.yaml
//go:generate go -C tools run ./cmd/detachdoc ../konvo/models.gen.go ../bitbybit/models.gen.go ../komerza/models.gen.go ../joiorders/models.gen.go ../slugorders/models.gen.go ../konvo/konvotest/spec.gen.go ../bitbybit/bitbybittest/spec.gen.go ../komerza/komerzatest/spec.gen.go ../joiorders/joiorderstest/spec.gen.go ../slugorders/slugorderstest/spec.gen.go

//go:generate go -C tools run ./cmd/genvalidate -spec ../specs/konvo.yaml -pkg konvo -out ../konvo/validation.gen.go
//go:generate go -C tools run ./cmd/genvalidate -spec ../specs/bitbybit.yaml -pkg bitbybit -out ../bitbybit/validation.gen.go
//go:generate go -C tools run ./cmd/genvalidate -spec ../specs/komerza.yaml -pkg komerza -out ../komerza/validation.gen.go
//go:generate go -C tools run ./cmd/genvalidate -spec ../specs/joiorders.yaml -pkg joiorders -out ../joiorders/validation.gen.go
//go:generate go -C tools run ./cmd/genvalidate -spec ../specs/slugorders.yaml -pkg slugorders -out ../slugorders/validation.gen.go

//go:generate go -C tools run ./cmd/gensurface -pkg konvo -vendor Konvo -credential "API key" -default-base-url https://api.konvoai.com -dir ../konvo
//go:generate go -C tools run ./cmd/gensurface -pkg bitbybit -vendor bitbybit -credential "API key" -default-base-url https://api.bitbybit.studio/customer/api/open/v1 -dir ../bitbybit
//go:generate go -C tools run ./cmd/gensurface -pkg komerza -vendor Komerza -credential "API key" -default-base-url https://api.komerza.com -dir ../komerza
//go:generate go -C tools run ./cmd/gensurface -pkg joiorders -vendor "the vendor" -credential "access token" -dir ../joiorders
//go:generate go -C tools run ./cmd/gensurface -pkg slugorders -vendor Enad -credential token -dir ../slugorders
