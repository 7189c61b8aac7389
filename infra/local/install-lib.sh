# install-lib.sh - the skeleton every infra/local/install-*.sh shares (sourced, not run):
# a warm path that reads a cache marker with bash builtins only, one install at a time per
# version (flock), a failure that ends in one "<name>: <what> failed: <reason>; what to do:
# <hint>" line, and a temp dir next to the target that is removed on any exit.
#
# The sourcing script sets, before calling anything here:
#   INSTALL_NAME        log prefix and product name (kafka, telegraf, influxdb)
#   INSTALL_VERB        install | build (in the lock messages)
#   INSTALL_FAIL_LABEL  e.g. "install failed" or "build failed (see <log>)"; may change as it goes
# and may define install_on_fail <reason> <hint> (e.g. to copy the line into a build log),
# and defines warm() (usually with install_warm) before install_done_if_warm / install_lock.

INSTALL_FAILED=0
TMP_DIR=""
# Where the one result line goes (a script that sends its stdout to stderr sets the fd it kept).
INSTALL_OUT_FD=1

# install_warm <marker> <artifact> [spec]: the marker exists (holding exactly <spec> when given)
# and the artifact is there. No subprocess: this is the whole warm path.
install_warm() {
  local marker="$1" artifact="$2" spec="${3-}"
  [[ -f "$marker" && -e "$artifact" ]] || return 1
  [[ -d "$artifact" || -x "$artifact" ]] || return 1
  [[ $# -ge 3 ]] || return 0
  local got=""
  IFS= read -r got < "$marker" || true
  [[ "$got" == "$spec" ]]
}

# install_done_if_warm <result>: when warm() holds, prints the result line and exits 0.
install_done_if_warm() {
  if warm; then
    printf '%s\n' "$1" >&"$INSTALL_OUT_FD"
    exit 0
  fi
}

install_log() { printf '%s: %s\n' "$INSTALL_NAME" "$*" >&2; }

install_fail() { # install_fail <reason> <what to do>
  INSTALL_FAILED=1
  if declare -F install_on_fail >/dev/null; then install_on_fail "$1" "$2"; fi
  printf '%s: %s: %s; what to do: %s\n' "$INSTALL_NAME" "$INSTALL_FAIL_LABEL" "$1" "$2" >&2
  exit 1
}

# On any exit: remove the temp dir; an exit nobody explained gets its own failure line.
install_cleanup() {
  local rc=$?
  if [[ -n "$TMP_DIR" && -d "$TMP_DIR" ]]; then
    chmod -R u+w "$TMP_DIR" 2>/dev/null || true
    rm -rf "$TMP_DIR" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && $INSTALL_FAILED -eq 0 ]]; then
    printf '%s: %s: unexpected error (exit %s); what to do: re-run with "bash -x %s" to see the failing step\n' "$INSTALL_NAME" "$INSTALL_FAIL_LABEL" "$rc" "$0" >&2
  fi
  exit "$rc"
}
install_traps() {
  trap install_cleanup EXIT
  trap 'exit 130' INT TERM
}

# install_cache_dir <dir>: creates it, or fails saying how to move the cache.
install_cache_dir() {
  mkdir -p "$1" 2>/dev/null || install_fail "cannot create cache dir $1" "set VITALS_CACHE_DIR to a writable directory"
  [[ -w "$1" ]] || install_fail "cache dir $1 is not writable" "set VITALS_CACHE_DIR to a writable directory"
}

# install_lock <lock file> <timeout s> <version> <result>: waits for a concurrent installer
# of the same version; when it finished the job meanwhile, prints the result and exits 0.
# Without flock the install goes ahead unserialised.
install_lock() {
  local file="$1" timeout="$2" version="$3"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$file"
  install_log "taking $INSTALL_VERB lock $file"
  flock -w "$timeout" 9 \
    || install_fail "another $INSTALL_VERB of $INSTALL_NAME $version holds $file" "wait for it to finish, or remove the lock file if no $INSTALL_VERB is running"
  install_done_if_warm "$4"
}

# install_mktemp <parent> <version>: TMP_DIR on the target's filesystem (the final mv is atomic).
install_mktemp() {
  TMP_DIR="$(mktemp -d "$1/.tmp-$2.XXXXXX")" || install_fail "mktemp failed under $1" "check free disk space and permissions"
}

# install_publish <target dir> <parent> <version> <marker name> <spec>: writes the marker last,
# moves a stale target aside and renames TMP_DIR into place.
install_publish() {
  local target="$1" parent="$2" version="$3"
  printf '%s\n' "$5" > "$TMP_DIR/$4"
  chmod 755 "$TMP_DIR" # mktemp -d makes it 0700
  if [[ -e "$target" ]]; then
    local stale="$parent/.stale-$version.$$"
    mv "$target" "$stale" || install_fail "cannot move stale $target aside" "remove $target by hand and re-run"
    rm -rf "$stale" || true
  fi
  mv "$TMP_DIR" "$target" || install_fail "cannot rename $TMP_DIR to $target" "check permissions of $parent"
  TMP_DIR=""
}
