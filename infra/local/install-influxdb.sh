#!/usr/bin/env bash
# install-influxdb.sh - build (once) and cache the InfluxDB OSS 2.7.x server binary `influxd`.
#
# Builds github.com/influxdata/influxdb/v2 from the Go module proxy (no UI assets, no downloads
# outside the package registries) and caches it OUTSIDE the repo at
#   ${VITALS_CACHE_DIR:-$HOME/.cache/vitals-stack}/influxdb/<version>/influxd
#
# stdout : exactly one line, the absolute path of the influxd binary.
# stderr : progress; the full build log is <cache>/influxdb/<version>/build.log.
# exit   : 0 on success; non-zero with one final "influxdb: ... what to do: ..." line on failure.
# Warm cache: returns immediately without touching Go, cargo or the network.
#
# Knobs (env): INFLUXDB_VERSION (default below; newest 2.7.x on the Go proxy, see
#   `go list -m -versions github.com/influxdata/influxdb/v2`), VITALS_CACHE_DIR,
#   INFLUXDB_RUST_TOOLCHAIN (default: stable), CARGO_BUILD_JOBS / INFLUXDB_GO_BUILD_PROCS (default 2),
#   INFLUXDB_BUILD_VERBOSE=1 (also stream the build log to stderr).
#
# Why the build is done this way (all needed, see the notes at each step):
#  * influxdb's go.mod has a `replace` line, so `go install module@version` refuses; we build in a
#    writable copy of the module source.
#  * flux (a dependency) links a Rust library (libflux) that is built by cargo via the
#    github.com/influxdata/pkg-config wrapper, which must be first on PATH as `pkg-config`.
#  * flux pins Rust 1.72 in rust-toolchain.toml (not installable here) -> RUSTUP_TOOLCHAIN=stable.
#  * flux's crates enable `#![deny(warnings)]` via their default cargo feature "strict"; lints added
#    in newer rustc (mismatched_lifetime_syntaxes, dead_code) then become hard errors. We drop
#    "strict" from the default features in our copy of flux (RUSTFLAGS=--cap-lints does not reach
#    flux-core when it is compiled as a build-dependency of flux's build.rs under --target).
#  * we build flux from our own fresh writable copy (go.mod `replace` to it) so pkg-config never
#    reuses a half-copied source tree left in the Go build cache by an interrupted build.
#  * no `assets` build tag: the UI is not embedded (static/TODO.go stubs it), nothing is fetched.
set -Eeuo pipefail

INFLUXDB_VERSION="${INFLUXDB_VERSION:-v2.7.12}"
case "$INFLUXDB_VERSION" in v*) ;; *) INFLUXDB_VERSION="v$INFLUXDB_VERSION" ;; esac

CACHE_BASE="${VITALS_CACHE_DIR:-${HOME:-/root}/.cache/vitals-stack}"
OUT_DIR="$CACHE_BASE/influxdb/$INFLUXDB_VERSION"
BIN="$OUT_DIR/influxd"

# The shared skeleton (marker, lock, failure line); sourcing runs no subprocess.
INSTALL_LIB="${BASH_SOURCE[0]%/*}"; [[ "$INSTALL_LIB" == "${BASH_SOURCE[0]}" ]] && INSTALL_LIB=.
# shellcheck source=infra/local/install-lib.sh
source "$INSTALL_LIB/install-lib.sh"
INSTALL_NAME=influxdb INSTALL_VERB=build
# The marker holds the build time, not a spec: any .complete next to a non-empty binary counts.
warm() { install_warm "$OUT_DIR/.complete" "$BIN" && [[ -s "$BIN" ]]; }

# ---- warm path: nothing else runs -------------------------------------------------------------
install_done_if_warm "$BIN"

# ---- cold path --------------------------------------------------------------------------------
exec 3>&1 1>&2 # keep the real stdout for the single result line; everything else -> stderr
LOG="$OUT_DIR/build.log"
STEP="setup"
HINT="check the log"
WORK=""

log() { install_log "$@"; }

