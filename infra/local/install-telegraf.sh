#!/usr/bin/env bash
# Build a minimal Telegraf agent from its Go module source into a cache
# OUTSIDE the repo, then print the binary path.
#
#   bin=$(infra/local/install-telegraf.sh)     # -> .../telegraf/<version>/telegraf
#   "$bin" --config infra/telegraf/mqtt-to-kafka.conf
#
# Plugins compiled in (custom build via Go build tags, see Telegraf's
# docs/CUSTOMIZATION.md):
#   inputs.mqtt_consumer, inputs.kafka_consumer,
#   outputs.kafka, outputs.influxdb_v2,
#   parsers.influx, parsers.value (data_type="string" passthrough),
#   serializers.influx
#
# Contract
#   stdout : exactly one line, the absolute path of the telegraf binary
#   stderr : all logs; the full build log is written to
#            $CACHE/telegraf/build-<version>.log. On failure the last line is
#            "telegraf: build failed (see LOG): <reason>; what to do: <hint>"
#   exit   : 0 on success, non-zero on failure
#   idempotent: a warm cache returns without starting go (pure bash).
#   atomic : built in a temp dir next to the target, verified, then mv'ed;
#            a .complete marker (holding the build spec) is written last.
#   non-interactive: stdin is never read; CI=true for child processes.
#
# Environment
#   VITALS_CACHE_DIR          cache root (default: $HOME/.cache/vitals-stack)
#   TELEGRAF_VERSION          module version to build (default below)
#   TELEGRAF_INSTALL_LOCK_TIMEOUT  seconds to wait for a concurrent build (1800)
#   GOTOOLCHAIN / GOPROXY / GOFLAGS are honoured as usual by go.
set -euo pipefail

TELEGRAF_VERSION="${TELEGRAF_VERSION:-1.37.2}"
TELEGRAF_VERSION="${TELEGRAF_VERSION#v}"
MODULE="github.com/influxdata/telegraf"
BUILD_TAGS="custom,inputs.mqtt_consumer,inputs.kafka_consumer,outputs.kafka,outputs.influxdb_v2,parsers.influx,parsers.value,serializers.influx"
REQUIRED_INPUTS=(mqtt_consumer kafka_consumer)
REQUIRED_OUTPUTS=(kafka influxdb_v2)

# Bump SPEC_REV whenever the build recipe changes: it invalidates caches.
SPEC_REV=1
SPEC="rev=${SPEC_REV} telegraf=${TELEGRAF_VERSION} tags=${BUILD_TAGS}"

