# shellcheck shell=bash disable=SC2034  # its variables are used by the scripts that source it
# Shared settings for .ci/contract/{lint,prism,run}. Sourced, never executed.
#
# Resolves everything from this file's own location, so the scripts work from
# any checkout and any working directory.

CONTRACT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CONTRACT_DIR/../.." && pwd)"
SPECS_DIR="$REPO_ROOT/specs"

# Fixed vendor list and Prism ports. Only specs/<vendor>.yaml is used;
# specs/published/ and specs/overlays/ are inputs of the normalizer, not specs
# to lint or mock.
VENDORS=(konvo komerza joiorders slugorders bitbybit)
declare -A PRISM_PORT=(
  [konvo]=4010
  [komerza]=4011
  [joiorders]=4012
  [slugorders]=4013
  [bitbybit]=4014
)

# Keep the Node tools quiet and offline-friendly.
export REDOCLY_TELEMETRY=off
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export NO_UPDATE_NOTIFIER=1

log() { printf '[contract] %s\n' "$*" >&2; }
warn() { printf '[contract] WARNING: %s\n' "$*" >&2; }
die() { printf '[contract] ERROR: %s\n' "$*" >&2; exit 1; }

# spec_path VENDOR: prints the spec path; a missing spec is an error.
spec_path() {
  local f="$SPECS_DIR/$1.yaml"
  [[ -f "$f" ]] || die "specs/$1.yaml is missing"
  printf '%s\n' "$f"
}

# env_name VENDOR: ORDERSDK_PRISM_<VENDOR in upper case>
env_name() { printf 'ORDERSDK_PRISM_%s\n' "${1^^}"; }

# ensure_node_modules: `npm ci` when node_modules is missing or was installed
# from a different package-lock.json (a newer lockfile, or different content).
ensure_node_modules() {
  command -v node >/dev/null || die "node is not installed (need Node >= 20.19)"
  command -v npm >/dev/null || die "npm is not installed"
  local lock="$CONTRACT_DIR/package-lock.json"
  local stamp="$CONTRACT_DIR/node_modules/.ordersdk-lock.sha256"
  local want have=""
  want="$(sha256sum "$lock" | cut -d' ' -f1)"
  [[ -f "$stamp" ]] && have="$(cat "$stamp")"
  if [[ ! -d "$CONTRACT_DIR/node_modules" || ! -f "$stamp" || "$lock" -nt "$stamp" || "$want" != "$have" ]]; then
    log "installing Node tools: npm ci (in .ci/contract)"
    local t0=$SECONDS
    (cd "$CONTRACT_DIR" && npm ci --no-audit --no-fund) || die "npm ci failed"
    printf '%s\n' "$want" >"$stamp"
    log "npm ci took $((SECONDS - t0))s"
  fi
}