RUN_PID=""
# Before the failure line: stop a running build step and drop the half-built work dir.
install_on_fail() {
  [[ -n "$RUN_PID" ]] && kill -TERM -- "-$RUN_PID" 2>/dev/null || true
  [[ -n "$WORK" && -d "$WORK" ]] && rm -rf "$WORK" 2>/dev/null || true
}
fail() { # fail <short reason> <what to do>
  INSTALL_FAIL_LABEL="build failed (see $LOG)"
  install_fail "$1" "$2"
}

on_err() {
  local rc=$? last=""
  trap - ERR
  # inside a $(...) subshell: just propagate, the parent shell reports
  if [[ "${BASHPID:-$$}" != "$$" ]]; then exit "$rc"; fi
  if [[ -f "$LOG" ]]; then
    # the most telling line: last "error"-ish line, else the last non-empty line
    last=$(grep -aiE '(^|[^a-z])(error|fatal|cannot|could not|no such|not found|denied)' "$LOG" 2>/dev/null \
      | grep -avE '^\s*(=|-->|\||[0-9]+ \|)' | tail -n 1 || true)
    [[ -z "$last" ]] && last=$(grep -av '^\s*$' "$LOG" 2>/dev/null | tail -n 1 || true)
    last=$(printf '%s' "$last" | tr -s ' \t' ' ' | cut -c1-220)
  fi
  fail "step '$STEP' exited $rc${last:+: $last}" "$HINT"
}
trap on_err ERR
trap 'fail "interrupted during step: $STEP" "re-run the script (partial work is discarded)"' INT TERM

mkdir -p "$OUT_DIR" || { LOG="(none)"; fail "cannot create cache dir $OUT_DIR" "set VITALS_CACHE_DIR to a writable directory"; }

# One builder at a time per version; others wait, then take the warm path.
command -v flock >/dev/null 2>&1 || fail "required tool 'flock' not found" "apt-get install -y util-linux"
INSTALL_FAIL_LABEL="build failed (see $LOG)"
INSTALL_OUT_FD=3
install_lock "$OUT_DIR/.lock" 3600 "$INFLUXDB_VERSION" "$BIN"
rm -f "$OUT_DIR/.complete"
: >"$LOG"

# Run a command with its output in the log; prints a heartbeat to stderr while it runs.
run() { # run <step description> <hint on failure> cmd...
  STEP="$1" HINT="$2"
  shift 2
  log "$STEP ..."
  printf '\n===== %s: %s\n+ %s\n' "$(date -u +%FT%TZ)" "$STEP" "$*" >>"$LOG"
  local start=$SECONDS rc=0
  if [[ "${INFLUXDB_BUILD_VERBOSE:-0}" == 1 ]]; then
    "$@" 2>&1 | tee -a "$LOG" >&2 || rc=${PIPESTATUS[0]}
  else
    setsid "$@" >>"$LOG" 2>&1 </dev/null & # own process group, so fail() can stop all of it
    local pid=$! n=0
    RUN_PID=$pid
    while kill -0 "$pid" 2>/dev/null; do
      sleep 1
      n=$((n + 1))
      if ((n % 60 == 0)); then
        log "  ... still at '$STEP' ($((SECONDS - start))s): $(grep -av '^\s*$' "$LOG" | tail -n 1 | cut -c1-120)"
      fi
    done
    wait "$pid" || rc=$?
    RUN_PID=""
  fi
  if ((rc != 0)); then return "$rc"; fi
  log "  done ($((SECONDS - start))s)"
}

need() { command -v "$1" >/dev/null 2>&1 || fail "required tool '$1' not found on PATH" "$2"; }

T0=$SECONDS
log "building influxd $INFLUXDB_VERSION (cold cache: ~10-15 min on 2 cores); log: $LOG"

# ---- toolchain checks ---------------------------------------------------------------------------
need go "install Go >= 1.23 (e.g. apt-get install golang-go or from go.dev) and put it on PATH"
need cargo "install Rust (rustup with a stable toolchain) and put ~/.cargo/bin on PATH"
need "$(go env CC 2>/dev/null || echo gcc)" "install a C compiler for cgo: apt-get install -y build-essential"
need setsid "install util-linux"
GOV=$(go env GOVERSION 2>/dev/null || true)
case "$GOV" in
  go1.2[3-9]* | go1.[3-9][0-9]* | go[2-9]*) ;;
  *) fail "Go $GOV is too old (influxdb $INFLUXDB_VERSION needs >= go1.23)" "install a newer Go" ;;
