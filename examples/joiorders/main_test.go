package main

import (
	"io"
	"strings"
	"testing"
)

// TestRunNeedsBothVariables checks that a token without a base URL (or the
// reverse) is refused, since the vendor has no public server. The run against
// the fake is TestExamplePrograms, in the module's root.
func TestRunNeedsBothVariables(t *testing.T) {
	for _, env := range [][2]string{{"token", ""}, {"", "https://orders.example.com"}} {
		t.Setenv("JOIORDERS_ACCESS_TOKEN", env[0])
		t.Setenv("JOIORDERS_BASE_URL", env[1])
		if err := run(nil, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "JOIORDERS_BASE_URL") {
			t.Errorf("run() with %q = %v, want an error naming both variables", env, err)
		}
	}
}
