package ordersdk_test

// The Go in README.md and in each vendor's package documentation is code
// that users paste, so it must compile as pasted and do what the README says:
// these tests hold every such block to a program under examples/readme, and
// run those programs against the fakes.
//
// After changing a program, or the classification table, copy it into
// README.md and doc.go with
//
//	go test -run 'TestREADME|TestPackageDocs' -update .

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
	"github.com/ordersdk/ordersdk-go/internal/apierror"
	"github.com/ordersdk/ordersdk-go/internal/fake"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

var update = flag.Bool("update", false, "rewrite the blocks of README.md and of each doc.go from their source files")

// snippetsDir holds the source of every block.
const snippetsDir = "examples/readme"

// snippetMarker names the file that the fenced block on the next line
// quotes.
var snippetMarker = regexp.MustCompile(`^<!-- snippet: (\S+) -->$`)

// snippet is one fenced Go block of README.md and the file it quotes.
type snippet struct {
	path       string // the quoted file, relative to the module root
	start, end int    // the block's lines in README.md, fences excluded: lines[start:end]
}

// readmeSnippets returns README.md's lines and its Go blocks. A Go block
// without a marker on the line above is a test failure: it would be code
// that nothing compiles.
func readmeSnippets(t *testing.T) ([]string, []snippet) {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var out []snippet
	for i := 0; i < len(lines); i++ {
		m := snippetMarker.FindStringSubmatch(lines[i])
		if m == nil {
			if strings.HasPrefix(lines[i], "```go") {
				t.Errorf("README.md:%d: a Go block without a <!-- snippet: path --> marker above it", i+1)
			}
			continue
		}
		if i+1 == len(lines) || lines[i+1] != "```go" {
			t.Errorf("README.md:%d: the snippet marker is not followed by a ```go line", i+1)
			continue
		}
		end := slices.Index(lines[i+2:], "```")
		if end < 0 {
			t.Fatalf("README.md:%d: the block never ends", i+2)
		}
		out = append(out, snippet{path: m[1], start: i + 2, end: i + 2 + end})
		i += 2 + end
	}
	return lines, out
}

