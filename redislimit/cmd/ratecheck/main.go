// Command ratecheck measures how replicas that share one bitbybit API key
// fare against its rate limit: it runs the fake bitbybit, limited as bitbybit
// is but per second rather than per minute so that a run takes seconds, in
// this process, and P client processes (itself, run again), each with its
// share of the orders and 8 workers, and reports per configuration the calls
// that failed, the requests answered 429 and the wall time against the ideal.
//
// Two ways of keeping to the limit are measured: "headers", the clients'
// default pacing from the RateLimit headers alone, each process on its own;
// and "redis", every process waiting on one redislimit.Limiter with the
// vendor's limit, through a redis-server that ratecheck starts itself (when
// redis-server is installed; otherwise that mode is skipped).
//
// Usage:
//
//	go run ./cmd/ratecheck [flags]
//
// from the redislimit module. The flags, with their defaults:
//
//	-modes headers,redis   the ways of keeping to the limit to measure
//	-processes 1,8,16      the numbers of client processes
//	-orders 1000           orders in all, split evenly among the processes
//	-workers 8             concurrent calls per process
//	-limit 100 -window 1s  the fake's limit
//	-check                 exit 1 unless every order was created exactly
//	                       once and no call failed
//	-targets               with -check, also hold every configuration to
//	                       issue 14's targets: with redis, no 429; with
//	                       headers, at most 5% of the requests answered 429
//	                       and a wall time of at most 1.1 times the ideal.
//	                       These depend on the machine's load, so CI runs
//	                       -check alone and prints the figures
//
// The 429s are counted in the fake's process, by a proxy in front of the fake
// that every client goes through.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// childEnv marks a client process.
const childEnv = "RATECHECK_CLIENT"

func main() {
	if os.Getenv(childEnv) == "1" {
		if err := runClient(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "ratecheck client:", err)
			os.Exit(2)
		}
		return
	}
	os.Exit(run(os.Args[1:]))
}

// config is one configuration to measure.
type config struct {
	mode      string // "headers" or "redis"
	processes int
}

// settings are the flags.
type settings struct {
	modes     []string
	processes []int
	orders    int
	workers   int
	limit     int
	window    time.Duration
	check     bool
	targets   bool
}

func parseFlags(args []string) (settings, error) {
	fs := flag.NewFlagSet("ratecheck", flag.ContinueOnError)
	modes := fs.String("modes", "headers,redis", "ways of keeping to the limit: headers, redis")
	procs := fs.String("processes", "1,8,16", "numbers of client processes")
	s := settings{}
	fs.IntVar(&s.orders, "orders", 1000, "orders in all")
	fs.IntVar(&s.workers, "workers", 8, "concurrent calls per process")
	fs.IntVar(&s.limit, "limit", 100, "requests the fake allows per window")
	fs.DurationVar(&s.window, "window", time.Second, "the fake's window")
	fs.BoolVar(&s.check, "check", false, "exit 1 unless every order was created once and no call failed")
	fs.BoolVar(&s.targets, "targets", false, "with -check, also exit 1 unless every configuration meets issue 14's targets")
	if err := fs.Parse(args); err != nil {
		return s, err
	}
	for _, m := range strings.Split(*modes, ",") {
		if m != "headers" && m != "redis" {
			return s, fmt.Errorf("-modes: %q is neither headers nor redis", m)
		}
		s.modes = append(s.modes, m)
	}
	for _, p := range strings.Split(*procs, ",") {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return s, fmt.Errorf("-processes: %q is not a positive number", p)
		}
		s.processes = append(s.processes, n)
	}
	switch {
	case s.orders < 1 || s.workers < 1 || s.limit < 1 || s.window <= 0:
		return s, errors.New("-orders, -workers, -limit and -window must be positive")
	case slices.Max(s.processes) > s.orders:
		return s, errors.New("more processes than orders")
	}
	return s, nil
}

// run measures every configuration and prints the table; it returns the
// exit status.
func run(args []string) int {
	s, err := parseFlags(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratecheck:", err)
		return 2
	}
	var redisSocket string
	if slices.Contains(s.modes, "redis") {
		srv, err := startRedis()
		if err != nil {
			fmt.Fprintln(os.Stderr, "ratecheck: skipping mode redis:", err)
			s.modes = slices.DeleteFunc(s.modes, func(m string) bool { return m == "redis" })
		} else {
			defer srv.Close()
			redisSocket = srv.Socket
		}
	}
	ideal := time.Duration(float64(s.window) * float64(s.orders) / float64(s.limit))
	fmt.Printf("%d orders, %d workers per process, fake limit %d per %v: ideal %v\n\n", s.orders, s.workers, s.limit, s.window, ideal)
	fmt.Println("| mode | processes | failed | requests | answered 429 | 429 share | wall | wall / ideal |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	status := 0
	for _, mode := range s.modes {
		for _, p := range s.processes {
			r, err := measure(s, config{mode: mode, processes: p}, redisSocket)
			if err != nil {
				fmt.Fprintf(os.Stderr, "ratecheck: %s, %d processes: %v\n", mode, p, err)
				status = 1
				continue
			}
			share := float64(r.rejected) / float64(max(r.requests, 1))
			ratio := float64(r.wall) / float64(ideal)
			fmt.Printf("| %s | %d | %d | %d | %d | %.1f%% | %.2f s | %.3f |\n",
				mode, p, r.failed, r.requests, r.rejected, 100*share, r.wall.Seconds(), ratio)
			if s.check && !meetsTarget(mode, r, share, ratio, s.targets) {
				status = 1
			}
		}
	}
	if s.check && status != 0 {
		fmt.Fprintln(os.Stderr, "ratecheck: a configuration missed its target")
	}
	return status
}

// meetsTarget reports whether a run lost or duplicated nothing and, with
// targets, whether it met issue 14's targets.
func meetsTarget(mode string, r result, share, ratio float64, targets bool) bool {
	if r.failed > 0 || r.created != r.orders {
		return false
	}
	if !targets {
		return true
	}
	if mode == "redis" {
		return r.rejected == 0
	}
	return share <= 0.05 && ratio <= 1.1
}
