package konvo

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// BenchmarkValidate measures the check of batches of the full order
// (testdata/full_order.json) against the spec's constraints, and reports it
// per order:
//
//	go test -run '^$' -bench Validate -count 6 ./konvo/
func BenchmarkValidate(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "full_order.json"))
	if err != nil {
		b.Fatal(err)
	}
	var full []OrderInput
	if err := json.Unmarshal(data, &full); err != nil || len(full) != 1 {
		b.Fatalf("full_order.json: %v, %d orders, want one", err, len(full))
	}
	for _, n := range []int{1, 100} {
		orders := slices.Repeat(full, n)
		b.Run(fmt.Sprintf("orders=%d", n), func(b *testing.B) {
			// The first check, which compiles the schema, is not timed.
			if got := batchSchema.Check(&orders); got != nil {
				b.Fatalf("the full order is not valid: %v", got)
			}
			b.ReportAllocs()
			for b.Loop() {
				batchSchema.Check(&orders)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/order")
		})
	}
}