// TestREADMESnippets holds each Go block of README.md to the file its marker
// names, and each file under examples/readme to one block.
func TestREADMESnippets(t *testing.T) {
	lines, snippets := readmeSnippets(t)
	quoted := map[string]bool{}
	var updated []string
	last := 0
	for _, s := range snippets {
		if quoted[s.path] {
			t.Errorf("README.md:%d: %s is quoted twice", s.start, s.path)
		}
		quoted[s.path] = true
		src, err := os.ReadFile(filepath.FromSlash(s.path))
		if err != nil {
			t.Errorf("README.md:%d: %v", s.start, err)
			continue
		}
		want := strings.TrimSuffix(string(src), "\n")
		updated = append(append(updated, lines[last:s.start]...), want)
		last = s.end
		if got := strings.Join(lines[s.start:s.end], "\n"); got != want && !*update {
			t.Errorf("README.md:%d: the block differs from %s (-README +file); run go test -run TestREADMESnippets -update .\n%s",
				s.start, s.path, cmp.Diff(got, want))
		}
	}
	if *update {
		updated = append(updated, lines[last:]...)
		if err := os.WriteFile("README.md", []byte(strings.Join(updated, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range goFiles(t, snippetsDir) {
		if !quoted[path] {
			t.Errorf("%s is quoted by no block of README.md", path)
		}
	}
}

// goFiles lists the .go files below dir, slash-separated.
func goFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			out = append(out, filepath.ToSlash(path))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// vendors are the vendor packages, each of whose package documentation opens
// with the program examples/readme/<vendor>/main.go.
var vendors = []string{"konvo", "komerza", "joiorders", "slugorders", "bitbybit"}

// TestPackageDocsOpenWithAProgram holds each vendor's package comment to its
// first sentence followed by the program of the vendor's Quick start, which
// TestREADMEPrograms builds and runs.
func TestPackageDocsOpenWithAProgram(t *testing.T) {
	for _, v := range vendors {
		docPath := filepath.Join(v, "doc.go")
		src, err := os.ReadFile(docPath)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), docPath, src, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(snippetsDir, v, "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		var p comment.Parser
		doc := p.Parse(f.Doc.Text())
		if len(doc.Content) < 2 {
			t.Errorf("%s: the package comment has no program after its first paragraph", docPath)
			continue
		}
		code, ok := doc.Content[1].(*comment.Code)
		if _, first := doc.Content[0].(*comment.Paragraph); !first || !ok {
			t.Errorf("%s: the package comment does not open with a paragraph and then a program", docPath)
			continue
		}
		if code.Text == string(want) {
			continue
		}
		if *update {
			if err := os.WriteFile(docPath, replaceCodeBlock(t, src, code.Text, string(want)), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s: the program differs from %s/%s/main.go (-doc.go +file); run go test -run TestPackageDocs -update .\n%s",
			docPath, snippetsDir, v, cmp.Diff(code.Text, string(want)))
	}
}

// replaceCodeBlock returns the Go source src with the doc comment code block
// old replaced by new, in gofmt's form: each line "//\t" + line, a blank line
// "//".
func replaceCodeBlock(t *testing.T, src []byte, old, new string) []byte {
	t.Helper()
	quote := func(code string) string {
		var b strings.Builder
		for _, l := range strings.Split(strings.TrimSuffix(code, "\n"), "\n") {
			if l == "" {
				b.WriteString("//\n")
			} else {
				b.WriteString("//\t" + l + "\n")
			}
		}
		return b.String()
	}
	if !bytes.Contains(src, []byte(quote(old))) {
		t.Fatalf("cannot find the program's lines in the doc comment; replace them by hand")
	}
	return bytes.Replace(src, []byte(quote(old)), []byte(quote(new)), 1)
}

// fakeVendor starts one vendor's fake and names the environment variables
// through which a program finds it.
type fakeVendor struct {
	start                     func(t *testing.T) fakeServer
	credentialVar, baseURLVar string
	// more holds the other variables the programs read, set.
	more []string
}

// fakeServer is what a test needs of a running fake.
type fakeServer struct {
	url, credential string
	inject          func(fake.Fault)
	orders          func() int
}

var fakes = map[string]fakeVendor{
	"konvo": {credentialVar: "KONVO_API_KEY", baseURLVar: "KONVO_BASE_URL",
		start: func(t *testing.T) fakeServer {
			s := konvotest.NewServer(t)
			return fakeServer{s.URL(), s.Credential(), func(f fake.Fault) { s.Inject(konvotest.Fault(f)) }, func() int { return len(s.Ledger()) }}
		}},
	"komerza": {credentialVar: "KOMERZA_API_KEY", baseURLVar: "KOMERZA_BASE_URL",
		more: []string{"KOMERZA_STORE_ID=5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"},
		start: func(t *testing.T) fakeServer {
			s := komerzatest.NewServer(t)
			return fakeServer{s.URL(), s.Credential(), func(f fake.Fault) { s.Inject(komerzatest.Fault(f)) }, func() int { return len(s.Ledger()) }}
		}},
	"joiorders": {credentialVar: "JOIORDERS_ACCESS_TOKEN", baseURLVar: "JOIORDERS_BASE_URL",
		start: func(t *testing.T) fakeServer {
			s := joiorderstest.NewServer(t)
			return fakeServer{s.URL(), s.Credential(), func(f fake.Fault) { s.Inject(joiorderstest.Fault(f)) }, func() int { return len(s.Ledger()) }}
		}},
	"slugorders": {credentialVar: "ENAD_TOKEN", baseURLVar: "ENAD_BASE_URL",
		more: []string{"ENAD_TEAM_SLUG=acme", "ENAD_APP_SLUG=webshop"},
		start: func(t *testing.T) fakeServer {
			s := slugorderstest.NewServer(t)
			return fakeServer{s.URL(), s.Credential(), func(f fake.Fault) { s.Inject(slugorderstest.Fault(f)) }, func() int { return len(s.Ledger()) }}
		}},
	"bitbybit": {credentialVar: "BITBYBIT_API_KEY", baseURLVar: "BITBYBIT_BASE_URL",
		start: func(t *testing.T) fakeServer {
			s := bitbybittest.NewServer(t)
			return fakeServer{s.URL(), s.Credential(), func(f fake.Fault) { s.Inject(bitbybittest.Fault(f)) }, func() int { return len(s.Ledger()) }}
		}},
}

// buildFlags are the go build flags of the test binary that the programs it
// builds share; see race_test.go.
var buildFlags []string

// buildPrograms builds the main packages dir/name... into a new directory,
// which it returns.
func buildPrograms(t *testing.T, dir string, names ...string) string {
	t.Helper()
	bin := t.TempDir()
	args := append([]string{"build", "-o", bin + string(filepath.Separator)}, buildFlags...)
	for _, name := range names {
		args = append(args, "./"+dir+"/"+name)
	}
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin
}

// logTime is the date and time the log package starts each line with.
var logTime = regexp.MustCompile(`(?m)^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d `)

// TestREADMEPrograms builds each program under examples/readme and runs it
// against a fake, as a user who sets the environment variables it reads
// would: on success, and on the failures it sorts. It checks what the
// program prints, its exit status, and how many orders the fake holds.
func TestREADMEPrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	bin := buildPrograms(t, snippetsDir, "konvo", "komerza", "joiorders", "slugorders", "bitbybit", "errors", "response")

	const wrongKey = "not-the-key"
	tests := []struct {
		name, program, vendor string
		credential            string       // "" for the fake's own
		faults                []fake.Fault // injected before the run
		wantStdout            string
		wantStderr            string // with the log's timestamps removed
		wantExit              int
		wantOrders            int // orders in the fake's ledger afterwards
	}{
		{name: "konvo", program: "konvo", vendor: "konvo",
			wantStdout: "created order 00000000-0000-4000-8000-000000000001\n", wantOrders: 1},
		{name: "konvo with a wrong key", program: "konvo", vendor: "konvo", credential: wrongKey,
			wantStderr: "not created: konvo: 401 Unauthorized: missing or invalid credential\n", wantExit: 1},
		{name: "komerza", program: "komerza", vendor: "komerza",
			wantStdout: "created order 00000000-0000-4000-8000-000000000001\n", wantOrders: 1},
		{name: "komerza with a wrong key", program: "komerza", vendor: "komerza", credential: wrongKey,
			wantStderr: "not created: komerza: 401 Unauthorized: BadToken: missing or invalid credential\n", wantExit: 1},
		{name: "joiorders", program: "joiorders", vendor: "joiorders",
			wantStdout: "created order 000000000000000000000001\n", wantOrders: 1},
		{name: "joiorders with a wrong key", program: "joiorders", vendor: "joiorders", credential: wrongKey,
			wantStderr: "not created: joiorders: 401 Unauthorized: missing or invalid credential\n", wantExit: 1},
		{name: "slugorders", program: "slugorders", vendor: "slugorders",
			wantStdout: "created order 00000000-0000-4000-8000-000000000001\n", wantOrders: 1},
		{name: "slugorders with a wrong key", program: "slugorders", vendor: "slugorders", credential: wrongKey,
			wantStderr: "not created: slugorders: 401 Unauthorized: missing or invalid credential\n", wantExit: 1},
		{name: "bitbybit", program: "bitbybit", vendor: "bitbybit",
			wantStdout: "created order #1001\n", wantOrders: 1},
		{name: "bitbybit with a wrong key", program: "bitbybit", vendor: "bitbybit", credential: wrongKey,
			wantStderr: "not created: bitbybit: 401 Unauthorized: INVALID_API_KEY: missing or invalid credential\n", wantExit: 1},

		{name: "errors: created", program: "errors", vendor: "bitbybit",
			wantStdout: "created order 00000000-0000-4000-8000-000000000001\n", wantOrders: 1},
		{name: "errors: refused", program: "errors", vendor: "bitbybit",
			faults:     []fake.Fault{{Status: 422, Header: http.Header{"X-Request-Id": {"req-422"}}}},
			wantStdout: "refused: 422 Unprocessable Entity injected fault request id: req-422\n", wantExit: 1},
		{name: "errors: a 502 after the order was created", program: "errors", vendor: "bitbybit",
			faults:     []fake.Fault{{Status: 502, RecordOrder: true}},
			wantStdout: "outcome unknown, the order may exist: bitbybit: 502 Bad Gateway: Bad Gateway: injected fault\n", wantExit: 1, wantOrders: 1},

		{name: "response: a 503, then created", program: "response", vendor: "komerza",
			faults: []fake.Fault{{Status: 503, Header: http.Header{"Retry-After-Ms": {"1"}, "X-Request-Id": {"req-503"}}}},
			wantStderr: `status 200, request id "", content type "application/json"
attempt 1: status 503, failure "", verdict "retried: not created"
attempt 2: status 200, failure "", verdict "created"
`, wantStdout: "created order 00000000-0000-4000-8000-000000000001\n", wantOrders: 1},
		{name: "response: a 500 after the order was created", program: "response", vendor: "komerza",
			faults: []fake.Fault{{Status: 500, RecordOrder: true, Header: http.Header{"X-Request-Id": {"req-7f3a"}}}},
			wantStderr: `status 500, request id "req-7f3a", content type "application/json"
attempt 1: status 500, failure "", verdict "outcome unknown"
the order may exist; give Komerza the request id and ask: komerza: 500 Internal Server Error: InternalServerError: injected fault (request id req-7f3a)
`, wantExit: 1, wantOrders: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := fakes[tt.vendor]
			srv := v.start(t)
			for _, f := range tt.faults {
				srv.inject(f)
			}
			cred := srv.credential
			if tt.credential != "" {
				cred = tt.credential
			}
			cmd := exec.CommandContext(t.Context(), filepath.Join(bin, tt.program))
			cmd.Env = append(os.Environ(), v.credentialVar+"="+cred, v.baseURLVar+"="+srv.url)
			cmd.Env = append(cmd.Env, v.more...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			exit := 0
			if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
				exit = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("exit %d\nstdout:\n%sstderr:\n%s", exit, stdout.String(), logTime.ReplaceAllString(stderr.String(), ""))
			want := fmt.Sprintf("exit %d\nstdout:\n%sstderr:\n%s", tt.wantExit, tt.wantStdout, tt.wantStderr)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.program, diff)
			}
			if got := srv.orders(); got != tt.wantOrders {
				t.Errorf("the fake holds %d order(s), want %d", got, tt.wantOrders)
			}
		})
	}
}

// TestExamplePrograms runs each program of examples/<vendor> as the README's
// first command does, with none of its environment variables set: against
// the fake, it prints its results and nothing else, and -v adds the
// client's debug log on stderr.
func TestExamplePrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	bin := buildPrograms(t, "examples", vendors...)
	var env []string
	for _, kv := range os.Environ() {
		if !slices.ContainsFunc([]string{"KONVO_", "KOMERZA_", "JOIORDERS_", "ENAD_", "BITBYBIT_"}, func(p string) bool { return strings.HasPrefix(kv, p) }) {
			env = append(env, kv)
		}
	}
	want := map[string]string{
		"konvo": `KONVO_API_KEY is not set: using the in-process fake Konvo.
created order 00000000-0000-4000-8000-000000000001 (#1059): total 5998 USD in minor units
refused before sending, an order without an id and with a quantity of 0:
   [0].id: minLength: must be at least 1 characters
   [0].items[0].quantity: minimum: must be at least 1
`,
		"komerza": `KOMERZA_API_KEY is not set: using the in-process fake Komerza.
created order 00000000-0000-4000-8000-000000000001: Pending, 20.00 USD for jane.doe@example.com, 1 line(s)
refused before sending, an order with the email "not an email" and the country "USA":
   countryCode: maxLength: must be at most 2 characters
   countryCode: pattern: must match ^[A-Za-z]{2}$
   emailAddress: format: must be a valid email
`,
		"joiorders": `JOIORDERS_ACCESS_TOKEN and JOIORDERS_BASE_URL are not set: using the in-process fake.
created order 000000000000000000000001: order status pending, payment status paid
refused before sending, an order with a customer id that is no ObjectId, a quantity of -1 and no shipping address:
   customer: pattern: must match ^[0-9a-fA-F]{24}$
   lineItems[0].quantity: minimum: must be at least 0
   (request): shippingAddress: needs shippingAddressId or newShippingAddress
injected into the fake: the next order gets 400 {"success":false,"message":"Customer not found"},
as a real server might answer for an unknown customer (the vendor documents no error body):
   the vendor created nothing; fix the order before sending it again: joiorders: 400 Bad Request: Customer not found
`,
		"slugorders": `ENAD_TOKEN, ENAD_BASE_URL, ENAD_TEAM_SLUG and ENAD_APP_SLUG are not set: using the in-process fake Enad.
created order 00000000-0000-4000-8000-000000000001 with 1 line(s): total 1047.00 SEK
refused before sending, an order without a reference or variant id, in the status "shipped":
   lines[0].variant_id: minLength: must be at least 1 characters
   reference: minLength: must be at least 1 characters
   status: enum: must be one of: placed, refunded, compensated, released, delivered, cancelled
injected into the fake: the next order gets a 422 with a message and details, as a real Enad
might answer for an unknown variant (Enad documents no error body):
   Enad created nothing; fix the order before sending it again: slugorders: 422 Unprocessable Entity: Order could not be created: variant var_456 does not exist
`,
		"bitbybit": `BITBYBIT_API_KEY is not set: using the in-process fake bitbybit.
created order #1001 (id 00000000-0000-4000-8000-000000000001): active, pending, unfulfilled
  customer Siti Rahma (id 00000000-0000-4000-8000-000000000002)
  line 00000000-0000-4000-8000-000000000003: 2 × pv_batik_shirt_m
  ships to Jl. Sudirman No. 45, Jakarta Selatan 12190
refused before sending, an order for both an existing and a new customer, of 0 units:
   lineItems[0].quantity: minimum: must be at least 1
   customerId: customerIdOrCustomer: only one of customerId and customer may be set
`,
	}
	for _, v := range vendors {
		for _, verbose := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s verbose=%v", v, verbose), func(t *testing.T) {
				t.Parallel()
				cmd := exec.CommandContext(t.Context(), filepath.Join(bin, v))
				if verbose {
					cmd.Args = append(cmd.Args, "-v")
				}
				cmd.Env = env
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err != nil {
					t.Fatalf("%v\n%s", err, stderr.Bytes())
				}
				if diff := cmp.Diff(want[v], stdout.String()); diff != "" {
					t.Errorf("stdout (-want +got):\n%s", diff)
				}
				// Nothing without -v; with it, one debug record per attempt
				// and nothing else.
				got := stderr.String()
				records := strings.Count(got, `level=DEBUG msg="ordersdk attempt"`)
				switch {
				case !verbose && got != "":
					t.Errorf("stderr without -v:\n%s", got)
				case verbose && (records == 0 || records != strings.Count(got, "\n")):
					t.Errorf("stderr with -v holds no attempt record, or other lines:\n%s", got)
				}
			})
		}
	}
}

