package core

import (
	"net/http"
	"time"

	"github.com/ordersdk/ordersdk-go/internal/lenient"
)

// Meta is what a call learned from the vendor's answers, for support tickets
// and for reconciling an order: the final response's status, headers and
// request id, every attempt with its status, and the drift of a success body.
// Everything in it that came from the vendor has the credential removed.
type Meta struct {
	// StatusCode is the final response's status; 0 when none arrived.
	StatusCode int
	// Header is the final response's header.
	Header http.Header
	// RequestID is the vendor's id for the final request, when it sent one.
	RequestID string
	// Attempts lists every attempt, in order.
	Attempts []AttemptMeta
	// Body is the final response's body: at most MaxSuccessBody bytes of a
	// 2xx, at most MaxErrorBody of anything else.
	Body []byte
	// Drift lists the members of a 2xx body that did not fit their type.
	Drift []lenient.Drift
}

// AttemptMeta is one attempt of a call.
type AttemptMeta struct {
	// StatusCode is the attempt's response status; 0 when none arrived.
	StatusCode int
	// Failure names the transport failure, "" when there was none.
	Failure string
	// Sent reports that request bytes were handed to a connection.
	Sent bool
	// Verdict is what the attempt proved, as the classification table
	// names it ("retried: not created", "outcome unknown", ...).
	Verdict string
	// Duration is how long the attempt took; Wait is the delay chosen
	// before the next one.
	Duration, Wait time.Duration
}

// attemptsFrom records cl's attempts.
func (m *Meta) attemptsFrom(cl *call) {
	m.Attempts = make([]AttemptMeta, len(cl.attempts))
	for i, a := range cl.attempts {
		m.Attempts[i] = AttemptMeta{StatusCode: a.status, Failure: a.failure, Sent: a.reached.Load() >= phaseWritten,
			Verdict: a.row.Verdict.String(), Duration: a.took, Wait: a.wait}
	}
}
