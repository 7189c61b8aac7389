#!/usr/bin/env bash
# verify-influxdb.sh <path/to/influxd> - smoke-test an influxd 2.x binary end to end, on loopback only:
# start it in a temp dir on a free 127.0.0.1 port, wait for /health=pass, POST /api/v2/setup,
# write one point (line protocol), read it back with Flux, stop it. Exit 0 only if all of that works.
# Needs: curl, python3 (free port + JSON). Leaves nothing behind (temp dir is removed).
set -Eeuo pipefail

INFLUXD="${1:-}"
if [[ -z "$INFLUXD" || ! -x "$INFLUXD" ]]; then
  echo "usage: $0 /abs/path/to/influxd   (e.g. \$($(dirname "$0")/install-influxdb.sh))" >&2
  exit 2
fi
for t in curl python3; do
  command -v "$t" >/dev/null 2>&1 || { echo "verify: FAIL: '$t' not found; what to do: apt-get install -y $t" >&2; exit 2; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/influxd-verify.XXXXXX")
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
say() { printf 'verify: %s\n' "$*"; }
die() {
  printf 'verify: FAIL: %s\n' "$*" >&2
  if [[ -f "$TMP/influxd.log" ]]; then
    echo "---- last 25 lines of influxd log ----" >&2
    tail -n 25 "$TMP/influxd.log" >&2
  fi
  exit 1
}

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
ORG=vitals BUCKET=verify TOKEN="verify-token-$RANDOM$RANDOM" USERNAME=admin PASSWORD="verify-password-$RANDOM"

say "binary: $INFLUXD ($("$INFLUXD" version 2>&1 | head -n 1))"
FLAGS=(
  --bolt-path "$TMP/influxd.bolt"
  --engine-path "$TMP/engine"
  --sqlite-path "$TMP/influxd.sqlite"
  --http-bind-address "127.0.0.1:$PORT"
  --reporting-disabled # no phone-home telemetry to usage.influxdata.com
  --ui-disabled        # binary is built without UI assets; serve the API only
  --log-level info
)
say "starting: influxd ${FLAGS[*]}"
# INFLUXD_CONFIG_PATH: an empty dir, so no stray config.{toml,yaml,json} in the CWD is picked up.
(cd "$TMP" && INFLUXD_CONFIG_PATH="$TMP" exec "$INFLUXD" "${FLAGS[@]}" >"$TMP/influxd.log" 2>&1 </dev/null) &
PID=$!

# 1. health
t0=$SECONDS health=""
while ((SECONDS - t0 < 60)); do
  kill -0 "$PID" 2>/dev/null || die "influxd exited during startup"
  health=$(curl -fsS --max-time 2 "$URL/health" 2>/dev/null || true)
  [[ "$health" == *'"status": "pass"'* || "$health" == *'"status":"pass"'* ]] && break
  health=""
  sleep 0.25
done
[[ -n "$health" ]] || die "GET /health did not report pass within 60s"
say "GET /health -> pass after $((SECONDS - t0))s: $(printf '%s' "$health" | tr -d '\n' | tr -s ' ')"

# 2. setup (non-interactive onboarding)
code=$(curl -sS -o "$TMP/setup.json" -w '%{http_code}' --max-time 10 -X POST "$URL/api/v2/setup" \
  -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\",\"org\":\"$ORG\",\"bucket\":\"$BUCKET\",\"token\":\"$TOKEN\"}")
[[ "$code" == 201 ]] || die "POST /api/v2/setup returned HTTP $code: $(head -c 300 "$TMP/setup.json")"
say "POST /api/v2/setup -> $code (org=$ORG bucket=$BUCKET user=$USERNAME, operator token set)"

# 3. write one point
NOW=$(date +%s)
LP="verify_measurement,host=ci,source=verify-influxdb value=42.5,count=7i $NOW"
code=$(curl -sS -o "$TMP/write.out" -w '%{http_code}' --max-time 10 -X POST \
  "$URL/api/v2/write?org=$ORG&bucket=$BUCKET&precision=s" \
  -H "Authorization: Token $TOKEN" -H 'Content-Type: text/plain; charset=utf-8' --data-binary "$LP")
[[ "$code" == 204 ]] || die "POST /api/v2/write returned HTTP $code: $(head -c 300 "$TMP/write.out")"
say "POST /api/v2/write -> $code: $LP"

# 4. read it back with Flux
FLUX="from(bucket: \"$BUCKET\") |> range(start: -1h) |> filter(fn: (r) => r._measurement == \"verify_measurement\" and r._field == \"value\")"
code=$(curl -sS -o "$TMP/query.csv" -w '%{http_code}' --max-time 30 -X POST "$URL/api/v2/query?org=$ORG" \
  -H "Authorization: Token $TOKEN" -H 'Content-Type: application/vnd.flux' -H 'Accept: application/csv' \
  --data-binary "$FLUX")
[[ "$code" == 200 ]] || die "POST /api/v2/query returned HTTP $code: $(head -c 300 "$TMP/query.csv")"
say "POST /api/v2/query -> $code: $FLUX"
sed 's/\r$//; /^$/d; s/^/verify:   | /' "$TMP/query.csv"
python3 - "$TMP/query.csv" <<'EOF' || die "the point written was not returned by the Flux query"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline="")) if r.get("_value")]
ok = any(r["_value"] == "42.5" and r.get("host") == "ci" and r.get("_field") == "value" for r in rows)
sys.exit(0 if ok else 1)
EOF
say "read back value=42.5 host=ci: OK"

# 5. stop
kill -TERM "$PID"
for _ in $(seq 1 75); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$PID" 2>/dev/null; then die "influxd did not stop within 15s of SIGTERM"; fi
wait "$PID" 2>/dev/null || true
PID=""
say "stopped influxd cleanly"
say "PASS"
