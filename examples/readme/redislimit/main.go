package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/redislimit"
)

func main() {
	redisOpts, err := redis.ParseURL(os.Getenv("REDIS_URL")) // redis://host:6379/0, or unix:///path/to/redis.sock
	if err != nil {
		log.Fatal(err)
	}
	rdb := redis.NewClient(redisOpts)
	defer rdb.Close()
	// Every process that sends with this API key uses the same Redis key, and
	// together they stay within bitbybit's 100 requests a minute.
	limiter, err := redislimit.New(rdb, "bitbybit:store-42", redislimit.PerWindow(100, time.Minute))
	if err != nil {
		log.Fatal(err)
	}
	opts := []bitbybit.Option{bitbybit.WithLimiter(limiter)}
	if u := os.Getenv("BITBYBIT_BASE_URL"); u != "" { // unset: bitbybit's production server
		opts = append(opts, bitbybit.WithBaseURL(u))
	}
	client, err := bitbybit.New(os.Getenv("BITBYBIT_API_KEY"), opts...)
	if err != nil {
		log.Fatal(err)
	}
	order, err := client.CreateOrder(context.Background(), bitbybit.CreateOrderRequest{
		CustomerID: new("cus_8f2k1"),
		LineItems:  []bitbybit.LineItemInput{{ProductVariantID: "pv_mug", Quantity: 1}},
		ShippingAddress: bitbybit.ShippingAddressInput{FirstName: "Ada", LastName: "Lovelace",
			Phone: "+6281234567", Address1: "Jl. Sudirman 1", City: "Jakarta", Province: "DKI Jakarta", Zip: "10220"},
	})
	var valErr *bitbybit.ValidationError
	var apiErr *bitbybit.APIError
	switch {
	case errors.As(err, &valErr): // valErr.Violations lists every problem
		log.Fatal(err)
	case errors.Is(err, bitbybit.ErrOutcomeUnknown):
		log.Fatal("the order may exist; look it up before sending it again: ", err)
	case errors.As(err, &apiErr):
		log.Fatal("not created: ", err)
	case err != nil:
		log.Fatal(err) // not sent: Redis, the network or the context
	}
	if order.OrderNumber != nil {
		fmt.Println("created order", *order.OrderNumber)
	}
}
