// Command konvoonly is a program that uses package konvo alone, as the
// footprint tests measure it.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/ordersdk/ordersdk-go/konvo"
)

func main() {
	c, err := konvo.New(os.Getenv("KONVO_API_KEY"))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.CreateOrders(context.Background(), []konvo.OrderInput{{ID: "1"}})
	fmt.Println(res, err)
}
