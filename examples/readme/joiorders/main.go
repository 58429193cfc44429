package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/ordersdk/ordersdk-go/joiorders"
)

func main() {
	// The vendor has no public server: the base URL is always yours.
	// joiorders.WithBearerPrefix() sends "accessToken: Bearer <token>" if your server wants it.
	client, err := joiorders.New(os.Getenv("JOIORDERS_ACCESS_TOKEN"), joiorders.WithBaseURL(os.Getenv("JOIORDERS_BASE_URL")))
	if err != nil {
		log.Fatal(err)
	}
	order, err := client.CreateOrder(context.Background(), joiorders.CreateOrderRequest{
		CustomerID:    "6328113ba105cf37af7f623b", // ids are MongoDB ObjectIds
		PaymentStatus: joiorders.PaymentStatusPaid, OrderStatus: joiorders.OrderStatusPending,
		ShippingAddressID: new("63356b3b3a6353a69043680c"), BillingAddressID: new("63356b3b3a6353a69043680b"),
		LineItems: []joiorders.LineItem{{ProductID: new("636d07be0438c42bc4d455e3"),
			VariantID: new("636d07be0438c42bc4d455f2"), Quantity: 10, Price: 31.84}}, // major units: $31.84
	})
	var valErr *joiorders.ValidationError
	var apiErr *joiorders.APIError
	switch {
	case errors.As(err, &valErr): // valErr.Violations lists every problem
		log.Fatal(err)
	case errors.Is(err, joiorders.ErrOutcomeUnknown):
		log.Fatal("the order may exist; look it up before sending it again: ", err)
	case errors.As(err, &apiErr): // apiErr.Message is the vendor's; apiErr.Body holds the rest
		log.Fatal("not created: ", err)
	case err != nil:
		log.Fatal(err) // not sent: the network or the context
	}
	if order.ID != nil {
		fmt.Println("created order", *order.ID)
	}
}
