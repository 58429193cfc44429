package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"

	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/lenient"
)

// MaxSuccessBody bounds a success response; a larger one is a DecodeError.
const MaxSuccessBody = 64 << 20

// maxDriftRecords bounds the Warn records of one call, so that a body of a
// thousand drifted members does not flood the log.
const maxDriftRecords = 10

var errTooLarge = errors.New("response body larger than the SDK accepts")

// decodeSuccess reads a 2xx answer. The vendor created the order, so the
// result comes back whenever the body is recognizably the documented shape
// (see ResultShape), however its members drifted: the strict decode is the
// fast path, and when it fails the lenient one keeps every member that fits,
// leaving the others at their zero value and reporting them in m.Drift and in
// a Warn record. Only a body that is not JSON, too large, without the created
// object, or an envelope saying success:false is an error.
func decodeSuccess[Res any](c *Client, cl *call, shape *ResultShape, documented []int, resp *http.Response, m *Meta) (*Res, error) {
	status := resp.StatusCode
	fail := func(body []byte, err error) error {
		cl.final = apierror.Classify(apierror.BodyFailed, status, false)
		return &apierror.DecodeError{Vendor: c.vendor.Name, StatusCode: status, Body: capBody(body), Err: err}
	}
	if resp.ContentLength > MaxSuccessBody {
		// Too large by its own account: keep what an error keeps, and read
		// no further.
		head, _ := readCapped(resp.Body, apierror.MaxErrorBody, -1)
		return nil, fail(c.secret.redact.Bytes(head), errTooLarge)
	}
	body, err := readCapped(resp.Body, MaxSuccessBody, resp.ContentLength)
	// The body, and a read error that quotes a trailer, came from the
	// vendor: both may echo the credential.
	body = c.secret.redact.Bytes(body)
	m.Body = body
	if err != nil {
		return nil, fail(body, c.secret.redact.Error(err))
	}
	if !slices.Contains(documented, status) {
		c.warn(cl, "undocumented success status", slog.Int("status", status), slog.String("request_id", m.RequestID))
	}
	reportsFailure, err := scanShape(body, shape)
	if err != nil {
		return nil, fail(body, err)
	}
	if reportsFailure {
		e := &apierror.APIError{Vendor: c.vendor.Name, StatusCode: status, RequestID: m.RequestID,
			Body: capBody(body), Ambiguous: cl.mayExist}
		c.vendor.Errors.decode(body, e)
		if e.Message == "" {
			e.Message = "the response reports " + shape.SuccessFlag + ": false"
		}
		return nil, e
	}
	var out Res
	if json.Unmarshal(body, &out) == nil {
		return &out, nil
	}
	out = *new(Res)
	drift, err := lenient.Decode(body, &out)
	if err != nil {
		return nil, fail(body, c.secret.redact.Error(err))
	}
	m.Drift = drift
	for i, d := range drift {
		if i == maxDriftRecords {
			c.warn(cl, "more members of the success body did not fit their type; WithResponseInto lists them all",
				slog.Int("more", len(drift)-i), slog.String("request_id", m.RequestID))
			break
		}
		c.warn(cl, "a member of the success body did not fit its type and was left empty",
			slog.String("member", c.secret.redact.String(d.Path)), slog.String("problem", d.Problem),
			slog.String("request_id", m.RequestID))
	}
	return &out, nil
}

// apiError reads at most MaxErrorBody bytes of a non-2xx answer and decodes
// the vendor's envelope from it; the rest of the body is never read.
func (c *Client) apiError(cl *call, resp *http.Response) *apierror.APIError {
	body, err := readCapped(resp.Body, apierror.MaxErrorBody, resp.ContentLength)
	body = c.secret.redact.Bytes(body)
	e := &apierror.APIError{
		Vendor:        c.vendor.Name,
		StatusCode:    resp.StatusCode,
		RequestID:     c.requestID(resp.Header),
		RetryAfter:    min(retryHint(resp.Header), c.cfg.maxRetryWait),
		Body:          body,
		BodyTruncated: errors.Is(err, errTooLarge),
		Ambiguous:     cl.mayExist,
	}
	c.vendor.Errors.decode(body, e)
	return e
}

// capBody keeps at most MaxErrorBody bytes of b, in a slice of its own.
func capBody(b []byte) []byte {
	return append([]byte(nil), b[:min(len(b), apierror.MaxErrorBody)]...)
}

// requestIDHeaders are the headers vendors and their proxies use for a
// request's id, in order of preference.
var requestIDHeaders = []string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid", "Cf-Ray"}

// maxRequestID bounds the request id kept, so that a vendor cannot fill
// error strings and logs through it.
const maxRequestID = 200

// requestID returns the vendor's id for the request, the credential removed
// before it is cut to maxRequestID bytes.
func (c *Client) requestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := firstValue(h[k]); v != "" {
			return truncate(c.secret.redact.String(v), maxRequestID)
		}
	}
	return ""
}