esac

export GOTOOLCHAIN=local    # never try to download the go1.23.x toolchain named in go.mod
export GOWORK=off
export CGO_ENABLED=1
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false"
export RUSTUP_AUTO_INSTALL=0 # never let rustup try to fetch flux's pinned Rust 1.72
export CARGO_TERM_COLOR=never CARGO_TERM_PROGRESS_WHEN=never
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
GO_PROCS="${INFLUXDB_GO_BUILD_PROCS:-2}"
if command -v rustup >/dev/null 2>&1; then
  export RUSTUP_TOOLCHAIN="${INFLUXDB_RUST_TOOLCHAIN:-stable}"
  rustup run "$RUSTUP_TOOLCHAIN" rustc --version >>"$LOG" 2>&1 ||
    fail "rust toolchain '$RUSTUP_TOOLCHAIN' is not installed" "run 'rustup toolchain install stable' or set INFLUXDB_RUST_TOOLCHAIN to an installed one (rustup toolchain list)"
fi
{ go version; cargo --version; "$(go env CC)" --version | head -n 1; } >>"$LOG" 2>&1 || true
# cargo target exactly as the pkg-config wrapper computes it (so its own cargo run is a no-op)
case "$(go env GOOS)/$(go env GOARCH)" in
  linux/amd64) CARGO_TARGET=x86_64-unknown-linux-gnu ;;
  linux/arm64) CARGO_TARGET=aarch64-unknown-linux-gnu ;;
  *) fail "unsupported platform $(go env GOOS)/$(go env GOARCH)" "build on linux/amd64 or linux/arm64" ;;
esac

WORK=$(mktemp -d "$OUT_DIR/build.XXXXXX")
trap 'rm -rf "$WORK" 2>/dev/null || true' EXIT

# ---- 1. influxdb module source (writable copy) -------------------------------------------------
modjson() { # modjson <module@version> <field>  (runs outside any module)
  local rc=0
  printf '+ go mod download -json %s\n' "$1" >>"$LOG"
  (cd "$WORK" && GOFLAGS=-mod=mod go mod download -json "$1") >"$WORK/mod.json" 2>>"$LOG" || rc=$?
  cat "$WORK/mod.json" >>"$LOG"
  if ((rc != 0)); then # go reports the reason as "Error" in the JSON on stdout
    sed -n 's/^\s*"Error": "\(.*\)",\?$/error: \1/p' "$WORK/mod.json" >>"$LOG"
    return "$rc"
  fi
  sed -n 's/^\s*"'"$2"'": "\(.*\)",\?$/\1/p' "$WORK/mod.json" | head -n 1
}
STEP="download influxdb module" HINT="check that the Go module proxy is reachable (GOPROXY=$(go env GOPROXY)) and that $INFLUXDB_VERSION exists: go list -m -versions github.com/influxdata/influxdb/v2"
log "$STEP ($INFLUXDB_VERSION) ..."
SRC_RO=$(modjson "github.com/influxdata/influxdb/v2@$INFLUXDB_VERSION" Dir)
[[ -n "$SRC_RO" && -d "$SRC_RO" ]] || false
SRC="$WORK/influxdb"
cp -r "$SRC_RO" "$SRC"
chmod -R u+w "$SRC"

