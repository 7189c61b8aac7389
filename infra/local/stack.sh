#!/usr/bin/env bash
# The real stack as local processes, no Docker: Mosquitto, Kafka (KRaft), InfluxDB 2.
#   bash infra/local/stack.sh up|down|status|env
# Installs what is missing (cached outside the repo), starts everything on loopback,
# waits until each part answers, and writes the endpoints to $STATE_DIR/env.
# Idempotent: `up` on a running stack only checks it; `down` stops only the
# processes whose pid files it wrote.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="${VITALS_STACK_DIR:-$REPO/.stack}"
CACHE_DIR="${VITALS_CACHE_DIR:-$HOME/.cache/vitals-stack}"
export VITALS_CACHE_DIR="$CACHE_DIR"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx768m}"
INFLUX_ORG="vitals"
INFLUX_BUCKET="vitals"
# One place for the message size limits both brokers enforce (bytes).
MQTT_MAX_PACKET_BYTES="${MQTT_MAX_PACKET_BYTES:-1048576}"
KAFKA_MAX_MESSAGE_BYTES="${KAFKA_MAX_MESSAGE_BYTES:-1048588}"
# Mosquitto saves its state after this many changes (1: after every acknowledged message).
MQTT_AUTOSAVE_CHANGES="${MQTT_AUTOSAVE_CHANGES:-1}"
# Alert-worker replicas with their own MQTT accounts (alerts, alerts-2 ... alerts-N; issue 17).
MQTT_ALERTS_REPLICAS="${MQTT_ALERTS_REPLICAS:-4}"
[[ "$MQTT_ALERTS_REPLICAS" =~ ^[1-9][0-9]?$ ]] || { printf 'stack: MQTT_ALERTS_REPLICAS must be 1-99, got %s\n' "$MQTT_ALERTS_REPLICAS" >&2; exit 1; }
# Device shards (issue 17, option (b) of docs/scaling.md): MQTT_SHARDS brokers, the first the
# stack's own `mosquitto`, shard i >= 2 a part `mosquitto-i` with the same install, config and
# accounts, its state under $STATE_DIR/shard-i and its own ports; one exclusive ingest each.
MQTT_SHARDS="${MQTT_SHARDS:-1}"
[[ "$MQTT_SHARDS" =~ ^[1-9]$ ]] || { printf 'stack: MQTT_SHARDS must be 1-9, got %s\n' "$MQTT_SHARDS" >&2; exit 1; }
DEVICE_POOL="${VITALS_DEVICE_POOL:-$(cat "${VITALS_STACK_DIR:-$REPO/.stack}/device-pool" 2>/dev/null || echo 200)}"

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }

mkdir -p "$STATE_DIR"/{run,logs,mosquitto/data,kafka/data,influxdb}
PORTS_FILE="$STATE_DIR/ports"
SECRETS_FILE="$STATE_DIR/secrets"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Ports are taken from the OS once and kept, so restarts keep their endpoints.
load_ports() {
  if [[ ! -f "$PORTS_FILE" ]]; then
    {
      echo "MQTT_PORT=$(free_port)"
      echo "KAFKA_PORT=$(free_port)"
      echo "KAFKA_CONTROLLER_PORT=$(free_port)"
      echo "INFLUX_PORT=$(free_port)"
    } > "$PORTS_FILE"
  fi
  grep -q '^MQTT_TLS_PORT=' "$PORTS_FILE" || echo "MQTT_TLS_PORT=$(free_port)" >> "$PORTS_FILE"
  grep -q '^KAFKA_SASL_PORT=' "$PORTS_FILE" || echo "KAFKA_SASL_PORT=$(free_port)" >> "$PORTS_FILE"
  grep -q '^KAFKA_SSL_PORT=' "$PORTS_FILE" || echo "KAFKA_SSL_PORT=$(free_port)" >> "$PORTS_FILE"
  local i
  for ((i = 2; i <= MQTT_SHARDS; i++)); do
    grep -q "^MQTT_SHARD_${i}_PORT=" "$PORTS_FILE" || echo "MQTT_SHARD_${i}_PORT=$(free_port)" >> "$PORTS_FILE"
    grep -q "^MQTT_SHARD_${i}_TLS_PORT=" "$PORTS_FILE" || echo "MQTT_SHARD_${i}_TLS_PORT=$(free_port)" >> "$PORTS_FILE"
  done
  # shellcheck disable=SC1090
  source "$PORTS_FILE"
}

# A private CA and a server certificate for the TLS listener (127.0.0.1), made once.
tls_certs() {
  local dir="$STATE_DIR/tls"
  [[ -f "$dir/server.crt" && -f "$dir/ca.crt" ]] && return
  mkdir -p "$dir"
  (
    cd "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 825 -subj "/CN=vitals-local-ca" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > san.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 825 -extfile san.ext 2>/dev/null
    chmod 600 ca.key server.key
  ) || die "stack: could not generate TLS certificates with openssl"
}

