#!/usr/bin/env bash
# newcomer.sh measures the SDK the way a newcomer meets it: a fresh copy of the
# repository, an empty module cache and build cache, the README's two
# commands timed, and then a module of the user's own that pastes every Go
# block of README.md and every package doc's opening program, builds them
# through the SDK's public API alone, and runs each against its fake.
#
#	bash examples/readme/newcomer.sh [--worktree] REPO
#
# REPO is a path or URL that git can clone; the clone holds what is
# committed. With --worktree, REPO is a directory copied as it is (cp -r,
# then the files .gitignore names removed), uncommitted changes included.
# Without REPO, --worktree copies the repository holding this script.
#
# It needs the Go module proxy and takes several minutes. It prints the wall
# time of each step and the load average around the timed commands, and
# fails if a command fails or a program does not do what its README block
# promises (exit status, orders in the fake's ledger). It works below
# $NEWCOMER (default: a new directory under $TMPDIR), and removes the module
# and build caches at the end unless KEEP=1. SKIP, a regular expression,
# leaves the packages it matches out of the test run and says so.
set -euo pipefail

worktree=false
if [ "${1:-}" = --worktree ]; then
	worktree=true
	shift
fi
repo=${1:-}
if [ -z "$repo" ]; then
	$worktree || { echo "usage: $0 [--worktree] REPO" >&2; exit 2; }
	repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
fi

root=${NEWCOMER:-$(mktemp -d "${TMPDIR:-/tmp}/newcomer.XXXXXX")}
fresh=$root/repo user=$root/usermod
export GOMODCACHE=$root/modcache GOCACHE=$root/gocache GOFLAGS=
cleanup() {
	if [ -n "${redis_pid:-}" ]; then kill "$redis_pid" 2>/dev/null || true; fi
	if [ "${KEEP:-}" != 1 ]; then
		go clean -modcache 2>/dev/null || true
		rm -rf "$GOCACHE"
	fi
}
trap cleanup EXIT
mkdir -p "$root" "$user"
TIMEFORMAT='  wall %Rs (user %Us, sys %Ss)'
load() { echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

if $worktree; then
	echo "== a copy of the working tree $repo: $fresh"
	cp -r "$repo" "$fresh"
	# What a clone would not have: build output, node_modules.
	git -C "$fresh" clean -fdXq
else
	echo "== git clone $repo: $fresh"
	git clone -q "$repo" "$fresh"
fi
cd "$fresh"
go version
echo "  $(nproc) CPUs; GOMODCACHE and GOCACHE empty, in $root"

echo "== go run ./examples/konvo"
load
time go run ./examples/konvo
load

pkgs=./...
if [ -n "${SKIP:-}" ]; then
	pkgs=$(go list ./... | grep -Ev "$SKIP")
	echo "== go test -race -count=1 ./..., leaving out: $(go list ./... | grep -E "$SKIP" | tr '\n' ' ')"
else
	echo "== go test -race -count=1 ./..."
fi
load
rc=0
# shellcheck disable=SC2086 # pkgs is a list of package paths
time go test -race -count=1 $pkgs >"$root/test.txt" 2>&1 || rc=$?
load
grep -E '^(FAIL|---|panic)' "$root/test.txt" || true
echo "  exit status $rc; $(grep -c '^ok' "$root/test.txt") packages ok; the whole output is $root/test.txt"
test_rc=$rc

echo "== a user module pasting every README block and package doc program: $user"
cat >"$user/go.mod" <<EOF
module example.com/usermod

go 1.26.0

require (
	github.com/ordersdk/ordersdk-go v0.0.0
	github.com/ordersdk/ordersdk-go/redislimit v0.0.0
)

replace (
	github.com/ordersdk/ordersdk-go => $fresh
	github.com/ordersdk/ordersdk-go/redislimit => $fresh/redislimit
)
EOF
# Each block follows a line <!-- snippet: examples/readme/DIR/FILE -->, and
# goes to DIR/FILE of the user module. Each package doc's program is the
# first run of "//<tab>" lines (and "//" blank lines) of <vendor>/doc.go.
awk -v user="$user" '
	/^<!-- snippet: examples\/readme\/[^ ]+ -->$/ { path = user "/" substr($3, length("examples/readme/") + 1); next }
	path != "" && /^```go$/ { inblock = 1; system("mkdir -p \"$(dirname \"" path "\")\""); next }
	inblock && /^```$/ { close(path); inblock = 0; path = ""; n++; next }
	inblock { print >path; next }
	{ path = "" }
	END { print "  " n " README blocks pasted" }
' README.md
for v in konvo komerza joiorders slugorders bitbybit; do
	mkdir -p "$user/doc/$v"
	awk '/^\/\/\t/ { started = 1; for (; blank > 0; blank--) print ""; print substr($0, 4); next }
		started && /^\/\/$/ { blank++; next }
		started { exit }' "$v/doc.go" >"$user/doc/$v/main.go"
done
echo "  5 package doc programs pasted"
mkdir -p "$user/withfakes"
cat >"$user/withfakes/main.go" <<'EOF'
// Command withfakes starts a vendor's fake, runs a program with the
// environment variables that point it at the fake, and checks the program's
// exit status and the orders the fake holds afterwards. With -502 the fake
// answers the first request with a 502 after creating the order.
package main

import (
	"errors"
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
	wantExit := flag.Int("exit", 0, "the program's expected exit status")
	wantOrders := flag.Int("orders", 1, "the orders the fake should hold afterwards")
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
	exit := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			check(err)
		}
		exit = ee.ExitCode()
	}
	got := orders()
	fmt.Printf("  -> exit status %d; the fake holds %d order(s)\n", exit, got)
	if exit != *wantExit || got != *wantOrders {
		fmt.Printf("  want exit status %d and %d order(s)\n", *wantExit, *wantOrders)
		os.Exit(1)
	}
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
time {
	go mod tidy
	go vet ./...
	go build -o bin/ ./konvo ./komerza ./joiorders ./slugorders ./bitbybit ./errors ./response ./redislimit ./withfakes
	for v in konvo komerza joiorders slugorders bitbybit; do go build -o "bin/doc-$v" "./doc/$v"; done
	go test -count=1 ./...
}

