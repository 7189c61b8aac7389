#!/usr/bin/env bash
# Build (once) and cache the Docker Compose v2 CLI plugin from its Go module, then print its path.
#   plugin=$(bash infra/docker/install-compose.sh)   # -> <cache>/docker-compose/<version>/docker-compose
# Docker Hub and GitHub releases are not reachable on the build machines; the Go module proxy is.
# compose's go.mod has exclude/replace lines, so `go install module@version` refuses: build inside
# a writable copy of the module source (as install-influxdb.sh does for influxd).
# stdout: one line, the binary; stderr: progress; a warm cache returns at once.
set -euo pipefail

COMPOSE_VERSION="${COMPOSE_VERSION:-v2.40.3}"
CACHE_BASE="${VITALS_CACHE_DIR:-${HOME:-/root}/.cache/vitals-stack}"
OUT_DIR="$CACHE_BASE/docker-compose/$COMPOSE_VERSION"
BIN="$OUT_DIR/docker-compose"

if [[ -x "$BIN" && -f "$OUT_DIR/.complete" ]]; then printf '%s\n' "$BIN"; exit 0; fi

log() { printf 'compose: %s\n' "$*" >&2; }
fail() { printf 'compose: build failed: %s; what to do: %s\n' "$1" "$2" >&2; exit 1; }
command -v go >/dev/null || fail "go not found on PATH" "install Go >= 1.24"
mkdir -p "$OUT_DIR"
exec 9>"$OUT_DIR/.lock"
flock -w 1800 9 || fail "another build holds $OUT_DIR/.lock" "wait for it or remove the lock"
if [[ -x "$BIN" && -f "$OUT_DIR/.complete" ]]; then printf '%s\n' "$BIN"; exit 0; fi

t0=$SECONDS
LOG="$OUT_DIR/build.log"
WORK="$(mktemp -d "$OUT_DIR/build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export GOTOOLCHAIN=local GOWORK=off GOFLAGS=-buildvcs=false CGO_ENABLED=0
log "building docker-compose $COMPOSE_VERSION from its Go module (cold: ~5 min on 2 cores); log: $LOG"
src="$(cd "$WORK" && go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" 2>>"$LOG" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
[[ -n "$src" && -d "$src" ]] || fail "go mod download github.com/docker/compose/v2@$COMPOSE_VERSION failed (see $LOG)" "check the Go module proxy"
cp -r "$src" "$WORK/src" && chmod -R u+w "$WORK/src"
(cd "$WORK/src" && go build -p "${COMPOSE_GO_BUILD_PROCS:-2}" -trimpath \
  -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" -o "$WORK/docker-compose" ./cmd) >>"$LOG" 2>&1 \
  || fail "go build ./cmd failed (see $LOG)" "check the log; try another COMPOSE_VERSION served by the proxy"
"$WORK/docker-compose" version >>"$LOG" 2>&1 || fail "the built binary does not run (see $LOG)" "check the log"
mv -f "$WORK/docker-compose" "$BIN"
date -u +%FT%TZ > "$OUT_DIR/.complete"
log "built $BIN in $((SECONDS - t0)) s"
printf '%s\n' "$BIN"