kafka_principals() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).principals.join(" "))' "$REPO/infra/kafka/acls.json"; }

rand() { node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))'; }

load_secrets() {
  if [[ ! -f "$SECRETS_FILE" ]]; then
    umask 077
    {
      echo "MQTT_ADMIN_PASSWORD=$(rand)"
      echo "MQTT_INGEST_PASSWORD=$(rand)"
      echo "MQTT_ALERTS_PASSWORD=$(rand)"
      echo "MQTT_CLINICIAN_PASSWORD=$(rand)"
      echo "MQTT_DEVICE_SECRET=$(rand)"
      echo "INFLUX_ADMIN_PASSWORD=$(rand)"
      echo "INFLUX_TOKEN=$(rand)$(rand)"
      echo "API_CLINICIAN_TOKEN=$(rand)"
      echo "API_OPERATOR_TOKEN=$(rand)"
    } > "$SECRETS_FILE"
    umask 022
  fi
  # Secrets added by a newer version of this script are appended to an older file.
  grep -q '^MQTT_TELEGRAF_PASSWORD=' "$SECRETS_FILE" || echo "MQTT_TELEGRAF_PASSWORD=$(rand)" >> "$SECRETS_FILE"
  grep -q '^KAFKA_SASL_PASSWORD=' "$SECRETS_FILE" || echo "KAFKA_SASL_PASSWORD=$(rand)" >> "$SECRETS_FILE"
  grep -q '^MQTT_REGISTRY_PASSWORD=' "$SECRETS_FILE" || echo "MQTT_REGISTRY_PASSWORD=$(rand)" >> "$SECRETS_FILE"
  local i
  for ((i = 2; i <= MQTT_ALERTS_REPLICAS; i++)); do
    grep -q "^MQTT_ALERTS_${i}_PASSWORD=" "$SECRETS_FILE" || echo "MQTT_ALERTS_${i}_PASSWORD=$(rand)" >> "$SECRETS_FILE"
  done
  # The HMAC key of people's session tokens (issue 15): only in the api's own env file.
  grep -q '^API_SESSION_SECRET=' "$SECRETS_FILE" || echo "API_SESSION_SECRET=$(rand)$(rand)" >> "$SECRETS_FILE"
  # Kafka SCRAM principals (issue 16): admin and one per service named in infra/kafka/acls.json.
  local p
  for p in admin $(kafka_principals); do
    grep -q "^KAFKA_${p^^}_PASSWORD=" "$SECRETS_FILE" || echo "KAFKA_${p^^}_PASSWORD=$(rand)" >> "$SECRETS_FILE"
  done
  # shellcheck disable=SC1090
  source "$SECRETS_FILE"
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # name timeout_s command...
  local name="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then return 1; fi
    sleep 0.3
  done
}

# ---------------------------------------------------------------- Mosquitto
mosquitto_install() {
  # The broker: Debian's `mosquitto` (bookworm: 2.0.11). VITALS_MOSQUITTO=2.0.21 runs Mosquitto
  # 2.0.21 from bookworm-backports instead, unpacked in the cache by install-mosquitto.sh: an
  # evaluation only, it is not the default (docs/scaling.md, "The broker": in 2 of 3 bench runs
  # at 24,000 samples/s it fell to about 50 deliveries a second to the ingest, with one in flight).
  if [[ "${VITALS_MOSQUITTO:-system}" == 2.0.21 ]]; then
    if [[ -z "${MOSQUITTO_LIB:-}" ]]; then
      local root
      root="$(bash "$REPO/infra/local/install-mosquitto.sh")" || die "mosquitto: install of 2.0.21 failed (see above)"
      MOSQUITTO_BIN="$root/usr/sbin/mosquitto"; MOSQUITTO_LIB="$root/usr/lib/x86_64-linux-gnu"
      # The stack's own checks use the clients unpacked with it (libmosquitto beside them).
      MOSQUITTO_SUB="$root/usr/bin/mosquitto_sub"
    fi
    return
  fi
  [[ "${VITALS_MOSQUITTO:-system}" == system ]] || die "mosquitto: VITALS_MOSQUITTO must be system or 2.0.21, got ${VITALS_MOSQUITTO}"
  if ! { command -v mosquitto >/dev/null && command -v mosquitto_passwd >/dev/null && command -v mosquitto_sub >/dev/null; }; then
    log "installing mosquitto and mosquitto-clients from Debian's packages"
    if [[ "$(id -u)" != 0 ]]; then die "mosquitto: not installed and not root; run: sudo apt-get install -y mosquitto mosquitto-clients"; fi
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto mosquitto-clients) \
      > "$STATE_DIR/logs/apt.log" 2>&1 || die "mosquitto: apt-get install failed (see $STATE_DIR/logs/apt.log); check that Debian's package mirror is reachable"
  fi
  MOSQUITTO_BIN="$(command -v mosquitto)"; MOSQUITTO_LIB=""; MOSQUITTO_SUB="$(command -v mosquitto_sub)"
}

