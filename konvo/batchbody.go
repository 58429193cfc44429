package konvo

import (
	"encoding/json"
	"io"

	"github.com/ordersdk/ordersdk-go/internal/core"
)

// partsMinOrders is the batch size from which CreateOrders encodes order by
// order. A smaller batch is marshalled at once into one slice, which
// net/http sends with its headers in one write.
const partsMinOrders = 64

// encodeBatch encodes the request body of createOrders: at once for a small
// batch, order by order for a large one.
func encodeBatch(orders *[]OrderInput) (core.Body, error) {
	if len(*orders) < partsMinOrders {
		return core.JSONBody(orders)
	}
	length, open, err := encodeParts(*orders)
	return core.Body{Open: open, Length: length}, err
}

// encodeParts returns the JSON of orders, exactly as json.Marshal writes it,
// as its length and a function that returns a new reader of it for each
// attempt.
//
// The batch is held as one encoded order per part, so that the heap holds one
// copy of the payload: json.Marshal of the whole batch grows its buffer by
// doubling to the payload's size and then copies it out, which holds up to
// three payloads at its peak.
func encodeParts(orders []OrderInput) (length int64, body func() io.Reader, err error) {
	parts := make([][]byte, len(orders))
	length = int64(len(orders) + 1) // "[", the commas and "]"
	for i := range orders {
		if parts[i], err = json.Marshal(&orders[i]); err != nil {
			return 0, nil, err
		}
		length += int64(len(parts[i]))
	}
	return length, func() io.Reader { return &partsReader{parts: parts} }, nil
}

var (
	openBracket  = []byte("[")
	comma        = []byte(",")
	closeBracket = []byte("]")
)

// partsReader reads "[", the parts separated by commas, and "]".
type partsReader struct {
	parts [][]byte
	k     int // the piece being read, as numbered by piece
	off   int // how much of it has been read
}

// piece returns the k-th piece of the body, or nil past its end: "[",
// parts[0], ",", parts[1], ..., "]".
func (r *partsReader) piece(k int) []byte {
	n := len(r.parts)
	switch {
	case k == 0:
		return openBracket
	case k == 2*n:
		return closeBracket
	case k > 2*n:
		return nil
	case k%2 == 1:
		return r.parts[k/2]
	}
	return comma
}

func (r *partsReader) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		piece := r.piece(r.k)
		if piece == nil {
			break
		}
		n := copy(p, piece[r.off:])
		p, total, r.off = p[n:], total+n, r.off+n
		if r.off == len(piece) {
			r.k, r.off = r.k+1, 0
		}
	}
	if total == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return total, nil
}

func (r *partsReader) Close() error { return nil }
