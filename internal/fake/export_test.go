package fake

import "time"

// SetClock sets the clock of the fake's rate limit, for tests that move time
// by hand.
func SetClock(s *Server, now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}
