package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/core"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestHugeBodyReadOnlyToCap answers, for each vendor, with a body of 1 GiB
// and with one that never ends, under an error status and under a 2xx, and
// checks that the client reads it only up to its cap (MaxErrorBody for an
// error, MaxSuccessBody for a 2xx) and that the heap grows by a bounded
// amount: the bytes allocated during the call, a figure that does not depend
// on timing. It runs alone, not in parallel, so that other tests' allocations
// do not count.
func TestHugeBodyReadOnlyToCap(t *testing.T) {
	const gib = 1 << 30
	tests := []struct {
		name   string
		status int
		length int64 // 0: never ends, sent chunked
		// maxAlloc bounds the bytes allocated during the call.
		maxAlloc uint64
	}{
		{"500 of 1 GiB", 500, gib, 8 << 20},
		{"400 without end", 400, 0, 8 << 20},
		// Content-Length says it is too large: nothing past the error's cap
		// is read.
		{"2xx of 1 GiB", 0, gib, 8 << 20},
		// Only reading past MaxSuccessBody tells; the buffer doubles up to it.
		{"2xx without end", 0, 0, 2*core.MaxSuccessBody + 8<<20},
	}
	for _, k := range kits {
		h := newHostile(t)
		c := k.dialHostile(t, h)
		var sent atomic.Int64
		for _, tt := range tests {
			t.Run(k.name+"/"+tt.name, func(t *testing.T) {
				status := tt.status
				if status == 0 {
					status = k.successStatus
				}
				header := http.Header{"Content-Type": {"application/json"}}
				if tt.length > 0 {
					header.Set("Content-Length", strconv.FormatInt(tt.length, 10))
				}
				sent.Store(0)
				h.answerStream(status, header, func() io.Reader {
					var r io.Reader = pattern{}
					if tt.length > 0 {
						r = io.LimitReader(r, tt.length)
					}
					return countingReader{r, &sent}
				})
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				_, err := c.create(context.Background(), "huge")
				runtime.ReadMemStats(&after)
				alloc := after.TotalAlloc - before.TotalAlloc
				t.Logf("server wrote %d MiB before the client hung up; %d MiB allocated during the call",
					sent.Load()>>20, alloc>>20)
				if alloc > tt.maxAlloc {
					t.Errorf("%d bytes allocated during the call, want at most %d", alloc, tt.maxAlloc)
				}
				if sent.Load() >= gib {
					t.Errorf("the client read the whole body")
				}
				v := k.view(err)
				if tt.status != 0 {
					if v.api == nil || !v.api.BodyTruncated || len(v.api.Body) != apierror.MaxErrorBody {
						t.Errorf("err = %v, want an *APIError with the first MaxErrorBody bytes of the body, truncated", err)
					}
					return
				}
				if v.decode == nil || !v.unknown() || len(v.decode.Body) > apierror.MaxErrorBody {
					t.Errorf("err = %v, want a *DecodeError matching ErrOutcomeUnknown, with at most MaxErrorBody bytes of body", err)
				}
			})
		}
	}
}

// recorder is a RoundTripper that keeps the last response body it carried.
type recorder struct {
	base http.RoundTripper
	last atomic.Pointer[[]byte]
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	r.last.Store(&b)
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp, nil
}

// vendorBodies returns a success body and an error body the vendor's fake
// sends: the order created from the vendor's full sample order, and the fake's
// answer to an order that breaks the spec. They are made once per vendor and
// process.
func vendorBodies(t testing.TB, k *kit) (success, failure []byte) {
	t.Helper()
	bodiesMu.Lock()
	defer bodiesMu.Unlock()
	if b, ok := bodies[k.name]; ok {
		return b[0], b[1]
	}
	srv := k.start(t, fakeConfig{})
	rec := &recorder{base: http.DefaultTransport}
	c := k.dialFake(t, srv, withHTTPClient(&http.Client{Transport: rec}), withoutValidation())
	if _, err := c.createJSON(context.Background(), k.params, k.sampleJSON(t)[0]); err != nil {
		t.Fatal(err)
	}
	success = *rec.last.Load()
	bad := `{}`
	if k.name == "konvo" {
		bad = `[{}]`
	}
	if _, err := c.createJSON(context.Background(), k.params, []byte(bad)); !errors.Is(err, apierror.ErrInvalidRequest) {
		t.Fatalf("the fake accepted an empty order: %v", err)
	}
	failure = *rec.last.Load()
	bodies[k.name] = [2][]byte{success, failure}
	return success, failure
}

var (
	bodiesMu sync.Mutex
	bodies   = map[string][2][]byte{}
)