# Accounts live in Mosquitto's dynamic-security plugin (issue 15): every device is bound to its
# client id with a role for its own topics only; service accounts have no device topics. The file
# is the broker's live registry: created once, then only completed (see dynsec-config.mjs).
mosquitto_users() {
  local dir="$STATE_DIR/mosquitto"
  # In a subshell with the passwords exported (env(1) would put them in argv).
  (
    export MQTT_ADMIN_PASSWORD MQTT_INGEST_PASSWORD MQTT_ALERTS_PASSWORD MQTT_CLINICIAN_PASSWORD MQTT_TELEGRAF_PASSWORD MQTT_REGISTRY_PASSWORD MQTT_DEVICE_SECRET MQTT_ALERTS_REPLICAS
    for ((i = 2; i <= MQTT_ALERTS_REPLICAS; i++)); do export "MQTT_ALERTS_${i}_PASSWORD"; done
    exec node "$REPO/infra/local/dynsec-config.mjs" "$dir/dynamic-security.json" "$DEVICE_POOL"
  ) || die "mosquitto: could not write $dir/dynamic-security.json"
  rm -f "$dir/passwd" "$dir/acl" # the file-based accounts of older stacks
}

dynsec_plugin() {
  local p
  if [[ -n "${MOSQUITTO_LIB:-}" ]]; then p="$MOSQUITTO_LIB/mosquitto_dynamic_security.so"; [[ -f "$p" ]] && { echo "$p"; return 0; }; return 1; fi
  for p in /usr/lib/*/mosquitto_dynamic_security.so /usr/lib/mosquitto_dynamic_security.so /usr/local/lib/mosquitto_dynamic_security.so; do
    [[ -f "$p" ]] && { echo "$p"; return 0; }
  done
  return 1
}

mosquitto_up() {
  local pidf="$STATE_DIR/run/mosquitto.pid"
  if pid_alive "$pidf"; then log "mosquitto already running (pid $(cat "$pidf"))"; return; fi
  mosquitto_install
  mosquitto_users
  tls_certs
  local plugin; plugin="$(dynsec_plugin)" || die "mosquitto: mosquitto_dynamic_security.so not found (Debian's mosquitto package ships it)"
  sed -e "s#@TLS_PORT@#$MQTT_TLS_PORT#g" -e "s#@STATE_DIR@#$STATE_DIR#g" -e "s#@PORT@#$MQTT_PORT#g" -e "s#@USER@#$(id -un)#g" -e "s#@MAX_PACKET@#$MQTT_MAX_PACKET_BYTES#g" -e "s#@AUTOSAVE_CHANGES@#$MQTT_AUTOSAVE_CHANGES#g" -e "s#@DYNSEC_PLUGIN@#$plugin#g" \
    "$REPO/infra/mosquitto/mosquitto.conf.template" > "$STATE_DIR/mosquitto/mosquitto.conf"
  log "starting mosquitto on 127.0.0.1:$MQTT_PORT"
  # Room for 10,000+ device connections (benchmarks); ignored where the hard limit is lower.
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  "$MOSQUITTO_BIN" -c "$STATE_DIR/mosquitto/mosquitto.conf" -d \
    || die "mosquitto: failed to start (see $STATE_DIR/logs/mosquitto.log)"
  wait_for mosquitto 20 mqtt_admin_sub -t '$SYS/broker/version' -C 1 -W 2 \
    || die "mosquitto: did not answer within 20 s (see $STATE_DIR/logs/mosquitto.log)"
}

# mosquitto_sub as admin with the password in an options file (mode 600), never in argv:
# mosquitto_sub reads $XDG_CONFIG_HOME/mosquitto_sub before its command line.
mqtt_admin_sub() {
  local dir="$STATE_DIR/run/mqtt-admin"
  if [[ ! -f "$dir/mosquitto_sub" ]]; then
    (umask 077; mkdir -p "$dir" && printf -- '-h 127.0.0.1\n-p %s\n-u admin\n-P %s\n' "$MQTT_PORT" "$MQTT_ADMIN_PASSWORD" > "$dir/mosquitto_sub")
  fi
  XDG_CONFIG_HOME="$dir" LD_LIBRARY_PATH="${MOSQUITTO_LIB:-}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$MOSQUITTO_SUB" "$@"
}

# Shard i (>= 2): the same mosquitto_up with its own state folder (TLS material shared) and
# ports. Its accounts come from the same secrets, so service and pool accounts work on every
# shard; its ingest accounts are vitals-ingest-i-N (one exclusive ingest per shard).
shard_dir() { echo "$STATE_DIR/shard-$1"; }
shard_up() {
  local i="$1" dir; dir="$(shard_dir "$1")"
  mkdir -p "$dir"/{run,logs,mosquitto/data}
  [[ -e "$dir/tls" ]] || ln -s ../tls "$dir/tls"
  local pv="MQTT_SHARD_${i}_PORT" tv="MQTT_SHARD_${i}_TLS_PORT"
  [[ -n "${!pv:-}" ]] || die "mosquitto-$i: no port (MQTT_SHARDS=$MQTT_SHARDS; set MQTT_SHARDS to at least $i)"
  ( STATE_DIR="$dir" MQTT_PORT="${!pv}" MQTT_TLS_PORT="${!tv}" MQTT_INGEST_CLIENT_ID="vitals-ingest-$i"; export MQTT_INGEST_CLIENT_ID; mosquitto_up )
}

# curl with the InfluxDB token in a header read from a file descriptor, never in argv.
influx_curl() { curl -H @<(printf 'Authorization: Token %s\n' "$INFLUX_TOKEN") "$@"; }

# Renders a template: @NAME@ placeholders from the named variables, in bash (no secret
# passes through sed's argv). Usage: render TEMPLATE OUT NAME=VAR...
render() {
  local tpl out text pair name var
  tpl="$1"; out="$2"; shift 2
  text="$(<"$tpl")"
  shopt -u patsub_replacement 2>/dev/null || true # bash 5.2: '&' in a value stays '&'
  for pair in "$@"; do name="${pair%%=*}"; var="${pair#*=}"; text="${text//@${name}@/${!var}}"; done
  (umask 077; printf '%s\n' "$text" > "$out")
  chmod 600 "$out"
}

mosquitto_version() { "${MOSQUITTO_BIN:-mosquitto}" -h 2>/dev/null | head -1 | awk '{print $3}'; }

# ---------------------------------------------------------------- Kafka
KAFKA_LIB=""
kafka_install() {
  KAFKA_LIB="$(bash "$REPO/infra/local/install-kafka.sh")" || die "kafka: install failed (see messages above); check that Maven Central is reachable and java/mvn are installed"
}

kafka_up() {
  local pidf="$STATE_DIR/run/kafka.pid" dir="$STATE_DIR/kafka" logf="$STATE_DIR/logs/kafka.out"
  kafka_install
  if pid_alive "$pidf"; then log "kafka already running (pid $(cat "$pidf"))"; return; fi
  tls_certs
  if [[ ! -f "$STATE_DIR/tls/kafka-keystore.pem" ]]; then
    # PKCS#8 key then certificate: Kafka's PEM keystore format.
    (umask 077; openssl pkcs8 -topk8 -nocrypt -in "$STATE_DIR/tls/server.key" > "$STATE_DIR/tls/kafka-keystore.pem" && cat "$STATE_DIR/tls/server.crt" >> "$STATE_DIR/tls/kafka-keystore.pem") \
      || die "kafka: could not write the PEM keystore with openssl"
  fi
  # Holds the admin's password: mode 600, rendered without sed (argv). The access-control part
  # (SASL listeners, authorizer; issue 16) is appended: later keys win.
  local TLS_DIR="$STATE_DIR/tls" DATA_DIR="$dir/data"
  local vars=(SSL_PORT=KAFKA_SSL_PORT TLS_DIR=TLS_DIR DATA_DIR=DATA_DIR CONTROLLER_PORT=KAFKA_CONTROLLER_PORT SASL_PORT=KAFKA_SASL_PORT
    MAX_MESSAGE=KAFKA_MAX_MESSAGE_BYTES SASL_PASSWORD=KAFKA_SASL_PASSWORD ADMIN_PASSWORD=KAFKA_ADMIN_PASSWORD PORT=KAFKA_PORT)
  render "$REPO/infra/kafka/server.properties.template" "$dir/server.properties" "${vars[@]}"
  render "$REPO/infra/kafka/security.properties.template" "$dir/security.properties" "${vars[@]}"
  # The template's own SASL/PLAIN listener settings give way to the INTERNAL listener's.
  sed -i '/^listener\.name\.sasl_plaintext\./d' "$dir/server.properties"
  cat "$dir/security.properties" >> "$dir/server.properties"
  rm -f "$dir/security.properties"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    rm -f "$dir/scram-users" "$dir/acls-applied"
    local cluster_id
    cluster_id="$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
      > "$STATE_DIR/logs/kafka-format.log" 2>&1 || die "kafka: storage format failed (see $STATE_DIR/logs/kafka-format.log)"
  fi
  log "starting kafka on 127.0.0.1:$KAFKA_PORT"
  : > "$logf"
  # server.log is appended across restarts and still holds the previous run's "Kafka Server
  # started": only a line stamped at or after this launch counts (log4j's %d is local time).
  local launched; launched="$(date '+%Y-%m-%d %H:%M:%S')"
  # shellcheck disable=SC2086
  setsid nohup java $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$REPO/infra/kafka/log4j2.properties" -Dkafka.logs.dir="$STATE_DIR/logs" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties" > "$logf" 2>&1 < /dev/null &
  echo $! > "$pidf"
  local deadline=$((SECONDS + 90))
  local started_at=""
  until [[ -n "$started_at" && ! "$started_at" < "$launched" ]]; do
    pid_alive "$pidf" || die "kafka: exited during start (see $logf)"
    (( SECONDS < deadline )) || die "kafka: not started within 90 s (see $logf and $STATE_DIR/logs/server.log)"
    sleep 0.3
    started_at="$(grep -h 'Kafka Server started' "$STATE_DIR/logs/server.log" 2>/dev/null | tail -1 | cut -c2-20 || true)"
  done
}

# SCRAM credentials (Kafka's Admin API over the INTERNAL PLAIN listener, passwords from the
# environment) once per principal list, then the ACL table whenever it changed (idempotent).
kafka_access() {
  local dir="$STATE_DIR/kafka" users p v
  users="admin $(kafka_principals)"
  if [[ "$(cat "$dir/scram-users" 2>/dev/null)" != "$users" ]]; then
    # env(1) gets the passwords as arguments: export them instead, in a subshell.
    (
      for p in $users; do v="KAFKA_${p^^}_PASSWORD"; export "KAFKA_PASSWORD_${p^^}=${!v}"; done
      export KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_SASL_PORT" KAFKA_ADMIN_PASSWORD KAFKA_SCRAM_USERS="$users"
      exec java -cp "$KAFKA_LIB/*" "$REPO/infra/kafka/ScramUsers.java"
    ) >> "$STATE_DIR/logs/kafka-access.log" 2>&1 || die "kafka: could not create the SCRAM principals (see $STATE_DIR/logs/kafka-access.log)"
    echo "$users" > "$dir/scram-users"
  fi
  # The table is applied again only when it changed (ACLs live in the cluster's metadata).
  local sum; sum="$(sha256sum "$REPO/infra/kafka/acls.json" | cut -d' ' -f1)"
  [[ "$(cat "$dir/acls-applied" 2>/dev/null)" == "$sum" ]] && return
  (
    export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" KAFKA_ADMIN_PASSWORD
    cd "$REPO" && exec node --import tsx infra/local/kafka-acls.ts
  ) >> "$STATE_DIR/logs/kafka-access.log" 2>&1 || die "kafka: could not apply infra/kafka/acls.json (see $STATE_DIR/logs/kafka-access.log)"
  echo "$sum" > "$dir/acls-applied"
}

kafka_version() { ls "$KAFKA_LIB" 2>/dev/null | sed -n 's/^kafka_2\.13-\(.*\)\.jar$/\1/p' | head -1; }

# ---------------------------------------------------------------- InfluxDB
INFLUXD=""
influx_install() {
  INFLUXD="$(bash "$REPO/infra/local/install-influxdb.sh")" || die "influxdb: install failed (see messages above); it is built from Go module source with go and cargo"
}

influx_health() { curl -fsS "http://127.0.0.1:$INFLUX_PORT/health" | grep -q '"status": *"pass"'; }

influx_up() {
  local pidf="$STATE_DIR/run/influxd.pid" dir="$STATE_DIR/influxdb"
  influx_install
  if ! pid_alive "$pidf"; then
    log "starting influxdb on 127.0.0.1:$INFLUX_PORT"
    setsid nohup "$INFLUXD" --bolt-path "$dir/influxd.bolt" --engine-path "$dir/engine" \
      --sqlite-path "$dir/influxd.sqlite" --http-bind-address "127.0.0.1:$INFLUX_PORT" \
      --reporting-disabled --ui-disabled --log-level warn --storage-cache-max-memory-size 268435456 \
      > "$STATE_DIR/logs/influxd.log" 2>&1 < /dev/null &
    echo $! > "$pidf"
    wait_for influxdb 60 influx_health || die "influxdb: did not answer /health within 60 s (see $STATE_DIR/logs/influxd.log)"
  else
    log "influxdb already running (pid $(cat "$pidf"))"
  fi
  if curl -fsS "http://127.0.0.1:$INFLUX_PORT/api/v2/setup" | grep -q '"allowed": *true'; then
    log "setting up influxdb (org $INFLUX_ORG, bucket $INFLUX_BUCKET)"
    # Secrets through the environment and stdin, never argv (ps shows argv to every user).
    SETUP_PASSWORD="$INFLUX_ADMIN_PASSWORD" SETUP_TOKEN="$INFLUX_TOKEN" SETUP_ORG="$INFLUX_ORG" SETUP_BUCKET="$INFLUX_BUCKET" \
      node -e 'const e=process.env;console.log(JSON.stringify({username:"admin",password:e.SETUP_PASSWORD,org:e.SETUP_ORG,bucket:e.SETUP_BUCKET,token:e.SETUP_TOKEN,retentionPeriodSeconds:0}))' \
      | curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' --data @- \
      "http://127.0.0.1:$INFLUX_PORT/api/v2/setup" || die "influxdb: setup failed (see $STATE_DIR/logs/influxd.log)"
  fi
}

# Least-privilege tokens: the writer may only write the bucket, the API only read it.
influx_tokens() {
  grep -q '^INFLUX_WRITE_TOKEN=' "$SECRETS_FILE" && return
  local api="http://127.0.0.1:$INFLUX_PORT" org_id bucket_id
  org_id="$(influx_curl -fsS "$api/api/v2/orgs?org=$INFLUX_ORG" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).orgs[0].id))')"
  bucket_id="$(influx_curl -fsS "$api/api/v2/buckets?name=$INFLUX_BUCKET&orgID=$org_id" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).buckets[0].id))')"
  local mk
  mk() { # action description -> token
    influx_curl -fsS -X POST -H 'Content-Type: application/json' "$api/api/v2/authorizations" \
      --data "{\"orgID\":\"$org_id\",\"description\":\"$2\",\"permissions\":[{\"action\":\"$1\",\"resource\":{\"type\":\"buckets\",\"id\":\"$bucket_id\",\"orgID\":\"$org_id\"}}]}" \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))'
  }
  echo "INFLUX_WRITE_TOKEN=$(mk write vitals-writer)" >> "$SECRETS_FILE"
  echo "INFLUX_READ_TOKEN=$(mk read vitals-api)" >> "$SECRETS_FILE"
  # shellcheck disable=SC1090
  source "$SECRETS_FILE"
}

influx_version() { "$INFLUXD" version 2>/dev/null | awk '{print $2}'; }

# ---------------------------------------------------------------- env file
shard_urls() {
  local i v out="mqtt://127.0.0.1:$MQTT_PORT"
  for ((i = 2; i <= MQTT_SHARDS; i++)); do v="MQTT_SHARD_${i}_PORT"; out="$out,mqtt://127.0.0.1:${!v}"; done
  echo "$out"
}
write_env() {
  umask 077
  cat > "$STATE_DIR/env.tmp" <<EOF
# Written by infra/local/stack.sh; read by tests and services. Holds local secrets: never commit.
MQTT_URL=mqtt://127.0.0.1:$MQTT_PORT
MQTT_TLS_URL=mqtts://127.0.0.1:$MQTT_TLS_PORT
MQTT_TLS_CA_FILE=$STATE_DIR/tls/ca.crt
MQTT_ADMIN_USERNAME=admin
MQTT_ADMIN_PASSWORD=$MQTT_ADMIN_PASSWORD
MQTT_PASSWORD=$MQTT_INGEST_PASSWORD
MQTT_ALERTS_USERNAME=alerts
MQTT_ALERTS_PASSWORD=$MQTT_ALERTS_PASSWORD
MQTT_ALERTS_REPLICAS=$MQTT_ALERTS_REPLICAS
MQTT_SHARD_URLS=$(shard_urls)
$(for ((i = 2; i <= MQTT_ALERTS_REPLICAS; i++)); do v="MQTT_ALERTS_${i}_PASSWORD"; echo "$v=${!v}"; done)
MQTT_CLINICIAN_USERNAME=clinician
MQTT_CLINICIAN_PASSWORD=$MQTT_CLINICIAN_PASSWORD
MQTT_TELEGRAF_USERNAME=telegraf
MQTT_TELEGRAF_PASSWORD=$MQTT_TELEGRAF_PASSWORD
MQTT_REGISTRY_USERNAME=registry
MQTT_REGISTRY_PASSWORD=$MQTT_REGISTRY_PASSWORD
MQTT_DEVICE_SECRET=$MQTT_DEVICE_SECRET
MQTT_DEVICE_POOL=$DEVICE_POOL
MQTT_MAX_PACKET_BYTES=$MQTT_MAX_PACKET_BYTES
KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
KAFKA_SSL_BROKERS=127.0.0.1:$KAFKA_SSL_PORT
KAFKA_ADMIN_USERNAME=admin
KAFKA_ADMIN_PASSWORD=$KAFKA_ADMIN_PASSWORD
$(for p in $(kafka_principals); do v="KAFKA_${p^^}_PASSWORD"; echo "$v=${!v}"; done)
INFLUX_URL=http://127.0.0.1:$INFLUX_PORT
INFLUX_ORG=$INFLUX_ORG
INFLUX_BUCKET=$INFLUX_BUCKET
INFLUX_TOKEN=$INFLUX_TOKEN
INFLUX_WRITE_TOKEN=${INFLUX_WRITE_TOKEN:-}
INFLUX_READ_TOKEN=${INFLUX_READ_TOKEN:-}
API_CLINICIAN_TOKEN=$API_CLINICIAN_TOKEN
API_OPERATOR_TOKEN=$API_OPERATOR_TOKEN
EOF
  mv "$STATE_DIR/env.tmp" "$STATE_DIR/env"
  write_service_envs
  umask 022
}

# One file per service with its endpoints and only its own credentials (issue 16); each
# service reads .stack/services/<name>.env (see services/common/config.ts). .stack/env
# keeps everything for the tests and the operator.
write_service_envs() {
  local d="$STATE_DIR/services" common
  mkdir -p "$d"; chmod 700 "$d"
  common="KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
INFLUX_URL=http://127.0.0.1:$INFLUX_PORT
INFLUX_ORG=$INFLUX_ORG
INFLUX_BUCKET=$INFLUX_BUCKET"
  umask 077
  # Each service's own Kafka principal (SCRAM, ACLs in infra/kafka/acls.json).
  kafka_creds() { local v="KAFKA_${1^^}_PASSWORD"; printf '%s\n' "KAFKA_SASL_MECHANISM=scram-sha-512" "KAFKA_SASL_USERNAME=$1" "KAFKA_SASL_PASSWORD=${!v}"; }
  # No MQTT_USERNAME: each ingest connection's account is its client id (vitals-ingest-1-0 ..., issue 15).
  printf '%s\n' "# ingest: MQTT accounts vitals-ingest-1-N, one per connection (read telemetry and status)" "MQTT_URL=mqtt://127.0.0.1:$MQTT_PORT" \
    "MQTT_PASSWORD=$MQTT_INGEST_PASSWORD" "MQTT_MAX_PACKET_BYTES=$MQTT_MAX_PACKET_BYTES" "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT" "$(kafka_creds ingest)" > "$d/ingest.env"
  rm -f "$d"/ingest-*.env
  for ((i = 2; i <= MQTT_SHARDS; i++)); do
    local sp="MQTT_SHARD_${i}_PORT"
    printf '%s\n' "# ingest of shard $i: MQTT accounts vitals-ingest-$i-N on mosquitto-$i" "MQTT_URL=mqtt://127.0.0.1:${!sp}" "MQTT_CLIENT_ID=vitals-ingest-$i" \
      "MQTT_PASSWORD=$MQTT_INGEST_PASSWORD" "MQTT_MAX_PACKET_BYTES=$MQTT_MAX_PACKET_BYTES" "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT" "$(kafka_creds ingest)" > "$d/ingest-$i.env"
  done
  printf '%s\n' "# writer: the write-only InfluxDB token" "$common" "INFLUX_TOKEN=${INFLUX_WRITE_TOKEN:-}" "$(kafka_creds writer)" > "$d/writer.env"
  # Alert-worker replica i (1: alerts.env, account 'alerts'; i >= 2: alerts-i.env, account
  # 'alerts-i'): its own MQTT account bound to its client id (issue 17), the one Kafka principal.
  local i user pw
  rm -f "$d"/alerts-*.env
  for ((i = 1; i <= MQTT_ALERTS_REPLICAS; i++)); do
    if (( i == 1 )); then user=alerts pw="$MQTT_ALERTS_PASSWORD"; else user="alerts-$i" pw="MQTT_ALERTS_${i}_PASSWORD"; pw="${!pw}"; fi
    printf '%s\n' "# alerts replica $i: MQTT account '$user' (publishes alerts/v1/#), the write-only InfluxDB token (alert history)" "$common" \
      "MQTT_URL=mqtt://127.0.0.1:$MQTT_PORT" "MQTT_ALERTS_USERNAME=$user" "MQTT_ALERTS_PASSWORD=$pw" "INFLUX_TOKEN=${INFLUX_WRITE_TOKEN:-}" "$(kafka_creds alerts)" \
      > "$d/$user.env"
  done
  printf '%s\n' "# api: the read-only InfluxDB token and the API's bearer tokens" "$common" "INFLUX_TOKEN=${INFLUX_READ_TOKEN:-}" \
    "API_CLINICIAN_TOKEN=$API_CLINICIAN_TOKEN" "API_OPERATOR_TOKEN=$API_OPERATOR_TOKEN" "API_SESSION_SECRET=$API_SESSION_SECRET" \
    "MQTT_URL=mqtt://127.0.0.1:$MQTT_PORT" "MQTT_SHARD_URLS=$(shard_urls)" "MQTT_REGISTRY_USERNAME=registry" "MQTT_REGISTRY_PASSWORD=$MQTT_REGISTRY_PASSWORD" "$(kafka_creds api)" > "$d/api.env"
  chmod 600 "$d"/*.env
}

# ---------------------------------------------------------------- commands
stop_pid() { # name pidfile
  local name="$1" pidf="$2"
  if pid_alive "$pidf"; then
    local pid; pid="$(cat "$pidf")"
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 20 s; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidf"
}

set_version() { # part version: kept per part in $STATE_DIR/versions for `status`
  local f="$STATE_DIR/versions"
  touch "$f"
  { grep -v "^$1=" "$f" || true; echo "$1=$2"; } > "$f.tmp"
  mv "$f.tmp" "$f"
}

has_part() { [[ " $PARTS " == *" $1 "* ]]; }

cmd_up() {
  local t0=$SECONDS i
  load_ports; load_secrets
  # Installs first (the slow part on a fresh machine), then starts.
  has_part mosquitto && mosquitto_install
  has_part kafka && kafka_install
  has_part influxdb && influx_install
  has_part mosquitto && mosquitto_up
  for ((i = 2; i <= MQTT_SHARDS; i++)); do has_part "mosquitto-$i" && shard_up "$i"; done
  has_part kafka && kafka_up && kafka_access
  has_part influxdb && influx_up && influx_tokens
  write_env
  has_part mosquitto && set_version mosquitto "$(mosquitto_version)"
  has_part kafka && set_version kafka "$(kafka_version)"
  has_part influxdb && set_version influxdb "$(influx_version)"
  log "stack up in $((SECONDS - t0)) s; endpoints in $STATE_DIR/env"
  cmd_status
}

cmd_down() {
  has_part influxdb && stop_pid influxdb "$STATE_DIR/run/influxd.pid"
  has_part kafka && stop_pid kafka "$STATE_DIR/run/kafka.pid"
  has_part mosquitto && stop_pid mosquitto "$STATE_DIR/run/mosquitto.pid"
  # Every shard this stack started (whatever MQTT_SHARDS is now) when no parts were named.
  local f
  for f in "$STATE_DIR"/shard-*/run/mosquitto.pid; do
    [[ -f "$f" ]] || continue
    local part="mosquitto-${f#"$STATE_DIR/shard-"}"; part="${part%%/*}"
    if [[ "$PARTS_DEFAULT" == 1 ]] || has_part "$part"; then stop_pid "$part" "$f"; fi
  done
  return 0
}

