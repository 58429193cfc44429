package main

import (
	"strings"
	"testing"
)

// TestRunAgainstFake runs the program as it runs with no environment.
func TestRunAgainstFake(t *testing.T) {
	t.Setenv("JOIORDERS_ACCESS_TOKEN", "")
	t.Setenv("JOIORDERS_BASE_URL", "")
	if err := run(); err != nil {
		t.Fatal(err)
	}
}

// TestRunNeedsBothVariables checks that a token without a base URL (or the
// reverse) is refused, since the vendor has no public server.
func TestRunNeedsBothVariables(t *testing.T) {
	for _, env := range [][2]string{{"token", ""}, {"", "https://orders.example.com"}} {
		t.Setenv("JOIORDERS_ACCESS_TOKEN", env[0])
		t.Setenv("JOIORDERS_BASE_URL", env[1])
		if err := run(); err == nil || !strings.Contains(err.Error(), "JOIORDERS_BASE_URL") {
			t.Errorf("run() with %q = %v, want an error naming both variables", env, err)
		}
	}
}
