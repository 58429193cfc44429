package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
	"github.com/ordersdk/ordersdk-go/redislimit/internal/redisserver"
)

// result is what one configuration measured.
type result struct {
	orders, created, failed int
	// requests and rejected are the responses the clients got and, of them,
	// the 429s, as the proxy counted them.
	requests, rejected int
	wall               time.Duration
}

// startRedis starts the redis-server of the redis mode.
func startRedis() (*redisserver.Server, error) { return redisserver.Start() }

// measure runs one configuration: a fresh fake behind a counting proxy, and
// c.processes client processes that start together.
func measure(s settings, c config, redisSocket string) (result, error) {
	r := result{orders: s.orders}
	fk, err := bitbybittest.Start(bitbybittest.WithRateLimit(s.limit, s.window))
	if err != nil {
		return r, err
	}
	defer fk.Close()
	px, err := startProxy(fk.URL())
	if err != nil {
		return r, err
	}
	defer px.close()
	exe, err := os.Executable()
	if err != nil {
		return r, err
	}
	// A key of the run's own, so that no state of an earlier run counts.
	key := fmt.Sprintf("ratecheck:%d:%d:%d", os.Getpid(), c.processes, time.Now().UnixNano())
	clients := make([]*client, c.processes)
	defer func() {
		for _, cl := range clients {
			if cl != nil {
				cl.kill()
			}
		}
	}()
	for i := range clients {
		args := []string{"-url", px.url, "-workers", strconv.Itoa(s.workers),
			"-orders", strconv.Itoa(s.orders/c.processes + btoi(i < s.orders%c.processes))}
		if c.mode == "redis" {
			args = append(args, "-redis", redisSocket, "-key", key,
				"-limit", strconv.Itoa(s.limit), "-window", s.window.String())
		}
		if clients[i], err = startClient(exe, args); err != nil {
			return r, err
		}
	}
	start := time.Now()
	for _, cl := range clients {
		if err := cl.begin(); err != nil {
			return r, err
		}
	}
	for _, cl := range clients {
		failed, err := cl.finish()
		if err != nil {
			return r, err
		}
		r.failed += failed
	}
	r.wall = time.Since(start)
	r.requests, r.rejected = int(px.requests.Load()), int(px.rejected.Load())
	r.created = len(fk.Ledger())
	if n := fk.Requests(); n != r.requests {
		return r, fmt.Errorf("the fake received %d requests, the proxy answered %d", n, r.requests)
	}
	return r, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// client is a running client process.
type client struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Scanner
}

// startClient starts a client process and waits until it is ready to send.
func startClient(exe string, args []string) (*client, error) {
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	cl := &client{cmd: cmd, stdin: stdin, out: bufio.NewScanner(stdout)}
	if !cl.out.Scan() || cl.out.Text() != "ready" {
		cl.kill()
		return nil, errors.New("a client process did not start")
	}
	return cl, nil
}

// begin tells the client to start sending.
func (cl *client) begin() error {
	_, err := io.WriteString(cl.stdin, "go\n")
	cl.stdin.Close()
	return err
}

// finish waits for the client's report and its exit.
func (cl *client) finish() (failed int, err error) {
	var rep report
	if !cl.out.Scan() {
		return 0, fmt.Errorf("a client process ended without a report: %v", cl.cmd.Wait())
	}
	if err := json.Unmarshal(cl.out.Bytes(), &rep); err != nil {
		return 0, fmt.Errorf("a client's report %q: %w", cl.out.Text(), err)
	}
	return rep.Failed, cl.cmd.Wait()
}

func (cl *client) kill() {
	if cl.cmd.ProcessState == nil {
		cl.cmd.Process.Kill()
		cl.cmd.Wait()
	}
}

// proxy forwards the clients' requests to the fake and counts the answers.
type proxy struct {
	url                string
	srv                *http.Server
	requests, rejected atomic.Int64
}

func startProxy(target string) (*proxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	t := http.DefaultTransport.(*http.Transport).Clone()
	// One connection to the fake per client connection, kept.
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 1024, 1024
	rp.Transport = t
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{url: "http://" + ln.Addr().String()}
	p.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		rp.ServeHTTP(rec, r)
		p.requests.Add(1)
		if rec.status == http.StatusTooManyRequests {
			p.rejected.Add(1)
		}
	})}
	go p.srv.Serve(ln)
	return p, nil
}

func (p *proxy) close() { p.srv.Close() }

// statusRecorder remembers the status written through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}
