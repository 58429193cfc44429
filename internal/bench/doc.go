// Package bench holds the SDK's benchmarks; it has no code of its own.
//
// Each vendor has one file, <vendor>_bench_test.go, that runs the vendor's
// create call with <vendor>test.FullOrder (konvo also with batches of 100
// and 1,000 copies of it) three ways against one in-process server:
//
//   - impl=baseline: a hand-written client (net/http and encoding/json) that
//     sends the same body with the same headers to the same URL, over a
//     Transport set up as the SDK sets up its own, and decodes the answer into
//     the same generated result type;
//   - impl=sdk: the vendor client with its defaults, validation on;
//   - impl=sdk-novalidate: the vendor client built WithoutValidation.
//
// The server answers every request with a fixed response captured once from
// the vendor's fake (package <vendor>test) for the same request, after reading
// the whole request body and checking the credential. It is the same server
// for all three, and cheap, so that the figures measure the client: the fake
// itself validates each request against the spec and keeps a ledger, which
// would cost more than the client and hide the difference.
//
// Run the benchmarks six times, one process each, and compare the SDK with
// the baseline:
//
//	for i in 1 2 3 4 5 6; do go test -run '^$' -bench . -benchmem -count 1 ./internal/bench/; done | tee /tmp/bench.txt
//	benchstat -col '/impl@(baseline sdk sdk-novalidate)' /tmp/bench.txt
//
// Six processes rather than -count 6, which runs each sub-benchmark six
// times in a row: the baseline's six samples would then all be taken before
// the SDK's, and on a shared machine the load changes over the half minute
// between them by more than the few percent being measured. Interleaved,
// each round measures the three within seconds of each other, in an order
// drawn at random, so that no implementation always runs first; the @(...)
// puts the baseline in benchstat's first column, the one it compares with.
//
// Every benchmark also reports cpu-ns/op, the CPU time the whole process
// spent per call (client, in-process server and collector, all threads), as
// getrusage counts it. On a loaded machine a call's wall time also counts
// the turns it waited for a core, so sec/op then spreads by tens of percent
// and benchstat finds no difference where there is one; cpu-ns/op spreads
// less, though on a virtual machine, whose caches and cores other work
// shares, it grows with the load too. When the load is high, compare round
// by round rather than across rounds: paired.awk, beside this file, takes
// each process's three figures, measured seconds apart, as one sample of
// each ratio, and prints the median ratio over the rounds, the middle half of
// them, and how many were above 1. With 20 rounds of 0.3s each:
//
//	for i in $(seq 20); do go test -run '^$' -bench '^Benchmark(Konvo|Komerza|Joiorders|Slugorders|Bitbybit|Overhead)$/^(orders=1|orders=1000|konvo|komerza|joiorders|slugorders|bitbybit|impl=.*)$' -benchtime 0.3s -benchmem -count 1 ./internal/bench/; done | tee /tmp/bench.txt
//	awk -v metric=cpu -f internal/bench/paired.awk /tmp/bench.txt
//
// BenchmarkKonvoParallel runs the one-order call from 4 x GOMAXPROCS workers
// and reports the connections the server accepted as conns.
//
// BenchmarkOverhead runs each vendor's one-order call the same three ways on
// a Transport that answers in memory, without a connection: it measures the
// client's own CPU cost per call, which the loopback round trip of the other
// benchmarks dwarfs and blurs. The SDK hands any Transport other than
// net/http's own, such as this one, the request body behind a reader of its
// own that records the write (internal/core's wireBody), so these figures
// include that cost: one allocation a call. Over net/http's Transport, as on
// loopback, the trace hooks record the write and the body goes unwrapped, so
// that net/http writes the headers and a body it knows is in memory in one
// write, as the baseline does. Like benchCreate, each run starts after a
// collection and one untimed call, so that the caches the first call fills
// (the compiled schema among them) are not charged to whichever
// implementation runs first.
//
// The tests of the package (go test ./internal/bench/) check what the figures
// rely on: that the baseline sends the very request the SDK sends, in as
// many writes, and decodes an equal result; that 8 workers sharing a client
// open at most 8 connections; and how much heap a konvo batch of 1,000
// orders holds during the call, against a target of three times its JSON
// payload (see TestKonvoBatchPeakHeap).
package bench
