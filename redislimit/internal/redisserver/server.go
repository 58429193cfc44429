// Package redisserver runs a throwaway redis-server for the tests and for
// ratecheck: on a Unix socket in a directory of its own (no TCP port to pick,
// or to collide on), saving nothing to disk.
package redisserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrNotInstalled is returned by Start when no redis-server is on PATH.
var ErrNotInstalled = errors.New("redis-server is not installed (Debian: apt-get install redis-server)")

// Server is a running redis-server.
type Server struct {
	// Socket is the path of its Unix socket.
	Socket string
	cmd    *exec.Cmd
	dir    string
	exited chan struct{}
	output *syncBuffer
	once   sync.Once
}

// Start starts redis-server and returns once it answers PING, or with the
// server's own output when it does not within 10 s.
func Start() (*Server, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, ErrNotInstalled
	}
	dir, err := os.MkdirTemp("", "redislimit-")
	if err != nil {
		return nil, err
	}
	s := &Server{Socket: filepath.Join(dir, "redis.sock"), dir: dir, exited: make(chan struct{}), output: &syncBuffer{}}
	s.cmd = exec.Command(bin,
		"--port", "0", "--unixsocket", s.Socket, "--unixsocketperm", "700",
		"--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no", "--loglevel", "warning")
	s.cmd.Stdout, s.cmd.Stderr = s.output, s.output
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	go func() {
		s.cmd.Wait()
		close(s.exited)
	}()
	rdb := s.Client()
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return s, nil
		}
		select {
		case <-s.exited:
			s.Close()
			return nil, fmt.Errorf("redis-server exited: %s", s.output.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Close()
			return nil, fmt.Errorf("redis-server did not answer within 10 s: %v; its output: %s", err, s.output.String())
		}
	}
}

// Client returns a new client of the server.
func (s *Server) Client() *redis.Client {
	return redis.NewClient(&redis.Options{Network: "unix", Addr: s.Socket})
}

// Close stops the server and removes its directory.
func (s *Server) Close() {
	s.once.Do(func() {
		s.cmd.Process.Kill()
		<-s.exited
		os.RemoveAll(s.dir)
	})
}

// syncBuffer is the server's output, written by exec's copying goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