// scanShape tells whether body is recognizably the success body shape
// describes. It reads the top level, skipping the values of other members,
// and judges a member that appears twice, in any case, by its last
// occurrence, as encoding/json decodes it.
func scanShape(body []byte, shape *ResultShape) (reportsFailure bool, err error) {
	invalid := errInvalidJSON
	s := scanner{b: body}
	if !s.consume('{') {
		return false, errors.New("the body is not a JSON object")
	}
	var memberErr error
	memberSeen := shape.Member == ""
	for !s.consume('}') {
		key, ok := s.key()
		if !ok {
			return false, invalid
		}
		s.space()
		start := s.i
		// encoding/json, and the lenient decoder after it, match member
		// names regardless of case; so must the shape, or a "DATA" after
		// "data" would decode as no order, without an error.
		if shape.Member != "" && bytes.EqualFold(key, []byte(shape.Member)) {
			memberSeen = true
			if memberErr = s.member(shape); errors.Is(memberErr, errInvalidJSON) {
				return false, invalid
			}
		} else if !s.skipValue() {
			return false, invalid
		}
		if shape.SuccessFlag != "" && bytes.EqualFold(key, []byte(shape.SuccessFlag)) {
			reportsFailure = string(body[start:s.i]) == "false"
		}
		if !s.consume(',') && s.peek() != '}' {
			return false, invalid
		}
	}
	if reportsFailure {
		return true, nil
	}
	if !memberSeen {
		return false, fmt.Errorf("the body has no %q member", shape.Member)
	}
	return false, memberErr
}

var errInvalidJSON = errors.New("the body is not valid JSON")

// scanner reads JSON loosely: enough to find top-level members and the kind
// of their values. The strict or lenient decode that follows checks the rest.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// consume skips white space and c, if c comes next.
func (s *scanner) consume(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// peek returns the next byte after white space, or 0.
func (s *scanner) peek() byte {
	s.space()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// key reads a member name and its colon.
func (s *scanner) key() ([]byte, bool) {
	if s.peek() != '"' {
		return nil, false
	}
	start := s.i
	if !s.skipString() {
		return nil, false
	}
	raw := s.b[start:s.i]
	if !s.consume(':') {
		return nil, false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		// Most keys have no escape: their bytes are the name (9% of a
		// call's CPU went to unquoting every key, BenchmarkOverhead).
		return raw[1 : len(raw)-1], true
	}
	var k string
	if json.Unmarshal(raw, &k) != nil {
		return nil, false
	}
	return []byte(k), true
}

// member skips the value of the member that holds the created object, and
// says what is wrong with it, or errInvalidJSON.
func (s *scanner) member(shape *ResultShape) error {
	c := s.peek()
	start := s.i
	if !s.skipValue() {
		return errInvalidJSON
	}
	switch {
	case !shape.Array && c == '{':
		return nil
	case !shape.Array:
		return fmt.Errorf("%q is not an object", shape.Member)
	case c != '[':
		return fmt.Errorf("%q is not an array", shape.Member)
	}
	// One created object is enough to recognize the batch; the decode reads
	// the rest.
	inner := scanner{b: s.b[:s.i], i: start + 1}
	for !inner.consume(']') {
		if inner.peek() == '{' {
			return nil
		}
		if !inner.skipValue() {
			return errInvalidJSON
		}
		inner.consume(',')
	}
	return fmt.Errorf("%q holds no object", shape.Member)
}

// skipString skips the string that starts at s.i.
func (s *scanner) skipString() bool {
	for s.i++; s.i < len(s.b); s.i++ {
		switch s.b[s.i] {
		case '\\':
			s.i++
		case '"':
			s.i++
			return true
		}
	}
	return false
}

// skipValue skips one value: a string, a number or literal, or an object or
// array with everything in it.
func (s *scanner) skipValue() bool {
	depth := 0
	for {
		switch c := s.peek(); c {
		case 0:
			return false
		case '"':
			if !s.skipString() {
				return false
			}
		case '{', '[':
			depth++
			s.i++
		case '}', ']':
			depth--
			s.i++
			if depth < 0 {
				return false
			}
		case ',', ':':
			if depth == 0 {
				return false
			}
			s.i++
		default:
			for s.i < len(s.b) && !isDelimiter(s.b[s.i]) {
				s.i++
			}
		}
		if depth == 0 {
			return true
		}
	}
}

func isDelimiter(c byte) bool {
	switch c {
	case ',', ':', '{', '}', '[', ']', '"', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// readCapped reads at most limit bytes, and fails if there were more. size is
// the body's length when known (Content-Length), else -1. The buffer is sized
// from size once, or else doubled up to limit, so that reading allocates at
// most about twice what it keeps: a bytes.Buffer, which grows by appending to
// its whole capacity, allocated eight times the limit for a body that never
// ended.
func readCapped(r io.Reader, limit, size int64) ([]byte, error) {
	n := int64(512)
	if size >= 0 {
		// One more byte, to see the end without growing.
		n = size + 1
	}
	buf := make([]byte, 0, max(min(n, limit), 1))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) >= limit {
				// Full: one more byte means too large.
				var probe [1]byte
				for {
					m, err := r.Read(probe[:])
					switch {
					case m > 0:
						return buf[:limit], errTooLarge
					case err == io.EOF:
						return buf, nil
					case err != nil:
						return buf, err
					}
				}
			}
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), limit))
			copy(grown, buf)
			buf = grown
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
