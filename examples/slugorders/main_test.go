package main

import (
	"io"
	"strings"
	"testing"
)

// TestRunNeedsEveryVariableForTheRealAPI checks that a partial configuration
// names what is missing. The run against the fake is TestExamplePrograms, in
// the module's root.
func TestRunNeedsEveryVariableForTheRealAPI(t *testing.T) {
	t.Setenv("ENAD_TOKEN", "tok")
	t.Setenv("ENAD_BASE_URL", "https://enad.example.com")
	t.Setenv("ENAD_TEAM_SLUG", "")
	t.Setenv("ENAD_APP_SLUG", "")
	err := run(nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "ENAD_TEAM_SLUG, ENAD_APP_SLUG") {
		t.Fatalf("run() = %v, want an error naming the missing variables", err)
	}
}
