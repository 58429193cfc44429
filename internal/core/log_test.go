package core_test

import (
	"bytes"
	"context"
	"log"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/internal/core"
)

// TestLogOneRecordPerAttempt checks the one debug record of each attempt of a
// call retried twice.
func TestLogOneRecordPerAttempt(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n < 3 {
			reply(w, http.StatusServiceUnavailable, "", "retry-after-ms", "3")
			return
		}
		created(w)
	})
	rec := &logRecorder{}
	c := newClient(t, srv.URL+"/api", core.WithLogger(slog.New(rec)))
	if _, err := createOrder(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	recs := rec.records()
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	wantStatus := []int64{503, 503, 201}
	wantDelay := []time.Duration{3 * time.Millisecond, 3 * time.Millisecond, 0}
	for i, r := range recs {
		if r.Level != slog.LevelDebug || r.Msg != "ordersdk attempt" {
			t.Errorf("record %d: level %v, message %q", i+1, r.Level, r.Msg)
		}
		var keys []string
		for k := range r.Attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if diff := cmp.Diff([]string{"attempt", "delay", "duration", "host", "method", "path", "status", "vendor"}, keys); diff != "" {
			t.Errorf("record %d attributes (-want +got):\n%s", i+1, diff)
		}
		if r.str("vendor") != "acme" || r.str("method") != "POST" || r.str("host") != host || r.str("path") != "/api/orders" {
			t.Errorf("record %d: %v", i+1, r.Attrs)
		}
		if r.int("attempt") != int64(i+1) || r.int("status") != wantStatus[i] || r.duration("delay") != wantDelay[i] {
			t.Errorf("record %d: attempt %d, status %d, delay %v; want %d, %d, %v",
				i+1, r.int("attempt"), r.int("status"), r.duration("delay"), i+1, wantStatus[i], wantDelay[i])
		}
		if r.Attrs["duration"].Kind() != slog.KindDuration || r.duration("duration") <= 0 {
			t.Errorf("record %d: duration %v", i+1, r.Attrs["duration"])
		}
	}
}

// TestLogTransportFailure checks the record of an attempt that got no
// response: no status, whether it was sent, and the kind of failure.
func TestLogTransportFailure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		handle   func(int, http.ResponseWriter, *http.Request)
		ctx      func() (context.Context, context.CancelFunc)
		wantSent bool
		wantErr  string
		status   int64 // the redirect's status; 0 for none
	}{
		{"lost after sending", func(_ int, w http.ResponseWriter, _ *http.Request) { hangUp(w) }, nil, true, "transport error", 0},
		{"deadline", func(_ int, w http.ResponseWriter, r *http.Request) { <-r.Context().Done() },
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 30*time.Millisecond)
			}, true, "deadline exceeded", 0},
		{"redirect refused", func(_ int, w http.ResponseWriter, _ *http.Request) {
			reply(w, http.StatusTemporaryRedirect, "", "Location", "https://elsewhere.example/orders")
		}, nil, false, "redirect refused", 307},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, tt.handle)
			rec := &logRecorder{}
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			if _, err := createOrder(ctx, newClient(t, srv.URL, core.WithLogger(slog.New(rec)))); err == nil {
				t.Fatal("call succeeded")
			}
			recs := rec.records()
			if len(recs) != 1 {
				t.Fatalf("%d records, want 1", len(recs))
			}
			r := recs[0]
			if _, ok := r.Attrs["status"]; ok != (tt.status != 0) || r.int("status") != tt.status {
				t.Errorf("status logged: %v, want %d (0: none)", r.Attrs["status"], tt.status)
			}
			if r.Attrs["sent"].Bool() != tt.wantSent || r.str("error") != tt.wantErr || r.duration("delay") != 0 {
				t.Errorf("sent %v, error %q, delay %v; want %v, %q, 0", r.Attrs["sent"], r.str("error"), r.duration("delay"), tt.wantSent, tt.wantErr)
			}
		})
	}
}

// TestLogLevel checks that a logger not enabled for debug gets nothing.
func TestLogLevel(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { created(w) })
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if _, err := createOrder(context.Background(), newClient(t, srv.URL, core.WithLogger(l))); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("an info logger got: %s", buf.Bytes())
	}
}

// TestNoLogWithoutLogger captures the process-wide slog and log output while
// calls fail and retry without WithLogger. It changes global state, so it
// does not run in parallel; parallel tests wait until it has finished.
func TestNoLogWithoutLogger(t *testing.T) {
	var buf bytes.Buffer
	prevSlog, prevOut, prevFlags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() {
		slog.SetDefault(prevSlog)
		log.SetOutput(prevOut)
		log.SetFlags(prevFlags)
	})
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n%2 == 1 {
			reply(w, http.StatusTooManyRequests, "")
			return
		}
		created(w)
	})
	c := newClient(t, srv.URL)
	if _, err := createOrder(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if _, err := createOrder(context.Background(), newClient(t, "http://"+closedPort(t))); err == nil {
		t.Fatal("call to a closed port succeeded")
	}
	if buf.Len() != 0 {
		t.Errorf("logged without WithLogger: %s", buf.Bytes())
	}
}

// TestLogsNeverHoldSecrets renders every record of many failing calls as
// JSON at debug level and searches the bytes for the credential and the body.
func TestLogsNeverHoldSecrets(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer // the handler serializes its writes
	l := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	handlers := []func(int, http.ResponseWriter, *http.Request){
		func(_ int, w http.ResponseWriter, _ *http.Request) { created(w) },
		func(n int, w http.ResponseWriter, _ *http.Request) {
			if n == 1 {
				reply(w, 503, "")
				return
			}
			created(w)
		},
		echo(401),
		echo(500),
		echo(429),
		func(_ int, w http.ResponseWriter, r *http.Request) {
			reply(w, 400, `{"message":"bad `+r.Header.Get("Authorization")+`"}`, "X-Request-Id", r.Header.Get("Authorization"))
		},
		func(_ int, w http.ResponseWriter, _ *http.Request) { hangUp(w) },
		func(_ int, w http.ResponseWriter, r *http.Request) {
			reply(w, 307, "", "Location", "https://evil.example/?key="+url.QueryEscape(r.Header.Get("Authorization")))
		},
		func(_ int, w http.ResponseWriter, r *http.Request) {
			reply(w, 201, "not json "+r.Header.Get("Authorization"))
		},
		func(_ int, w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(time.Second):
			}
		},
	}
	attempts := 0
	for _, h := range handlers {
		srv := newServer(t, h)
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		createOrder(ctx, newClient(t, srv.URL, core.WithLogger(l), core.WithRetryAmbiguous()))
		cancel()
		attempts += srv.Count()
	}
	createOrder(context.Background(), newClient(t, "http://"+closedPort(t), core.WithLogger(l)))
	attempts += 3
	out := buf.Bytes()
	if got := bytes.Count(out, []byte(`"msg":"ordersdk attempt"`)); got != attempts {
		t.Errorf("%d records for %d attempts", got, attempts)
	}
	for _, secret := range []string{apiKey, piiMarker, "MUG-01", "Bearer"} {
		if bytes.Contains(out, []byte(secret)) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
	if bytes.Contains(out, []byte(`"level":"INFO"`)) || bytes.Contains(out, []byte(`"level":"ERROR"`)) {
		t.Errorf("records above debug level:\n%s", out)
	}
}
