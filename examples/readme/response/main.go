package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/ordersdk/ordersdk-go/komerza"
)

func main() {
	var opts []komerza.Option
	if u := os.Getenv("KOMERZA_BASE_URL"); u != "" { // unset: Komerza's production server
		opts = append(opts, komerza.WithBaseURL(u))
	}
	client, err := komerza.New(os.Getenv("KOMERZA_API_KEY"), opts...)
	if err != nil {
		log.Fatal(err)
	}
	var resp komerza.Response // filled in when the call returns, on success and on failure
	order, err := client.CreateOrder(context.Background(), os.Getenv("KOMERZA_STORE_ID"),
		komerza.CreateOrderRequest{Cost: new(19.99), Gateway: "stripe", EmailAddress: "customer@example.com"},
		komerza.WithResponseInto(&resp))

	// resp is filled in whatever err is: what Komerza's support needs to find
	// the call, its request id and what each attempt got.
	log.Printf("status %d, request id %q, content type %q", resp.StatusCode, resp.RequestID, resp.Header.Get("Content-Type"))
	for i, a := range resp.Attempts {
		log.Printf("attempt %d: status %d, failure %q, verdict %q", i+1, a.StatusCode, a.Failure, a.Verdict)
	}

	var valErr *komerza.ValidationError
	var apiErr *komerza.APIError
	switch {
	case errors.As(err, &valErr): // nothing was sent, so resp is empty
		log.Fatal(err)
	case errors.Is(err, komerza.ErrOutcomeUnknown):
		log.Fatal("the order may exist; give Komerza the request id and ask: ", err)
	case errors.As(err, &apiErr):
		log.Fatal("not created: ", err)
	case err != nil:
		log.Fatal(err) // not sent: the network or the context
	}
	if order.ID != nil {
		fmt.Println("created order", *order.ID)
	}
}