echo "== each program against its fake"
run() { echo "\$ withfakes $*"; bin/withfakes "$@"; }
for v in konvo komerza joiorders slugorders bitbybit; do
	run "$v" "bin/$v"
	run "$v" "bin/doc-$v"
	run -502 -exit 1 "$v" "bin/doc-$v" # created, then a 502: reported as of unknown outcome
done
run bitbybit bin/errors
run -502 -exit 1 bitbybit bin/errors
run komerza bin/response
run -502 -exit 1 komerza bin/response
REDIS_URL="unix://$root/absent.sock" run -exit 1 -orders 0 bitbybit bin/redislimit # Redis down: nothing sent
if command -v redis-server >/dev/null; then
	redis-server --port 0 --unixsocket "$root/redis.sock" --unixsocketperm 700 --save "" --appendonly no \
		--dir "$root" --daemonize no --loglevel warning >"$root/redis.log" 2>&1 &
	redis_pid=$!
	while [ ! -S "$root/redis.sock" ]; do
		kill -0 "$redis_pid" 2>/dev/null || { echo "redis-server exited"; exit 1; }
		sleep 0.1
	done
	REDIS_URL="unix://$root/redis.sock" run bitbybit bin/redislimit
else
	echo "(redis-server is not installed: the redislimit program ran without Redis only)"
fi
echo "== done: $root"
if [ "$test_rc" != 0 ]; then
	echo "go test -race -count=1 ./... failed: see $root/test.txt"
	exit 1
fi
