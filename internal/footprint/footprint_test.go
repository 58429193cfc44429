// Package footprint measures what the SDK costs a program that imports it:
// the size of its binary, the work its packages do at init, and the modules
// it links. Each test builds small programs from testdata with the go
// command, so they take a few seconds; `go test -short` skips them.
//
//	go test -v -run . ./internal/footprint/
package footprint

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// build compiles the program in testdata/name, stripped, and returns the
// binary's path.
func build(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds programs")
	}
	out := filepath.Join(t.TempDir(), name)
	cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", out, "./testdata/"+name)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", name, err, b)
	}
	return out
}

func size(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestBinarySize holds a stripped program that uses konvo alone to at most
// 1.3 times a net/http hello world.
func TestBinarySize(t *testing.T) {
	hello, konvo := size(t, build(t, "hello")), size(t, build(t, "konvoonly"))
	ratio := float64(konvo) / float64(hello)
	t.Logf("hello world %.2f MiB, konvo only %.2f MiB: %.2fx", mib(hello), mib(konvo), ratio)
	if ratio > 1.3 {
		t.Errorf("a konvo-only binary is %.2fx a net/http hello world, want at most 1.3x", ratio)
	}
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }

// initLine is a line of GODEBUG=inittrace=1: "init pkg @t ms, t ms clock, n
// bytes, n allocs".
var initLine = regexp.MustCompile(`^init (\S+) @.* (\d+) bytes, (\d+) allocs`)

// initAllocs runs the binary with GODEBUG=inittrace=1 and sums the
// allocations of every package's init.
func initAllocs(t *testing.T, bin string) (allocs int, perPackage map[string]int) {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "KONVO_API_KEY=", "FOOTPRINT_INIT_ONLY=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.Bytes())
	}
	perPackage = map[string]int{}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if m := initLine.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[3])
			perPackage[m[1]] += n
			allocs += n
		}
	}
	return allocs, perPackage
}

// TestInitAllocations holds what the five vendor packages and their
// dependencies allocate at init to at most 2,000 allocations more than a
// net/http hello world.
func TestInitAllocations(t *testing.T) {
	hello, _ := initAllocs(t, build(t, "hello"))
	all, per := initAllocs(t, build(t, "allfive"))
	t.Logf("init allocations: hello world %d, all five packages %d (+%d)", hello, all, all-hello)
	for pkg, n := range per {
		if first, _, _ := strings.Cut(pkg, "/"); !strings.Contains(first, ".") {
			continue // the standard library, which hello world pays too
		}
		if n > 0 {
			t.Logf("  %s: %d", pkg, n)
		}
	}
	if all-hello > 2000 {
		t.Errorf("all five packages add %d allocations at init, want at most 2000", all-hello)
	}
}

// TestThirdPartyModules holds a konvo-only program to at most 4 modules
// beyond the standard library and this one, and keeps the spec-reading
// libraries out of every vendor package.
func TestThirdPartyModules(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}", "./testdata/konvoonly").Output()
	if err != nil {
		t.Fatal(err)
	}
	mods := map[string]bool{}
	for _, m := range strings.Fields(string(out)) {
		if m != "github.com/ordersdk/ordersdk-go" {
			mods[m] = true
		}
	}
	t.Logf("a konvo-only program links %d third-party modules: %v", len(mods), keys(mods))
	if len(mods) > 4 {
		t.Errorf("a konvo-only program links %d third-party modules, want at most 4", len(mods))
	}
	out, err = exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}", "./testdata/allfive").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, banned := range []string{"github.com/getkin/kin-openapi", "github.com/oapi-codegen/runtime", "golang.org/x/net"} {
		if strings.Contains(string(out), banned+"\n") {
			t.Errorf("the vendor packages link %s", banned)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
