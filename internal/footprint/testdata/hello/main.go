// Command hello is the yardstick of the footprint tests: a net/http hello
// world.
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "hello, world") })
	if os.Getenv("FOOTPRINT_INIT_ONLY") != "" {
		return // the footprint tests measure init, then stop it here
	}
	http.ListenAndServe("127.0.0.1:0", nil)
}
