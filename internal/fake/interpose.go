package fake

import (
	"bytes"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"golang.org/x/net/http2/hpack"
)

// An HTTP/2 connection of a fake started WithTLS is served by Go's own HTTP/2
// server (Server.http2, net/http's, speaking HTTP/2 with prior knowledge) over
// an in-memory pipe, with the interposer in between. It copies the client's
// bytes to the server verbatim, and the server's frames to the client
// verbatim too, except for header blocks: it decodes each one to find the
// responses a fault has marked with endHeader. A marked response never
// reaches the client; the interposer sends what the fault asks for instead,
// which Go's server has no way to send (a RST_STREAM with PROTOCOL_ERROR, a
// malformed header block), or resets the TCP connection. The blocks it passes
// on it encodes again with an encoder of its own, so that the client's HPACK
// decoder stays in step with what it was sent: forwarding the server's blocks
// as they were would leave the client without the dynamic table entries of
// the blocks withheld (TestHTTP2HeaderBlocksStayInStep fails with
// COMPRESSION_ERROR then).

// HTTP/2 frame types, flags and error codes (RFC 9113, section 6 and 7) the
// interposer reads or writes. A frame layer of a few lines, rather than
// golang.org/x/net/http2, keeps a second HTTP/2 implementation out of the
// fakes' importers.
const (
	frameHeaders      = 0x1
	frameRSTStream    = 0x3
	framePushPromise  = 0x5
	frameContinuation = 0x9

	flagEndStream  = 0x1
	flagEndHeaders = 0x4
	flagPadded     = 0x8
	flagPriority   = 0x20

	errCodeProtocol = 0x1

	frameHeaderLen = 9
	// maxFrameSize is the least SETTINGS_MAX_FRAME_SIZE a peer may set, so a
	// frame of this size is always allowed (RFC 9113, section 4.2).
	maxFrameSize = 1 << 14
	// maxTableSize is the dynamic table size Go's HTTP/2 server encodes with
	// at most.
	maxTableSize = 4096
)

// interpose serves an HTTP/2 connection that ALPN negotiated on tc; it is the
// "h2" entry of the TLS server's TLSNextProto.
func (s *Server) interpose(_ *http.Server, tc *tls.Conn, _ http.Handler) {
	if !s.enter() {
		resetConn(tc)
		return
	}
	defer s.wg.Done()
	near, far := net.Pipe()
	if !s.pipes.offer(pipeConn{Conn: far, local: tc.LocalAddr(), remote: tc.RemoteAddr()}) {
		far.Close()
		near.Close()
		resetConn(tc)
		return
	}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		io.Copy(near, tc)
		// The client is gone or the connection is closing: end the
		// server's side too.
		near.Close()
	}()
	r := newRelay(tc)
	if err := r.run(near); errors.Is(err, errResetConnection) {
		resetConn(tc)
	} else {
		tc.Close()
	}
	near.Close()
	<-copied
}

// errResetConnection is how a relay says that a fault asked for the client's
// TCP connection to be reset.
var errResetConnection = errors.New("fake: fault resets the connection")

// relay passes the frames of Go's HTTP/2 server on to the client.
type relay struct {
	client io.Writer
	dec    *hpack.Decoder // in step with the server's encoder
	enc    *hpack.Encoder // in step with the client's decoder
	block  headerBlock
	// ended holds the streams a fault has ended: their later frames are
	// dropped.
	ended map[uint32]bool
	out   []byte
	enced bytes.Buffer
}

// headerBlock is the response header block being read: a HEADERS frame and
// its CONTINUATION frames.
type headerBlock struct {
	open      bool
	stream    uint32
	endStream bool
	fields    []hpack.HeaderField
}

func newRelay(client io.Writer) *relay {
	r := &relay{client: client, ended: map[uint32]bool{}}
	r.dec = hpack.NewDecoder(maxTableSize, func(f hpack.HeaderField) {
		r.block.fields = append(r.block.fields, f)
	})
	r.enc = hpack.NewEncoder(&r.enced)
	// Without a dynamic table, the encoder needs no word of the client's
	// SETTINGS_HEADER_TABLE_SIZE, which may be below the initial 4096. The
	// table size update this emits at the start of the first block is within
	// what any client allows.
	r.enc.SetMaxDynamicTableSizeLimit(0)
	return r
}

// run relays frames from the server until it stops or the client goes.
func (r *relay) run(server io.Reader) error {
	var buf []byte
	for {
		f, err := readFrame(server, buf)
		if err != nil {
			return err
		}
		buf = f.raw
		switch {
		case f.typ == frameHeaders:
			if r.block.open {
				return errors.New("fake: HEADERS inside a header block")
			}
			frag, err := headerFragment(f)
			if err != nil {
				return err
			}
			r.block = headerBlock{open: true, stream: f.stream, endStream: f.flags&flagEndStream != 0, fields: r.block.fields[:0]}
			err = r.decode(frag, f.flags)
			if err != nil {
				return err
			}
		case f.typ == frameContinuation:
			if !r.block.open || f.stream != r.block.stream {
				return errors.New("fake: CONTINUATION outside its header block")
			}
			if err := r.decode(f.payload(), f.flags); err != nil {
				return err
			}
		case f.typ == framePushPromise:
			// Go's server pushes nothing, and Go's client refuses pushes.
			return errors.New("fake: the interposer does not relay PUSH_PROMISE")
		case f.stream != 0 && r.ended[f.stream]:
			// A DATA, RST_STREAM or WINDOW_UPDATE frame of a stream a fault
			// has ended; the faults' responses have no body, so dropping
			// one costs no flow-control window.
		default:
			if _, err := r.client.Write(f.raw); err != nil {
				return err
			}
		}
	}
}

