package bench

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// heapUse is what one call did to the heap.
type heapUse struct {
	// peak is the largest growth of the heap's objects (live, or dead and
	// not yet freed) over what the heap held before the call, sampled while
	// the call ran under a GC that collects as soon as the heap grows by
	// peakGCPercent; the largest over peakRuns runs.
	peak uint64
	// allocated is every byte the call allocated, counted with the GC off so
	// that nothing was freed during the call: an upper bound on peak.
	allocated uint64
}

// peakGCPercent is the GOGC of the sampled runs: low, so that garbage is
// collected soon after it is made and the heap's objects stay close to what
// is live. The default of 100 would let garbage pile up to the size of the
// live heap, and report that instead of what the call holds. (Run with
// GODEBUG=gcstoptheworld=1, as TestKonvoBatchPeakHeap does, so that no
// collection runs alongside the call: objects allocated during a concurrent
// one count as live until the next.)
const peakGCPercent = 5

// peakRuns is how many sampled runs measureHeap makes: a peak that lasts a
// few microseconds (a buffer and its grown copy, side by side) can fall
// between two samples of one run, and is caught by another.
const peakRuns = 5

const heapObjects = "/memory/classes/heap/objects:bytes"

// measureHeap runs call once to warm up (connection, caches), then measures
// its heap use; see heapUse. Every run starts after two collections: the first
// frees garbage, the second the sync.Pool caches, so that the base is what is
// live and buffers pooled by earlier calls neither count in the base nor hide
// the call's own. The heap is the process's: no other test may run meanwhile.
func measureHeap(tb testing.TB, call func() error) heapUse {
	tb.Helper()
	if err := call(); err != nil {
		tb.Fatal(err)
	}
	var use heapUse
	var err error
	use.allocated, err = allocated(call)
	for i := 0; i < peakRuns && err == nil; i++ {
		var peak uint64
		peak, err = sampledPeak(call)
		use.peak = max(use.peak, peak)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return use
}

// allocated returns the bytes call allocated, with the GC off.
func allocated(call func() error) (uint64, error) {
	runtime.GC()
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := call()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, err
}

// sampledPeak runs call while another goroutine reads the heap's object
// bytes in a loop, and returns the largest growth it saw over the value
// before the call.
func sampledPeak(call func() error) (uint64, error) {
	runtime.GC()
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(peakGCPercent))
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: heapObjects}}
		var peak uint64
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				done <- peak
				return
			default:
			}
		}
	}()
	err := call()
	close(stop)
	peak := <-done
	if peak < base {
		return 0, err
	}
	return peak - base, err
}