// The classification table of README.md sits between these lines.
const (
	tableBegin = "<!-- classification table: apierror.TableMarkdown() (internal/apierror/classify.go); go test -run TestREADMEClassificationTable -update . -->"
	tableEnd   = "<!-- end of the classification table -->"
)

// TestREADMEClassificationTable holds the README's classification table to
// the one the retry policy reads, apierror.Table.
func TestREADMEClassificationTable(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	begin, end := slices.Index(lines, tableBegin), slices.Index(lines, tableEnd)
	if begin < 0 || end < begin {
		t.Fatalf("README.md has no classification table: want a line %q, the table, and a line %q", tableBegin, tableEnd)
	}
	got := strings.Join(lines[begin+1:end], "\n")
	// Blank lines around the table, so that Markdown reads the markers as
	// blocks of their own.
	want := "\n" + apierror.TableMarkdown()
	if got == want {
		return
	}
	if *update {
		updated := slices.Concat(lines[:begin+1], []string{want}, lines[end:])
		if err := os.WriteFile("README.md", []byte(strings.Join(updated, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's classification table differs from apierror.TableMarkdown() (-README +table); run go test -run TestREADMEClassificationTable -update .\n%s",
		cmp.Diff(got, want))
}

// redisProgram is the README's redislimit program: a module of its own,
// since the SDK's module has no Redis dependency.
const redisProgram = snippetsDir + "/redislimit"

// TestREADMERedisProgram builds the README's redislimit program and runs it
// against the fake bitbybit: with Redis unreachable, where the call must
// fail without sending anything, and with a redis-server of the test's own
// when one is installed. The build runs offline (GOPROXY=off): without the
// program's modules in the module cache the test skips, and without
// redis-server the second case skips, unless ORDERSDK_REQUIRE_REDIS=1.
func TestREADMERedisProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	requireRedis := os.Getenv("ORDERSDK_REQUIRE_REDIS") == "1"
	bin := filepath.Join(t.TempDir(), "redislimit")
	build := exec.Command("go", slices.Concat([]string{"build", "-o", bin}, buildFlags, []string{"."})...)
	build.Dir = filepath.FromSlash(redisProgram)
	build.Env = append(os.Environ(), "GOPROXY=off")
	if out, err := build.CombinedOutput(); err != nil {
		if bytes.Contains(out, []byte("GOPROXY=off")) && !requireRedis {
			t.Skipf("the modules of %s are not in the module cache, and tests download nothing: run `go -C %s mod download` first\n%s", redisProgram, redisProgram, out)
		}
		t.Fatalf("go build in %s: %v\n%s", redisProgram, err, out)
	}

	run := func(t *testing.T, redisURL string) (exit int, stdout, stderr string, orders int) {
		srv := fakes["bitbybit"].start(t)
		cmd := exec.CommandContext(t.Context(), bin)
		cmd.Env = append(os.Environ(), "BITBYBIT_API_KEY="+srv.credential, "BITBYBIT_BASE_URL="+srv.url, "REDIS_URL="+redisURL)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			exit = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return exit, out.String(), logTime.ReplaceAllString(errOut.String(), ""), srv.orders()
	}

	t.Run("Redis unreachable", func(t *testing.T) {
		exit, stdout, stderr, orders := run(t, "unix://"+filepath.Join(t.TempDir(), "absent.sock"))
		// Nothing shows the call to be within the limit, so nothing is sent.
		if exit != 1 || stdout != "" || !strings.Contains(stderr, "(not sent): redislimit: ") || orders != 0 {
			t.Errorf("exit %d, stdout %q, stderr %q, %d order(s); want exit 1, a call not sent for Redis's error, and no order", exit, stdout, stderr, orders)
		}
	})
	t.Run("with redis-server", func(t *testing.T) {
		sock, err := startRedis(t)
		if err != nil {
			if requireRedis {
				t.Fatal("ORDERSDK_REQUIRE_REDIS=1: ", err)
			}
			t.Skip(err)
		}
		exit, stdout, stderr, orders := run(t, "unix://"+sock)
		if exit != 0 || stdout != "created order #1001\n" || stderr != "" || orders != 1 {
			t.Errorf("exit %d, stdout %q, stderr %q, %d order(s); want exit 0, the order created, and one order", exit, stdout, stderr, orders)
		}
	})
}

// startRedis starts a redis-server on a Unix socket in a directory of the
// test's own, saving nothing, and returns the socket's path once the server
// says it accepts connections. The server is stopped when the test ends.
func startRedis(t *testing.T) (string, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", errors.New("redis-server is not installed (Debian: apt-get install redis-server)")
	}
	dir := t.TempDir()
	sock := filepath.Join(dir, "redis.sock")
	cmd := exec.Command(bin, "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700",
		"--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no", "--loglevel", "notice")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return "", err
	}
	// Redis logs to stdout, and is ready once it says so (Redis 6: "The
	// server is now ready to accept connections", 7: "Ready to accept
	// connections"). Its log is read to the end, which comes when it exits.
	ready, exited := make(chan struct{}), make(chan struct{})
	var log strings.Builder
	go func() {
		defer close(exited)
		said := false
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			if said {
				continue
			}
			log.WriteString(lines.Text() + "\n")
			if strings.Contains(strings.ToLower(lines.Text()), "ready to accept connections") {
				said = true
				close(ready)
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		cmd.Wait()
	})
	select {
	case <-ready:
		return sock, nil
	case <-exited:
		return "", fmt.Errorf("redis-server exited before accepting connections:\n%s", log.String())
	}
}
