package bench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"runtime"
	"testing"
)

// BenchmarkOverhead runs each vendor's create call, one order, the three ways
// of the other benchmarks, on a Transport that answers in memory with the
// captured response: the figures are the client's own CPU time and
// allocations per call, without the loopback round trip that dominates, and
// makes noisy, the figures of the other benchmarks.
func BenchmarkOverhead(b *testing.B) {
	for _, vc := range []*vendorCase{konvoCase(konvoOrders(b, 1)), komerzaCase(), joiordersCase(), slugordersCase(), bitbybitCase()} {
		b.Run(vc.name, func(b *testing.B) {
			mt := &memoryTransport{vc: vc, resp: capture(b, vc)}
			ctx := context.Background()
			for _, impl := range shuffledImpls() {
				b.Run("impl="+impl, func(b *testing.B) {
					// As benchCreate: no garbage of an earlier run left
					// to collect, and one call before timing, which fills
					// the caches (the compiled schema, the decoders' type
					// tables) that would otherwise be charged to whichever
					// implementation runs first.
					runtime.GC()
					call := newCallOn(b, vc, impl, "http://127.0.0.1:9", mt)
					if _, err := call(ctx); err != nil {
						b.Fatal(err)
					}
					b.ReportAllocs()
					cpu := startCPU()
					for b.Loop() {
						if _, err := call(ctx); err != nil {
							b.Fatal(err)
						}
					}
					cpu.report(b)
				})
			}
		})
	}
}

// memoryTransport answers as the replay server does (vendorCase.answer),
// without a connection, after reading the whole request body.
type memoryTransport struct {
	vc   *vendorCase
	resp response
}

func (t *memoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, err := io.Copy(io.Discard, req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
	}
	answer := t.vc.answer(req, t.resp)
	return &http.Response{
		StatusCode:    answer.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": contentTypeJSON},
		Body:          io.NopCloser(bytes.NewReader(answer.body)),
		ContentLength: int64(len(answer.body)),
		Request:       req,
	}, nil
}
