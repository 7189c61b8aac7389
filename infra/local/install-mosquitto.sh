#!/usr/bin/env bash
# install-mosquitto.sh - fetch (once) and cache Eclipse Mosquitto 2.0.21 from Debian's
# bookworm-backports, unpacked OUTSIDE the repo and outside the system's package database:
#   ${VITALS_CACHE_DIR:-$HOME/.cache/vitals-stack}/mosquitto/<version>/
#     usr/sbin/mosquitto, usr/bin/mosquitto_{sub,pub,passwd,ctrl},
#     usr/lib/x86_64-linux-gnu/{libmosquitto.so.1,mosquitto_dynamic_security.so}
#
# An evaluation, not the stack's default broker (infra/local/stack.sh runs it with
# VITALS_MOSQUITTO=2.0.21; by default Debian bookworm's own 2.0.11). Measured on 2026-12-01
# (docs/scaling.md, "The broker"): 2.0.21 holds the in-flight window (upstream #2306, fixed in
# 2.0.13), but in 2 of 3 bench runs at 24,000 samples/s its deliveries to the ingest fell to
# about 50 a second with one message in flight while 11,000+ queued for the session; and it
# does not restore a durable client's $share subscription at a restart either (as 2.0.11).
#
# stdout : exactly one line, the absolute path of the unpacked root (its usr/sbin/mosquitto runs).
# stderr : progress. exit 0, or non-zero with one "mosquitto: ... what to do: ..." line.
# Warm cache: returns at once, no subprocess. The .debs are checked against the SHA-256 sums
# below (from the suite's signed Packages index); the runtime libraries (libwebsockets17,
# libcjson1, libdlt2, libwrap0, libssl3) and bookworm's mosquitto-clients come from bookworm's main
# archive through apt-get.
#
# Knobs (env): VITALS_CACHE_DIR, DEBIAN_MIRROR (default http://deb.debian.org/debian),
#   MOSQUITTO_INSTALL_LOCK_TIMEOUT (seconds, 600).
set -euo pipefail

MOSQUITTO_VERSION="2.0.21-1~bpo12+1"
DEBS=(
  "mosquitto_2.0.21-1~bpo12+1_amd64.deb d547a8c0c347748ac6819ad358165fa429cae9ca1dbfaf70f96433ba8817a38a"
  "libmosquitto1_2.0.21-1~bpo12+1_amd64.deb 298bfe6134d0ae39a92a7006a726663b83cdbec66a6bf2633de3c8a7b14d1a1f"
  "mosquitto-clients_2.0.21-1~bpo12+1_amd64.deb c78b99dfe9d8f5883c5380b91243a6abbbecf35c9962056882adf9f4e691f9b4"
)
# mosquitto-clients: bookworm's own mosquitto_pub/_sub on PATH for people (the README's example);
# the stack's own checks use the 2.0.21 clients unpacked here.
RUNTIME_PACKAGES=(libwebsockets17 libcjson1 libdlt2 libwrap0 libssl3 mosquitto-clients)
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

CACHE_BASE="${VITALS_CACHE_DIR:-${HOME:-/root}/.cache/vitals-stack}"
PARENT="$CACHE_BASE/mosquitto"
OUT_DIR="$PARENT/$MOSQUITTO_VERSION"
BIN="$OUT_DIR/usr/sbin/mosquitto"

INSTALL_LIB="${BASH_SOURCE[0]%/*}"; [[ "$INSTALL_LIB" == "${BASH_SOURCE[0]}" ]] && INSTALL_LIB=.
# shellcheck source=infra/local/install-lib.sh
source "$INSTALL_LIB/install-lib.sh"
INSTALL_NAME=mosquitto INSTALL_VERB=install INSTALL_FAIL_LABEL="install failed"
warm() { install_warm "$OUT_DIR/.complete" "$BIN" "$MOSQUITTO_VERSION"; }

# ---- warm path: nothing else runs -------------------------------------------------------------
install_done_if_warm "$OUT_DIR"

# ---- cold path --------------------------------------------------------------------------------
exec 3>&1 1>&2
INSTALL_OUT_FD=3
install_traps
[[ "$(uname -m)" == x86_64 ]] || install_fail "only amd64 packages are pinned here (this is $(uname -m))" "add the arch's .deb sums to infra/local/install-mosquitto.sh"
install_cache_dir "$PARENT"
install_lock "$PARENT/.install.lock" "${MOSQUITTO_INSTALL_LOCK_TIMEOUT:-600}" "$MOSQUITTO_VERSION" "$OUT_DIR"

missing=()
for p in "${RUNTIME_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} )); then
  [[ "$(id -u)" == 0 ]] || install_fail "runtime libraries missing: ${missing[*]}" "run: sudo apt-get install -y ${missing[*]}"
  install_log "installing ${missing[*]} from Debian's packages"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >&2 \
    || install_fail "apt-get install ${missing[*]} failed" "check that Debian's package mirror is reachable"
fi

install_mktemp "$PARENT" "$MOSQUITTO_VERSION"
for entry in "${DEBS[@]}"; do
  read -r file sum <<<"$entry"
  install_log "downloading $file"
  curl -fsS --retry 3 -o "$TMP_DIR/$file" "$MIRROR/pool/main/m/mosquitto/$file" \
    || install_fail "download of $MIRROR/pool/main/m/mosquitto/$file failed" "check that $MIRROR is reachable (or set DEBIAN_MIRROR)"
  got="$(sha256sum "$TMP_DIR/$file" | awk '{print $1}')"
  [[ "$got" == "$sum" ]] || install_fail "$file has SHA-256 $got, expected $sum" "the mirror served another file; do not use it"
  dpkg-deb -x "$TMP_DIR/$file" "$TMP_DIR" || install_fail "dpkg-deb -x $file failed" "check free disk space"
  rm -f "$TMP_DIR/$file"
done
version="$("$TMP_DIR/usr/sbin/mosquitto" -h 2>/dev/null | awk 'NR == 1 {print $3}')" || true
[[ "$version" == "${MOSQUITTO_VERSION%%-*}" ]] || install_fail "the unpacked broker says version '${version}'" "run $TMP_DIR/usr/sbin/mosquitto -h to see which library is missing"
install_publish "$OUT_DIR" "$PARENT" "$MOSQUITTO_VERSION" .complete "$MOSQUITTO_VERSION"
install_log "mosquitto $MOSQUITTO_VERSION in $OUT_DIR"
printf '%s\n' "$OUT_DIR" >&3