CACHE_ROOT="${VITALS_CACHE_DIR:-${HOME:-/root}/.cache/vitals-stack}"
CACHE_ROOT="${CACHE_ROOT%/}"
[[ "$CACHE_ROOT" == /* ]] || CACHE_ROOT="$PWD/$CACHE_ROOT"
TG_ROOT="${CACHE_ROOT}/telegraf"
VERSION_DIR="${TG_ROOT}/${TELEGRAF_VERSION}"
BIN="${VERSION_DIR}/telegraf"
MARKER="${VERSION_DIR}/.complete"
LOG_FILE="${TG_ROOT}/build-${TELEGRAF_VERSION}.log"

# The shared skeleton (marker, lock, failure line, cleanup); sourcing runs no subprocess.
INSTALL_LIB="${BASH_SOURCE[0]%/*}"; [[ "$INSTALL_LIB" == "${BASH_SOURCE[0]}" ]] && INSTALL_LIB=.
# shellcheck source=infra/local/install-lib.sh
source "$INSTALL_LIB/install-lib.sh"
INSTALL_NAME=telegraf INSTALL_VERB=build INSTALL_FAIL_LABEL="build failed (see stderr)"

# ---------------------------------------------------------------- warm path
warm() { install_warm "$MARKER" "$BIN" "$SPEC"; }
install_done_if_warm "$BIN"

# ---------------------------------------------------------------- cold path
exec </dev/null
export CI=true
LOG_READY=0
log() {
  install_log "$@"
  if [[ $LOG_READY -eq 1 ]]; then
    printf '%s telegraf: %s\n' "$(date -u +%H:%M:%S)" "$*" >>"$LOG_FILE" 2>/dev/null || true
  fi
}
# The failure line goes to the build log too, once there is one.
install_on_fail() {
  if [[ $LOG_READY -eq 1 ]]; then
    printf '%s telegraf: build failed: %s; what to do: %s\n' "$(date -u +%H:%M:%S)" "$1" "$2" >>"$LOG_FILE" 2>/dev/null || true
  fi
}
fail() { install_fail "$@"; }
install_traps

install_cache_dir "$TG_ROOT"
# Serialise concurrent builders of the same version.
install_lock "${VERSION_DIR}.lock" "${TELEGRAF_INSTALL_LOCK_TIMEOUT:-1800}" "$TELEGRAF_VERSION" "$BIN"

: >"$LOG_FILE" 2>/dev/null || fail "cannot write log file $LOG_FILE" "check permissions of $TG_ROOT"
LOG_READY=1
INSTALL_FAIL_LABEL="build failed (see $LOG_FILE)"

command -v go >/dev/null 2>&1 \
  || fail "go not found on PATH" "install Go >= 1.25 (https://go.dev/dl or apt-get install -y golang-go) and re-run"
log "using $(go version 2>&1) (GOTOOLCHAIN=${GOTOOLCHAIN:-<default>}, GOPROXY=$(go env GOPROXY 2>/dev/null))"

start_s=$SECONDS
log "building telegraf ${TELEGRAF_VERSION} into ${VERSION_DIR} (log: $LOG_FILE)"
log "build tags: ${BUILD_TAGS}"
install_mktemp "$TG_ROOT" "$TELEGRAF_VERSION"

# run <label> <cmd...>: run a command with output appended to the build log.
run() {
  local label="$1"; shift
  printf '%s telegraf: $ %s\n' "$(date -u +%H:%M:%S)" "$*" >>"$LOG_FILE"
  local rc=0
  "$@" >>"$LOG_FILE" 2>&1 || rc=$?
  [[ $rc -eq 0 ]] && return 0
  log "$label failed (exit $rc); last lines of the log:"
  tail -n 20 "$LOG_FILE" | sed 's/^/telegraf:   | /' >&2 || true
  return "$rc"
}

# 1. fetch the module source (read-only in GOMODCACHE) ---------------------
log "downloading ${MODULE}@v${TELEGRAF_VERSION} from the Go module proxy"
DL_JSON="$TMP_DIR/download.json"
if ! go mod download -json "${MODULE}@v${TELEGRAF_VERSION}" >"$DL_JSON" 2>>"$LOG_FILE"; then
  cat "$DL_JSON" >>"$LOG_FILE" 2>/dev/null || true
  grep -h '"Error"' "$DL_JSON" 2>/dev/null | sed 's/^/telegraf:   | /' >&2 || true
  fail "go mod download ${MODULE}@v${TELEGRAF_VERSION} failed" \
       "check the proxy serves it (go list -m -versions ${MODULE}) and set TELEGRAF_VERSION to a listed version"
fi
cat "$DL_JSON" >>"$LOG_FILE"
SRC_DIR="$(sed -n 's/^[[:space:]]*"Dir":[[:space:]]*"\(.*\)",\{0,1\}$/\1/p' "$DL_JSON" | head -n 1)"
[[ -n "$SRC_DIR" && -f "$SRC_DIR/go.mod" ]] \
  || fail "go mod download gave no usable source dir" "inspect $LOG_FILE; try 'go clean -modcache' if the module cache is corrupt"

# 2. writable copy (go.mod may carry replace directives / need go.sum edits)
log "copying module source to a writable build dir"
WORK="$TMP_DIR/src"
if ! cp -R "$SRC_DIR" "$WORK" 2>>"$LOG_FILE" || ! chmod -R u+w "$WORK" 2>>"$LOG_FILE"; then
  fail "cannot copy $SRC_DIR to $WORK" "check free disk space under $TG_ROOT"
fi

# 3. build ----------------------------------------------------------------
INTERNAL_PKG="${MODULE}/internal"
LDFLAGS="-s -w -X ${INTERNAL_PKG}.Version=${TELEGRAF_VERSION} -X ${INTERNAL_PKG}.Branch=HEAD -X ${INTERNAL_PKG}.Commit=v${TELEGRAF_VERSION}-module"
log "go build (cold: downloads dependencies and compiles; several minutes on 2 cores)"
build_s=$SECONDS
if ! (cd "$WORK" && export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -buildvcs=false -mod=mod" \
        && run "go build" go build -trimpath -tags "$BUILD_TAGS" -ldflags "$LDFLAGS" \
          -o "$TMP_DIR/telegraf" ./cmd/telegraf); then
  reason="go build failed"
  hint="read $LOG_FILE"
  if grep -qE 'dial tcp|i/o timeout|proxy.golang.org|410 Gone|404 Not Found|TLS handshake|no such host|verifying module' "$LOG_FILE"; then
    reason="go build could not download dependencies"
    hint="check access to the Go module proxy (GOPROXY=$(go env GOPROXY 2>/dev/null)) and re-run"
  elif grep -qE 'requires go >=|toolchain' "$LOG_FILE"; then
    reason="telegraf ${TELEGRAF_VERSION} needs a newer Go than $(go env GOVERSION 2>/dev/null)"
    hint="export GOTOOLCHAIN=go1.27.3 (or newer) and re-run, or pick an older TELEGRAF_VERSION"
  elif grep -qE 'no space left on device' "$LOG_FILE"; then
    reason="disk full"
    hint="free space (go clean -cache) or set VITALS_CACHE_DIR/GOCACHE elsewhere"
  elif grep -qE 'signal: killed|out of memory' "$LOG_FILE"; then
    reason="compiler was killed (out of memory)"
    hint="free memory or limit parallelism with GOFLAGS=-p=1 and re-run"
  fi
  fail "$reason" "$hint"
fi
log "go build finished in $((SECONDS - build_s))s"

# 4. verify before publishing ----------------------------------------------
[[ -x "$TMP_DIR/telegraf" ]] || fail "go build produced no binary" "read $LOG_FILE"
ver_out="$("$TMP_DIR/telegraf" --version 2>>"$LOG_FILE")" \
  || fail "built binary does not run (telegraf --version failed)" "read $LOG_FILE; check GOOS/GOARCH are not overridden"
log "built: $ver_out"
[[ "$ver_out" == *"$TELEGRAF_VERSION"* ]] \
  || fail "binary reports '$ver_out', expected version $TELEGRAF_VERSION" "check the -X ldflags in $0"
inputs="$("$TMP_DIR/telegraf" --input-list 2>>"$LOG_FILE")" \
  || fail "telegraf --input-list failed" "read $LOG_FILE"
outputs="$("$TMP_DIR/telegraf" --output-list 2>>"$LOG_FILE")" \
  || fail "telegraf --output-list failed" "read $LOG_FILE"
printf 'inputs:\n%s\noutputs:\n%s\n' "$inputs" "$outputs" >>"$LOG_FILE"
for p in "${REQUIRED_INPUTS[@]}"; do
  grep -qxE "[[:space:]]*${p}[[:space:]]*" <<<"$inputs" \
    || fail "input plugin $p missing from the build" "check BUILD_TAGS in $0 against plugins/inputs/all/*.go of telegraf ${TELEGRAF_VERSION}"
done
for p in "${REQUIRED_OUTPUTS[@]}"; do
  grep -qxE "[[:space:]]*${p}[[:space:]]*" <<<"$outputs" \
    || fail "output plugin $p missing from the build" "check BUILD_TAGS in $0 against plugins/outputs/all/*.go of telegraf ${TELEGRAF_VERSION}"
done

# 5. publish atomically ------------------------------------------------------
chmod -R u+w "$WORK" 2>/dev/null || true
rm -rf "$WORK" "$DL_JSON"
install_publish "$VERSION_DIR" "$TG_ROOT" "$TELEGRAF_VERSION" .complete "$SPEC"

size="$(du -h "$BIN" 2>/dev/null | cut -f1)"
log "installed telegraf ${TELEGRAF_VERSION} (${size}) in $((SECONDS - start_s))s"
printf '%s\n' "$BIN"
