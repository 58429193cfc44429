package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"github.com/redis/go-redis/v9"

	"github.com/ordersdk/ordersdk-go/bitbybit"
	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
	"github.com/ordersdk/ordersdk-go/redislimit"
)

// report is a client process's last line on its standard output.
type report struct {
	Failed int `json:"failed"`
}

// runClient is a client process: one bitbybit.Client with default options
// (and, with -redis, the shared limiter), whose workers create its orders
// once the fake's process says go.
func runClient(args []string) error {
	fs := flag.NewFlagSet("ratecheck client", flag.ContinueOnError)
	base := fs.String("url", "", "the fake's base URL")
	orders := fs.Int("orders", 0, "orders to create")
	workers := fs.Int("workers", 8, "concurrent calls")
	socket := fs.String("redis", "", "the redis-server's Unix socket, for the shared limiter")
	key := fs.String("key", "", "the shared limiter's key")
	limit := fs.Int("limit", 0, "the vendor's limit per window")
	window := fs.Duration("window", 0, "the vendor's window")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts := []bitbybit.Option{bitbybit.WithBaseURL(*base)}
	if *socket != "" {
		rdb := redis.NewClient(&redis.Options{Network: "unix", Addr: *socket, PoolSize: *workers})
		defer rdb.Close()
		l, err := redislimit.New(rdb, *key, redislimit.PerWindow(*limit, *window))
		if err != nil {
			return err
		}
		opts = append(opts, bitbybit.WithLimiter(l))
	}
	c, err := bitbybit.New(bitbybittest.APIKey, opts...)
	if err != nil {
		return err
	}
	defer c.CloseIdleConnections()
	fmt.Println("ready")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		return fmt.Errorf("waiting for go: %w", err)
	}
	work := make(chan int, *orders)
	for i := range *orders {
		work <- i
	}
	close(work)
	var failed atomic.Int64
	var wg sync.WaitGroup
	for range *workers {
		wg.Go(func() {
			for range work {
				if _, err := c.CreateOrder(context.Background(), bitbybittest.MinimalOrder()); err != nil {
					if failed.Add(1) <= 3 {
						fmt.Fprintln(os.Stderr, "ratecheck client: order failed:", err)
					}
				}
			}
		})
	}
	wg.Wait()
	return json.NewEncoder(os.Stdout).Encode(report{Failed: int(failed.Load())})
}