// malformed are bodies that are not JSON, or not JSON any decoder can use.
var malformed = []string{
	``, ` `, `{`, `}`, `[`, `"`, `nul`, `nulll`, `tru`, `{"data":`, `{"data":{"id":"x"}`, `{"a":1,}`, `{"a" 1}`, `{'a':1}`,
	`{"data":{"id":"x"}}}`, `{"data":{"id":"x"}} {"data":{}}`, "\xef\xbb\xbf{}", "{\"data\":\"\x00\"}", "{\"message\":\"\xff\xfe\"}",
	`{"message":"\ud800"}`, `{"message":"\u"}`, `null`, `true`, `0`, `-0`, `1e400`, `"str"`, `[]`, `[null]`, `{}`,
	`{"success":null,"data":null,"error":null,"result":null,"message":null,"details":null,"invalidFields":null,"code":null}`,
	`{"success":false}`, `{"success":"false"}`, `{"success":0}`, `{"success":true}`, `{"success":true,"data":[]}`,
	`{"error":{"code":{"a":1},"message":["x"]}}`, `{"error":[1,2]}`, `{"invalidFields":[[[]],{"field":{}},null,1]}`,
	`{"invalidFields":{"a":[1,{"b":2}],"c":null}}`, `{"details":[1,null,{}]}`, `{"details":"x"}`,
	strings.Repeat(`[`, 100000), strings.Repeat(`{"a":`, 20000) + `1` + strings.Repeat(`}`, 20000),
	`<html><body>502 Bad Gateway</body></html>`, "\x00\x01\x02\x03",
}

// hostileValues replace one node of a vendor's real body at a time.
var hostileValues = []string{
	`null`, `true`, `-1`, `0.5`, `1e400`, `-1e400`, `1e-400`, `18446744073709551616`, `9223372036854775808`,
	`123456789012345678901234567890`, `"str"`, `""`, `"\u0000"`, `[]`, `{}`, `[[]]`, `{"":{}}`,
}

// TestHostileBodies answers, for each vendor, every malformed body and every
// variant of the vendor's own success and error bodies with one node replaced
// by a null, a boolean, a huge number, a string, an array or an object, under
// the success status and under error statuses, and checks that each call
// gives a result or a typed error and never panics.
func TestHostileBodies(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			success, failure := vendorBodies(t, k)
			h := newHostile(t)
			c := k.dialHostile(t, h)
			ok := k.successStatus
			counts := map[string]int{}
			send := func(status int, body []byte) {
				t.Helper()
				_, err := checkAnswer(t, k, c, h, status, body)
				kind := "result"
				if err != nil {
					kind = k.view(err).kind()
				}
				counts[kind]++
			}
			for _, b := range malformed {
				for _, status := range []int{ok, 400, 429, 500, 503} {
					send(status, []byte(b))
				}
			}
			for _, v := range mutations(t, success) {
				send(ok, v)
			}
			for _, v := range mutations(t, failure) {
				send(400, v)
				send(500, v)
			}
			// The real bodies still work.
			if _, err := checkAnswer(t, k, c, h, ok, success); err != nil {
				t.Errorf("the fake's own success body gave %v", err)
			}
			total := 0
			for _, n := range counts {
				total += n
			}
			t.Logf("%d hostile answers: %s", total, tally(counts))
		})
	}
}

// mutations returns body with each of its nodes, one at a time, replaced by
// each of hostileValues.
func mutations(t testing.TB, body []byte) [][]byte {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	var out [][]byte
	var walk func(path []any)
	walk = func(path []any) {
		for _, v := range hostileValues {
			b, err := json.Marshal(replaceAt(root, path, json.RawMessage(v)))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, b)
		}
		switch n := nodeAt(root, path).(type) {
		case map[string]any:
			keys := make([]string, 0, len(n))
			for k := range n {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(append(append([]any(nil), path...), k))
			}
		case []any:
			for i := range n {
				walk(append(append([]any(nil), path...), i))
			}
		}
	}
	walk(nil)
	return out
}

func nodeAt(root any, path []any) any {
	n := root
	for _, p := range path {
		switch p := p.(type) {
		case string:
			n = n.(map[string]any)[p]
		case int:
			n = n.([]any)[p]
		}
	}
	return n
}

// replaceAt returns a copy of root with the node at path replaced by v.
func replaceAt(root any, path []any, v any) any {
	if len(path) == 0 {
		return v
	}
	switch n := root.(type) {
	case map[string]any:
		c := make(map[string]any, len(n))
		for k, x := range n {
			c[k] = x
		}
		k := path[0].(string)
		c[k] = replaceAt(n[k], path[1:], v)
		return c
	case []any:
		c := append([]any(nil), n...)
		i := path[0].(int)
		c[i] = replaceAt(n[i], path[1:], v)
		return c
	}
	panic(fmt.Sprintf("no node at %v", path))
}

