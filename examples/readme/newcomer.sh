#!/usr/bin/env bash
# newcomer.sh measures the SDK the way a newcomer meets it (issue 15, item 6):
# a fresh copy of the working tree, a fresh module and build cache, the
# README's two commands timed, and a module of the user's own that pastes
# every Go block of README.md, and every package doc's opening program, and
# runs them against the fakes through the SDK's public API alone.
#
#	bash examples/readme/newcomer.sh
#
# It writes below $NEWCOMER (default /tmp/newcomer), needs the Go module proxy,
# and takes a few minutes. It prints each step's wall time. SKIP, a regular
# expression, leaves the packages it matches out of the test run (for a
# package that is known to be broken), and says so.
set -euo pipefail

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
root=${NEWCOMER:-/tmp/newcomer}
fresh=$root/fresh user=$root/usermod
chmod -R u+w "$root" 2>/dev/null || true
rm -rf "$root"
mkdir -p "$fresh" "$user"
export GOMODCACHE=$root/modcache GOCACHE=$root/gocache GOFLAGS=
TIMEFORMAT='  wall %Rs (user %Us, sys %Ss)'

echo "== a copy of the working tree: $fresh"
git -C "$repo" ls-files -z -co --exclude-standard |
	tar -C "$repo" --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$fresh" -xf -
cd "$fresh"
go version

echo "== go run ./examples/konvo (empty module and build caches)"
time go run ./examples/konvo

pkgs=./...
if [ -n "${SKIP:-}" ]; then
	pkgs=$(go list ./... | grep -Ev "$SKIP")
	echo "== go test -race -count=1 ./..., leaving out: $(go list ./... | grep -E "$SKIP" | tr '\n' ' ')"
else
	echo "== go test -race -count=1 ./..."
fi
rc=0
# shellcheck disable=SC2086 # pkgs is a list of package paths
time go test -race -count=1 $pkgs >"$root/test.txt" 2>&1 || rc=$?
grep -E '^(ok|FAIL|---|panic)' "$root/test.txt" | grep -v '^ok' || true
echo "  exit status $rc; $(grep -c '^ok' "$root/test.txt") packages ok; the whole output is $root/test.txt"

echo "== a user module pasting every README block: $user"
cat >"$user/go.mod" <<EOF
module example.com/usermod

go 1.26.0

require github.com/ordersdk/ordersdk-go v0.0.0

replace github.com/ordersdk/ordersdk-go => $fresh
EOF
python3 - "$fresh" "$user" <<'EOF'
import os, re, sys
fresh, user = sys.argv[1:]
lines = open(os.path.join(fresh, 'README.md')).read().split('\n')
n = 0
for i, line in enumerate(lines):
    m = re.fullmatch(r'<!-- snippet: examples/readme/(\S+) -->', line)
    if not m:
        continue
    end = lines.index('```', i + 2)
    path = os.path.join(user, m.group(1))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, 'w').write('\n'.join(lines[i + 2:end]) + '\n')
    n += 1
# Each vendor's package doc opens with a program: a code block of "//\t" lines.
for v in ['konvo', 'komerza', 'joiorders', 'slugorders', 'bitbybit']:
    doc = open(os.path.join(fresh, v, 'doc.go')).read().split('\n')
    start = next(i for i, l in enumerate(doc) if l.startswith('//\t'))
    code = []
    for l in doc[start:]:
        if l.startswith('//\t'):
            code.append(l[3:])
        elif l == '//':
            code.append('')
        else:
            break
    while code[-1] == '':
        code.pop()
    os.makedirs(os.path.join(user, 'doc', v))
    open(os.path.join(user, 'doc', v, 'main.go'), 'w').write('\n'.join(code) + '\n')
    n += 1
