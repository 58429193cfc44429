package apierror

import "testing"

// TestClassify checks the verdict of every kind of end an attempt can have.
func TestClassify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		phase    Phase
		status   int
		hint     bool
		want     Verdict
		budgeted bool
	}{
		{Unsent, 0, false, Retry, true},
		{Written, 0, false, Unknown, true},
		{Answered, 0, false, Unknown, true}, // headers began, then the connection broke
		{Answered, 200, false, Created, false},
		{Answered, 201, false, Created, false},
		{Answered, 299, false, Created, false},
		{Answered, 301, false, Unknown, true},
		{Answered, 302, false, Unknown, true},
		{Answered, 303, false, Unknown, true},
		{Answered, 307, false, Unknown, true},
		{Answered, 400, false, NotCreated, false},
		{Answered, 401, false, NotCreated, false},
		{Answered, 404, false, NotCreated, false},
		{Answered, 408, false, Retry, true},
		{Answered, 409, false, NotCreated, false},
		{Answered, 422, false, NotCreated, false},
		{Answered, 429, false, Retry, false},
		{Answered, 429, true, Retry, false},
		{Answered, 500, false, Unknown, true},
		{Answered, 501, false, Unknown, true},
		{Answered, 502, false, Unknown, true},
		{Answered, 503, false, Retry, true},
		{Answered, 503, true, Retry, false},
		{Answered, 504, false, Unknown, true},
		{Answered, 520, false, Unknown, true},
		{Answered, 524, false, Unknown, true},
		{Answered, 599, false, Unknown, true},
		{Answered, 600, false, Unknown, true},
		{Answered, 100, false, Unknown, true},
		{BodyFailed, 201, false, Unknown, false},
	}
	for _, tt := range tests {
		r := Classify(tt.phase, tt.status, tt.hint)
		if r.Verdict != tt.want || r.Budgeted != tt.budgeted {
			t.Errorf("Classify(%v, %d, hint %v) = %v budgeted %v, want %v budgeted %v",
				tt.phase, tt.status, tt.hint, r.Verdict, r.Budgeted, tt.want, tt.budgeted)
		}
		if tt.phase == Answered && StatusOutcomeUnknown(tt.status) != (Classify(Answered, tt.status, false).Verdict == Unknown) {
			t.Errorf("StatusOutcomeUnknown(%d) disagrees with Classify", tt.status)
		}
	}
}