// TestSuccessWithoutOrder answers, for each vendor, a 2xx whose body carries
// no order: the call must fail with a *DecodeError that matches
// ErrOutcomeUnknown (the vendor said yes, the order's id is lost), not return
// a result without the order.
func TestSuccessWithoutOrder(t *testing.T) {
	t.Parallel()
	bodies := []string{`{}`, `null`, `{"success":true}`, `{"success":true,"message":"ok"}`, `{"data":null}`, `{"data":null,"success":true}`,
		`{"result":[]}`, `{"result":null,"count":0}`, `{"count":1}`, `{"details":[]}`}
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			h := newHostile(t)
			c := k.dialHostile(t, h)
			var wrong []string
			for _, b := range bodies {
				h.answer(k.successStatus, []byte(b))
				res, err := c.create(context.Background(), "no order")
				if v := k.view(err); v.decode == nil || !v.unknown() {
					wrong = append(wrong, fmt.Sprintf("%s gave %+v, %v", b, res.value, err))
				}
			}
			for _, w := range wrong {
				t.Errorf("a 2xx without an order: %s; want a *DecodeError", w)
			}
		})
	}
}

// TestErrorBodyCap checks the edge of the error body's cap, with and without a
// Content-Length: a body of MaxErrorBody bytes is kept whole, one byte more is
// truncated to MaxErrorBody.
func TestErrorBodyCap(t *testing.T) {
	t.Parallel()
	k := kitNamed("bitbybit")
	h := newHostile(t)
	c := k.dialHostile(t, h)
	for _, size := range []int{0, 1, apierror.MaxErrorBody - 1, apierror.MaxErrorBody, apierror.MaxErrorBody + 1, 3 * apierror.MaxErrorBody} {
		for _, declared := range []bool{true, false} {
			header := http.Header{}
			if declared {
				header.Set("Content-Length", strconv.Itoa(size))
			} else {
				// Flushing before the body makes the server send it chunked.
				header.Set("Transfer-Encoding", "chunked")
			}
			h.answerStream(http.StatusBadRequest, header, func() io.Reader { return io.LimitReader(pattern{}, int64(size)) })
			_, err := c.create(context.Background(), "cap")
			ae := k.view(err).api
			if ae == nil {
				t.Fatalf("size %d: err = %v, want an *APIError", size, err)
			}
			want, truncated := size, false
			if size > apierror.MaxErrorBody {
				want, truncated = apierror.MaxErrorBody, true
			}
			if len(ae.Body) != want || ae.BodyTruncated != truncated {
				t.Errorf("body of %d bytes (Content-Length sent: %v): kept %d bytes, truncated %v; want %d, %v",
					size, declared, len(ae.Body), ae.BodyTruncated, want, truncated)
			}
		}
	}
}

// TestSuccessMemberRepeatedInOtherCase answers, for each vendor, a 2xx
// whose body holds the member that carries the order (data, result) with the
// order in it, followed by the same member's name in other letter case
// holding null or a string. encoding/json, which decodes the body, matches
// member names without regard to case and lets the last one win; the call
// must still give a result that carries the order's id, or a typed error
// matching ErrOutcomeUnknown: never a result without the order and no error,
// and never neither a result nor an error.
func TestSuccessMemberRepeatedInOtherCase(t *testing.T) {
	t.Parallel()
	for _, k := range kits {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			member := k.idPath[0].(string)
			order := `{"data":{"id":"x"}}`
			if member == "result" {
				order = `{"result":[{"id":"x"}]}`
			}
			var doc map[string]any
			if err := json.Unmarshal([]byte(order), &doc); err != nil {
				t.Fatal(err)
			}
			h := newHostile(t)
			c := k.dialHostile(t, h)
			for _, other := range []string{strings.ToUpper(member), strings.ToUpper(member[:1]) + member[1:]} {
				for _, v := range []string{`null`, `"str"`} {
					body := strings.TrimSuffix(order, "}") + `,"` + other + `":` + v
					if k.successFlag != "" {
						body += `,"` + k.successFlag + `":true`
					}
					body += "}"
					res, err := checkAnswer(t, k, c, h, k.successStatus, []byte(body))
					if err == nil && res.id != "x" {
						t.Errorf("%s gave a result whose order id is %q, and no error; want id \"x\" or a *DecodeError", body, res.id)
					}
				}
			}
		})
	}
}
