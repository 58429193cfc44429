package apierror

import (
	"fmt"
	"strings"
)

// This file is the SDK's one classification table: for every way an attempt
// to create an order can end, whether the order was created, was not, or may
// have been. The retry policy (internal/core), the errors' Is methods and the
// README's table all read it; TestREADMEClassificationTable holds the README
// to Table.

// Phase is how far an attempt got on the wire, as the SDK recorded it for
// that attempt: never inferred from an error.
type Phase int

const (
	// Unsent: no byte of the request can have reached the vendor. The
	// connection was never obtained (DNS, dial, TLS handshake, proxy), or was
	// obtained and failed before the request was handed to it.
	Unsent Phase = iota
	// Written: request bytes were handed to the connection, and no response
	// headers came back. The vendor may have read the whole request.
	Written
	// Answered: the response's status line and headers arrived.
	Answered
	// BodyFailed: a 2xx arrived and its body could not be read or
	// recognized.
	BodyFailed
)

// String names the phase as the README's table does.
func (p Phase) String() string {
	switch p {
	case Unsent:
		return "before the request was handed to a connection"
	case Written:
		return "after request bytes were handed to a connection, before a response"
	case Answered:
		return "response received"
	case BodyFailed:
		return "2xx whose body could not be read or recognized"
	}
	return fmt.Sprintf("Phase(%d)", int(p))
}

// Verdict is what an attempt's end proves about the order.
type Verdict int

const (
	// Created: a 2xx; the order exists.
	Created Verdict = iota
	// Retry: the order was not created and sending again is safe.
	Retry
	// NotCreated: the order was not created; sending the same request again
	// would fail the same way.
	NotCreated
	// Unknown: the order may exist. Sending again could create it twice.
	Unknown
)

// String names the verdict as the README's table does.
func (v Verdict) String() string {
	switch v {
	case Created:
		return "created"
	case Retry:
		return "retried: not created"
	case NotCreated:
		return "not created"
	case Unknown:
		return "outcome unknown"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// Hint says whether a row applies to responses that carry a retry hint
// (Retry-After, retry-after-ms, RateLimit-Reset), to those that do not, or to
// both.
type Hint int

const (
	// AnyHint: the row applies whether or not the response carries a hint.
	AnyHint Hint = iota
	// WithHint: only responses carrying a hint.
	WithHint
	// WithoutHint: only responses carrying none.
	WithoutHint
)

// Row is one line of Table. Status bounds are inclusive and apply to the
// Answered phase; the other phases have no status.
type Row struct {
	Phase     Phase
	MinStatus int
	MaxStatus int
	Hint      Hint
	Verdict   Verdict
	// Budgeted says that retrying spends the call's retry budget
	// (WithMaxRetries). A 429, or a 503 with a hint, only proves that the
	// vendor's window is full: those retries are limited by their own wait
	// cap instead (WithMaxRateLimitWait).
	Budgeted bool
	// Why is the reason, for the README.
	Why string
}

// Table is the classification, most specific rows first: the first row that
// matches an attempt's phase, status and hint decides.
var Table = []Row{
	{Phase: Unsent, Verdict: Retry, Budgeted: true,
		Why: "refused, DNS, TLS handshake, proxy: the vendor never saw the order"},
	{Phase: Written, Verdict: Unknown, Budgeted: true,
		Why: "timeout, reset, lost connection, HTTP/2 stream reset: the vendor may have read the whole order"},
	{Phase: Answered, MinStatus: 200, MaxStatus: 299, Verdict: Created,
		Why: "the vendor created the order"},
	{Phase: Answered, MinStatus: 300, MaxStatus: 399, Verdict: Unknown, Budgeted: true,
		Why: "a redirect the SDK does not follow: the vendor may have created the order before redirecting"},
	{Phase: Answered, MinStatus: 408, MaxStatus: 408, Verdict: Retry, Budgeted: true,
		Why: "the vendor timed out reading the request and did not process it"},
	{Phase: Answered, MinStatus: 429, MaxStatus: 429, Verdict: Retry,
		Why: "rate limited: the vendor refused the request unread"},
	{Phase: Answered, MinStatus: 503, MaxStatus: 503, Hint: WithHint, Verdict: Retry,
		Why: "unavailable, come back at the hint: the vendor refused the request unread"},
	{Phase: Answered, MinStatus: 503, MaxStatus: 503, Hint: WithoutHint, Verdict: Retry, Budgeted: true,
		Why: "unavailable: the vendor refused the request unread"},
	{Phase: Answered, MinStatus: 400, MaxStatus: 499, Verdict: NotCreated,
		Why: "the vendor refused the order"},
	{Phase: Answered, MinStatus: 500, MaxStatus: 599, Verdict: Unknown, Budgeted: true,
		Why: "any other 5xx (500, 502, 504, 520, 524, 599, ...): the vendor may have created the order before failing"},
	{Phase: Answered, MinStatus: 0, MaxStatus: 999, Verdict: Unknown, Budgeted: true,
		Why: "a status outside HTTP's classes: nothing is proven"},
	{Phase: BodyFailed, Verdict: Unknown,
		Why: "the vendor accepted the order; its answer is lost"},
}

// Classify returns the row of Table that decides an attempt that ended in
// phase with status (0 without a response), and whether the response carried
// a retry hint.
func Classify(phase Phase, status int, hint bool) Row {
	for _, r := range Table {
		if r.Phase != phase {
			continue
		}
		if phase == Answered && (status < r.MinStatus || status > r.MaxStatus) {
			continue
		}
		if (r.Hint == WithHint && !hint) || (r.Hint == WithoutHint && hint) {
			continue
		}
		return r
	}
	// Unreachable: the last Answered row matches every status, and every
	// other phase has a row.
	return Row{Phase: phase, Verdict: Unknown, Budgeted: true}
}

// StatusOutcomeUnknown reports whether a response with this status leaves the
// order's fate unknown, as Table says.
func StatusOutcomeUnknown(status int) bool {
	return Classify(Answered, status, false).Verdict == Unknown
}

// TableMarkdown renders Table as the README shows it.
func TableMarkdown() string {
	var b strings.Builder
	b.WriteString("| phase of the failure | status | verdict | retried | why |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, r := range Table {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.Phase, r.statusText(), r.Verdict, r.retried(), r.Why)
	}
	return b.String()
}

func (r Row) statusText() string {
	if r.Phase != Answered {
		return "—"
	}
	var s string
	switch {
	case r.MinStatus == 0:
		s = "any other"
	case r.MinStatus == r.MaxStatus:
		s = fmt.Sprint(r.MinStatus)
	default:
		s = fmt.Sprintf("%d–%d", r.MinStatus, r.MaxStatus)
	}
	switch r.Hint {
	case WithHint:
		s += " with a retry hint"
	case WithoutHint:
		s += " without a hint"
	}
	return s
}

func (r Row) retried() string {
	switch {
	case r.Verdict == Created:
		return "—"
	case r.Verdict == NotCreated:
		return "no"
	case r.Verdict == Retry && r.Budgeted:
		return "yes, within WithMaxRetries"
	case r.Verdict == Retry:
		return "yes, within WithMaxRateLimitWait; not counted by WithMaxRetries"
	case r.Budgeted:
		return "only under WithRetryAmbiguous, within WithMaxRetries"
	}
	return "never: a 2xx is final"
}
