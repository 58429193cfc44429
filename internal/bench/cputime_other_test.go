//go:build !unix

package bench

import "time"

// processCPU is not measured here: cpu-ns/op is not reported.
func processCPU() (d time.Duration, ok bool) { return 0, false }