cmd_status() {
  load_ports
  local part pidf state version port
  printf '%-12s %-8s %-10s %-16s %s\n' PART STATE VERSION ENDPOINT PID
  for part in mosquitto kafka influxdb; do
    case "$part" in
      mosquitto) pidf="$STATE_DIR/run/mosquitto.pid"; port="$MQTT_PORT"; version="$(sed -n 's/^mosquitto=//p' "$STATE_DIR/versions" 2>/dev/null)";;
      kafka) pidf="$STATE_DIR/run/kafka.pid"; port="$KAFKA_PORT"; version="$(sed -n 's/^kafka=//p' "$STATE_DIR/versions" 2>/dev/null)";;
      influxdb) pidf="$STATE_DIR/run/influxd.pid"; port="$INFLUX_PORT"; version="$(sed -n 's/^influxdb=//p' "$STATE_DIR/versions" 2>/dev/null)";;
    esac
    if pid_alive "$pidf"; then state=running; else state=stopped; fi
    printf '%-12s %-8s %-10s %-16s %s\n' "$part" "$state" "${version:-?}" "127.0.0.1:$port" "$( [[ $state == running ]] && cat "$pidf" || echo -)"
  done
  local i pv
  for ((i = 2; i <= MQTT_SHARDS; i++)); do
    pidf="$(shard_dir "$i")/run/mosquitto.pid"; pv="MQTT_SHARD_${i}_PORT"
    if pid_alive "$pidf"; then state=running; else state=stopped; fi
    printf '%-12s %-8s %-10s %-16s %s\n' "mosquitto-$i" "$state" "$(sed -n 's/^mosquitto=//p' "$STATE_DIR/versions" 2>/dev/null)" "127.0.0.1:${!pv:-?}" "$( [[ $state == running ]] && cat "$pidf" || echo -)"
  done
}

