//go:build race

package bench

// raceEnabled is whether the race detector is on. It changes what a call
// allocates and keeps (sync.Pool drops items at random under it), so heap
// figures are logged but not asserted then.
const raceEnabled = true