// decode takes a fragment of the header block; at the end of the block it
// passes the response on, or does what its fault asks for instead.
func (r *relay) decode(frag []byte, flags uint8) error {
	if _, err := r.dec.Write(frag); err != nil {
		return err
	}
	if flags&flagEndHeaders == 0 {
		return nil
	}
	if err := r.dec.Close(); err != nil {
		return err
	}
	b := r.block
	r.block.open = false
	end := ending("")
	for _, f := range b.fields {
		if strings.EqualFold(f.Name, endHeader) {
			end = ending(f.Value)
		}
	}
	r.out = r.out[:0]
	switch {
	case end == endConnection:
		return errResetConnection
	case end == endStream:
		r.ended[b.stream] = true
		var code [4]byte
		binary.BigEndian.PutUint32(code[:], errCodeProtocol)
		r.out = appendFrame(r.out, frameRSTStream, 0, b.stream, code[:])
	case end == endRaw:
		r.ended[b.stream] = true
		// An upper-case field name is malformed in HTTP/2 (RFC 9113,
		// section 8.2.1): the client must refuse the response.
		malformed := []hpack.HeaderField{{Name: ":status", Value: "200"}, {Name: "Malformed-Response", Value: "upper-case name"}}
		r.out = r.appendHeaders(r.out, b.stream, true, malformed)
	case end != "":
		return fmt.Errorf("fake: unknown ending %q", end)
	case r.ended[b.stream]:
		return nil
	default:
		r.out = r.appendHeaders(r.out, b.stream, b.endStream, b.fields)
	}
	_, err := r.client.Write(r.out)
	return err
}

// appendHeaders appends a header block of fields, as a HEADERS frame and as
// many CONTINUATION frames as it needs.
func (r *relay) appendHeaders(dst []byte, stream uint32, endStream bool, fields []hpack.HeaderField) []byte {
	r.enced.Reset()
	for _, f := range fields {
		// Writes to a bytes.Buffer do not fail.
		r.enc.WriteField(f)
	}
	block := r.enced.Bytes()
	typ, flags := uint8(frameHeaders), uint8(0)
	if endStream {
		flags = flagEndStream
	}
	for {
		n := min(len(block), maxFrameSize)
		if n == len(block) {
			flags |= flagEndHeaders
		}
		dst = appendFrame(dst, typ, flags, stream, block[:n])
		block = block[n:]
		if len(block) == 0 {
			return dst
		}
		typ, flags = frameContinuation, 0
	}
}

// frame is one HTTP/2 frame as it arrived.
type frame struct {
	typ, flags uint8
	stream     uint32
	raw        []byte // the whole frame, its 9-byte header included
}

func (f frame) payload() []byte { return f.raw[frameHeaderLen:] }

// readFrame reads one frame, into buf if it is large enough.
func readFrame(r io.Reader, buf []byte) (frame, error) {
	var h [frameHeaderLen]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return frame{}, err
	}
	n := frameHeaderLen + (int(h[0])<<16 | int(h[1])<<8 | int(h[2]))
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	copy(buf, h[:])
	if _, err := io.ReadFull(r, buf[frameHeaderLen:]); err != nil {
		return frame{}, err
	}
	return frame{typ: h[3], flags: h[4], stream: binary.BigEndian.Uint32(h[5:]) &^ (1 << 31), raw: buf}, nil
}

// headerFragment returns the header block fragment of a HEADERS frame,
// without its padding and priority fields.
func headerFragment(f frame) ([]byte, error) {
	p, pad := f.payload(), 0
	if f.flags&flagPadded != 0 {
		if len(p) < 1 {
			return nil, errors.New("fake: HEADERS frame too short for its padding")
		}
		pad, p = int(p[0]), p[1:]
	}
	if f.flags&flagPriority != 0 {
		if len(p) < 5 {
			return nil, errors.New("fake: HEADERS frame too short for its priority")
		}
		p = p[5:]
	}
	if pad > len(p) {
		return nil, errors.New("fake: HEADERS frame padded beyond its length")
	}
	return p[:len(p)-pad], nil
}

func appendFrame(dst []byte, typ, flags uint8, stream uint32, payload []byte) []byte {
	n := len(payload)
	dst = append(dst, byte(n>>16), byte(n>>8), byte(n), typ, flags)
	dst = binary.BigEndian.AppendUint32(dst, stream)
	return append(dst, payload...)
}