print(f'  {n} programs and tests pasted')
EOF
mkdir -p "$user/withfakes"
cat >"$user/withfakes/main.go" <<'EOF'
// Command withfakes starts a vendor's fake, runs a program with the
// environment variables that point it at the fake, and says how many orders
// the fake holds afterwards. With -502 the fake answers the first request
// with a 502 after creating the order.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"

	"github.com/ordersdk/ordersdk-go/bitbybit/bitbybittest"
	"github.com/ordersdk/ordersdk-go/joiorders/joiorderstest"
	"github.com/ordersdk/ordersdk-go/komerza/komerzatest"
	"github.com/ordersdk/ordersdk-go/konvo/konvotest"
	"github.com/ordersdk/ordersdk-go/slugorders/slugorderstest"
)

func main() {
	fail502 := flag.Bool("502", false, "answer the first request with a 502 after creating the order")
	flag.Parse()
	vendor, prog := flag.Arg(0), flag.Args()[1:]
	var env []string
	var orders func() int
	switch vendor {
	case "konvo":
		s, err := konvotest.Start()
		check(err)
		defer s.Close()
		if *fail502 {
			s.Inject(konvotest.Fault{Status: 502, RecordOrder: true})
		}
		env, orders = []string{"KONVO_API_KEY=" + s.Credential(), "KONVO_BASE_URL=" + s.URL()}, func() int { return len(s.Ledger()) }
	case "komerza":
		s, err := komerzatest.Start()
		check(err)
		defer s.Close()
		if *fail502 {
			s.Inject(komerzatest.Fault{Status: 502, RecordOrder: true})
		}
		env = []string{"KOMERZA_API_KEY=" + s.Credential(), "KOMERZA_BASE_URL=" + s.URL(), "KOMERZA_STORE_ID=5f8c7b1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f"}
		orders = func() int { return len(s.Ledger()) }
	case "joiorders":
		s, err := joiorderstest.Start()
		check(err)
		defer s.Close()
		if *fail502 {
			s.Inject(joiorderstest.Fault{Status: 502, RecordOrder: true})
		}
		env, orders = []string{"JOIORDERS_ACCESS_TOKEN=" + s.Credential(), "JOIORDERS_BASE_URL=" + s.URL()}, func() int { return len(s.Ledger()) }
	case "slugorders":
		s, err := slugorderstest.Start()
		check(err)
		defer s.Close()
		if *fail502 {
			s.Inject(slugorderstest.Fault{Status: 502, RecordOrder: true})
		}
		env = []string{"ENAD_TOKEN=" + s.Credential(), "ENAD_BASE_URL=" + s.URL(), "ENAD_TEAM_SLUG=acme", "ENAD_APP_SLUG=webshop"}
		orders = func() int { return len(s.Ledger()) }
	case "bitbybit":
		s, err := bitbybittest.Start()
		check(err)
		defer s.Close()
		if *fail502 {
			s.Inject(bitbybittest.Fault{Status: 502, RecordOrder: true})
		}
		env, orders = []string{"BITBYBIT_API_KEY=" + s.Credential(), "BITBYBIT_BASE_URL=" + s.URL()}, func() int { return len(s.Ledger()) }
	default:
		check(fmt.Errorf("unknown vendor %q", vendor))
	}
	cmd := exec.Command(prog[0], prog[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stdout
	err := cmd.Run()
	fmt.Printf("  -> %v; the fake holds %d order(s)\n", err, orders())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
EOF
cd "$user"
echo "== go mod tidy, go vet ./..., go build, go test ./... in the user module"
time { go mod tidy && go vet ./... && go build -o bin/ ./konvo ./komerza ./joiorders ./slugorders ./bitbybit ./errors ./response ./withfakes &&
	for v in konvo komerza joiorders slugorders bitbybit; do go build -o "bin/doc-$v" "./doc/$v"; done; }
go test -count=1 ./...

echo "== each program against its fake"
run() { echo "\$ $*"; bin/withfakes "$@"; }
for v in konvo komerza joiorders slugorders bitbybit; do
	run "$v" "bin/$v"
	run "$v" "bin/doc-$v"
done
run bitbybit bin/errors
run -502 bitbybit bin/errors
run komerza bin/response
run -502 komerza bin/response
run -502 konvo bin/konvo
