// The README's redislimit program, in a module of its own: the SDK's module
// has no Redis dependency, and a program that imports redislimit requires it
// as this one does. readme_test.go builds it offline, with the module cache
// of the machine.
module github.com/ordersdk/ordersdk-go/examples/readme/redislimit

go 1.26.0

require (
	github.com/ordersdk/ordersdk-go v0.0.0
	github.com/ordersdk/ordersdk-go/redislimit v0.0.0
	github.com/redis/go-redis/v9 v9.23.0
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/go-redis/redis_rate/v10 v10.0.1 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	go.uber.org/atomic v1.12.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)

replace (
	github.com/ordersdk/ordersdk-go => ../../..
	github.com/ordersdk/ordersdk-go/redislimit => ../../../redislimit
)
