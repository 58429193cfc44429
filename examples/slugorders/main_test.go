package main

import (
	"strings"
	"testing"
)

func TestRunAgainstTheFake(t *testing.T) {
	for _, k := range []string{"ENAD_TOKEN", "ENAD_BASE_URL", "ENAD_TEAM_SLUG", "ENAD_APP_SLUG"} {
		t.Setenv(k, "")
	}
	if err := run(); err != nil {
		t.Fatal(err)
	}
}

func TestRunNeedsEveryVariableForTheRealAPI(t *testing.T) {
	t.Setenv("ENAD_TOKEN", "tok")
	t.Setenv("ENAD_BASE_URL", "https://enad.example.com")
	t.Setenv("ENAD_TEAM_SLUG", "")
	t.Setenv("ENAD_APP_SLUG", "")
	err := run()
	if err == nil || !strings.Contains(err.Error(), "ENAD_TEAM_SLUG, ENAD_APP_SLUG") {
		t.Fatalf("run() = %v, want an error naming the missing variables", err)
	}
}