# Optional part names after the command limit it, e.g. `stack.sh restart kafka`.
CMD="${1:-}"; shift || true
PARTS="${*:-mosquitto kafka influxdb}"
PARTS_DEFAULT=0; [[ $# -eq 0 ]] && PARTS_DEFAULT=1
for ((i = 2; i <= MQTT_SHARDS; i++)); do [[ "$PARTS_DEFAULT" == 1 ]] && PARTS="$PARTS mosquitto-$i"; done
case "$CMD" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  restart) cmd_down; cmd_up ;;
  env) cat "$STATE_DIR/env" ;;
  provision) # provision N: (re)write the device pool dev-00001..N and reload Mosquitto
    # dynsec reads its file at start only (SIGHUP does not reload it), and the broker rewrites
    # it on every change: so stop, complete the file, start (sessions persist on disk).
    DEVICE_POOL="${1:?usage: stack.sh provision N}"; load_ports; load_secrets
    was_up=0; pid_alive "$STATE_DIR/run/mosquitto.pid" && was_up=1
    stop_pid mosquitto "$STATE_DIR/run/mosquitto.pid"
    mosquitto_users
    echo "$DEVICE_POOL" > "$STATE_DIR/device-pool"
    (( was_up )) && mosquitto_up
    write_env; log "provisioned $DEVICE_POOL devices" ;;
  *) echo "usage: npm run stack -- up|down|status|restart|env [mosquitto|kafka|influxdb ...]" >&2; exit 2 ;;
esac