# ---- 2. flux module source (writable copy, path ends in flux@vX so pkg-config sees the version) -
STEP="download flux module" HINT="check that the Go module proxy is reachable"
FLUX_VER=$(cd "$SRC" && go mod edit -json | tr -d '\n\t ' | grep -o '"Path":"github.com/influxdata/flux","Version":"[^"]*"' | sed 's/.*"Version":"//; s/"$//' | head -n 1)
[[ -n "$FLUX_VER" ]] || { echo "could not find the flux version in go.mod" >>"$LOG"; false; }
log "$STEP ($FLUX_VER) ..."
FLUX_RO=$(modjson "github.com/influxdata/flux@$FLUX_VER" Dir)
[[ -n "$FLUX_RO" && -d "$FLUX_RO" ]] || false
FLUX="$WORK/src/github.com/influxdata/flux@$FLUX_VER"
mkdir -p "$(dirname "$FLUX")"
cp -r "$FLUX_RO" "$FLUX"
chmod -R u+w "$FLUX"
# drop the "strict" (deny(warnings)) default feature; see the header comment
sed -i 's/^default = \["strict"\]$/default = []/' "$FLUX/libflux/flux-core/Cargo.toml"
sed -i 's/^default = \["strict", "cffi"\]$/default = ["cffi"]/' "$FLUX/libflux/flux/Cargo.toml"
if grep -q '"strict"' <(grep '^default' "$FLUX/libflux/flux-core/Cargo.toml" "$FLUX/libflux/flux/Cargo.toml"); then
  echo "could not patch the strict feature out of flux's Cargo.toml files" >>"$LOG"
  false
fi
(cd "$SRC" && go mod edit -replace "github.com/influxdata/flux=$FLUX")

# ---- 3. pkg-config wrapper (builds libflux with cargo when cgo asks for flux's flags) ----------
mkdir -p "$WORK/bin"
run "build the influxdata pkg-config wrapper" "see the log; it is built from the version pinned in influxdb's go.mod" \
  bash -c 'cd "$1" && go build -o "$2/bin/pkg-config" github.com/influxdata/pkg-config' _ "$SRC" "$WORK"
export PATH="$WORK/bin:$PATH"
export PKG_CONFIG="$WORK/bin/pkg-config"

# ---- 4. Go module dependencies --------------------------------------------------------------------
run "download Go dependencies" "check that the Go module proxy is reachable (GOPROXY=$(go env GOPROXY))" \
  bash -c 'cd "$1" && go mod download -x' _ "$SRC"

# ---- 5. libflux (Rust) - done explicitly so a failure is reported as a Rust failure -----------
run "build libflux (Rust, cargo --release, ~3-5 min)" \
  "check crates.io is reachable and the Rust toolchain '${RUSTUP_TOOLCHAIN:-cargo}' works; if a crate fails to compile on this rustc, pin it with 'cargo update -p NAME --precise VER' in flux's libflux/ (see log)" \
  bash -c 'cd "$1/libflux" && cargo build --release --target "$2"' _ "$FLUX" "$CARGO_TARGET"

# ---- 6. influxd ---------------------------------------------------------------------------------------
LDFLAGS="-s -w -X main.version=${INFLUXDB_VERSION#v} -X main.commit=gomod-${INFLUXDB_VERSION} -X main.date=$(date -u +%FT%TZ)"
run "go build ./cmd/influxd (~5-8 min)" \
  "see the log; pkg-config/cargo errors mean libflux failed, 'undefined'/'linkname' errors mean this Go ($GOV) is incompatible with influxdb $INFLUXDB_VERSION (try another Go or INFLUXDB_VERSION)" \
  bash -c 'cd "$1" && go build -v -p "$2" -tags sqlite_foreign_keys,sqlite_json -ldflags "$3" -o "$4/influxd" ./cmd/influxd' _ "$SRC" "$GO_PROCS" "$LDFLAGS" "$WORK"

run "smoke test: influxd version" "the binary was built but does not run; see the log" \
  "$WORK/influxd" version

# ---- 7. atomic install ------------------------------------------------------------------------------
STEP="install into cache" HINT="check free space/permissions in $OUT_DIR"
chmod 0755 "$WORK/influxd"
mv -f "$WORK/influxd" "$BIN" # same filesystem (WORK is inside OUT_DIR) => atomic rename
sync "$BIN" 2>/dev/null || true
date -u +%FT%TZ >"$OUT_DIR/.complete"
log "built $BIN ($(du -h "$BIN" | cut -f1)) in $((SECONDS - T0))s"
printf '%s\n' "$BIN" >&3
