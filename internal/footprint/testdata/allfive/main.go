// Command allfive imports every vendor package, so that the footprint tests
// can measure what their initialization costs.
package main

import (
	"fmt"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/joiorders"
	"github.com/ordersdk/ordersdk-go/komerza"
	"github.com/ordersdk/ordersdk-go/konvo"
	"github.com/ordersdk/ordersdk-go/slugorders"
)

func main() {
	fmt.Println(konvo.DefaultBaseURL, komerza.DefaultBaseURL, bitbybit.DefaultBaseURL)
	var _ *joiorders.Client
	var _ *slugorders.Client
}
