#!/usr/bin/env bash
# The Docker path: engine, images, `docker compose`, and its CI test.
#   npm run docker -- up [--demo] | down | build | test | status | env | engine-stop
#   (`env` writes .env and shows it with every secret's value hidden)
#
#   up     engine (installed and started where missing), images, .env, `docker compose up -d --wait`
#   down   `docker compose down -v` (containers, networks, volumes); stops a daemon this script started
#   build  engine + images only (cached: a warm build takes seconds)
#   test   build, compose up with the demo fleet, check readings in InfluxDB and an alert on the
#          alerts topic, the smoke, pipeline, alerts and api integration tests through
#          testcontainers, then tear everything down
#
# Docker Hub is not reachable on the build machines, so every image is built here FROM a Debian
# base made with debootstrap, with the same install scripts as the local stack (infra/local/).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${VITALS_DOCKER_DIR:-$REPO/.docker-state}"
CACHE_DIR="${VITALS_CACHE_DIR:-$HOME/.cache/vitals-stack}"
export VITALS_CACHE_DIR="$CACHE_DIR"
ENV_FILE="$REPO/.env"
BASE_IMAGE="vitals-base:bookworm"
# Images are tagged with the versions of what they run (the local stack's versions).
KAFKA_VERSION="$(sed -n 's/^KAFKA_VERSION="\${KAFKA_VERSION:-\(.*\)}"$/\1/p' "$REPO/infra/local/install-kafka.sh")"
INFLUXDB_VERSION="$(sed -n 's/^INFLUXDB_VERSION="\${INFLUXDB_VERSION:-v\(.*\)}"$/\1/p' "$REPO/infra/local/install-influxdb.sh")"
NODE_VERSION="$(node -p 'process.versions.node')"
PIPELINE_VERSION="$(node -p 'require(process.argv[1]).version' "$REPO/package.json")"

log() { printf '[docker] %s\n' "$*" >&2; }
die() { printf 'docker: %s\n' "$*" >&2; exit 1; }
mkdir -p "$STATE_DIR"/{logs,run}

wait_for() { # timeout_s command...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do (( SECONDS < deadline )) || return 1; sleep 0.5; done
}

# ---------------------------------------------------------------- engine
DOCKERD_PID="$STATE_DIR/run/dockerd.pid"
engine_up() {
  if docker info >/dev/null 2>&1; then return; fi
  [[ "$(id -u)" == 0 ]] || die "no Docker engine answers on this host and this is not root: install and start one (sudo apt-get install -y docker.io && sudo dockerd &), or run this as root"
  if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
    log "installing docker.io and debootstrap from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap) \
      > "$STATE_DIR/logs/apt.log" 2>&1 || die "apt-get install docker.io debootstrap failed (see $STATE_DIR/logs/apt.log)"
  fi
  log "starting dockerd (log: $STATE_DIR/logs/dockerd.log)"
  setsid nohup dockerd --storage-driver overlay2 > "$STATE_DIR/logs/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$DOCKERD_PID"
  wait_for 60 docker info || die "dockerd did not answer within 60 s (see $STATE_DIR/logs/dockerd.log)"
}

engine_stop() { # only a daemon this script started
  [[ -f "$DOCKERD_PID" ]] || return 0
  local pid; pid="$(cat "$DOCKERD_PID")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping dockerd (pid $pid), which this script started"
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then log "dockerd did not stop in 30 s; killing"; kill -KILL "$pid" || true; fi
  fi
  rm -f "$DOCKERD_PID"
}

compose_plugin() {
  if docker compose version >/dev/null 2>&1; then return; fi
  local bin
  bin="$(bash "$REPO/infra/docker/install-compose.sh")" || die "could not build the Compose v2 plugin (see above)"
  mkdir -p "$HOME/.docker/cli-plugins"
  install -m 755 "$bin" "$HOME/.docker/cli-plugins/docker-compose"
  docker compose version >/dev/null || die "docker compose does not run after installing $HOME/.docker/cli-plugins/docker-compose"
}

# ---------------------------------------------------------------- images
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

debian_mirror() { # the first Debian mirror apt on this host uses
  local m
  m="$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v security | grep -oE 'https?://[^ ]*/debian/?' | head -1)"
  echo "${m:-http://deb.debian.org/debian}"
}

build_base() {
  have_image "$BASE_IMAGE" && return
  local mirror root t0=$SECONDS
  mirror="$(debian_mirror)"
  root="$(mktemp -d /var/tmp/vitals-base.XXXXXX)"
  log "building $BASE_IMAGE with debootstrap (minbase, bookworm, $mirror)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" > "$STATE_DIR/logs/debootstrap.log" 2>&1 \
    || { rm -rf "$root"; die "debootstrap failed (see $STATE_DIR/logs/debootstrap.log)"; }
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s-security bookworm-security main\n' \
    "$mirror" "$mirror" "${mirror%/}" > "$root/etc/apt/sources.list"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$root/etc/apt/apt.conf.d/90vitals"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" > /dev/null
  rm -rf "$root"
  log "built $BASE_IMAGE in $((SECONDS - t0)) s"
}

# docker build with its output in a log; the last lines are shown on failure.
dbuild() { # tag context [dockerfile] [build args...]
  local tag="$1" ctx="$2" file="${3:-$2/Dockerfile}"; shift 3 || shift $#
  local logf="$STATE_DIR/logs/build-${tag//[:\/]/_}.log" t0=$SECONDS
  if ! DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE_IMAGE=$BASE_IMAGE" "$@" -f "$file" -t "$tag" "$ctx" > "$logf" 2>&1; then
    tail -n 30 "$logf" >&2
    die "building $tag failed (full log: $logf)"
  fi
  [[ "$ctx" == "$STATE_DIR/context/"* ]] && rm -rf "$ctx"
  log "image $tag ready ($((SECONDS - t0)) s)"
}

# A build context holding exactly the files an image needs (cached artefacts are hard-linked
# or copied, so the context is the same from run to run and the layer cache hits).
context() { local d="$STATE_DIR/context/$1"; rm -rf "$d"; mkdir -p "$d"; echo "$d"; }

build_node() {
  local tag="vitals-node:$NODE_VERSION" ctx node npm_dir
  have_image "$tag" && return
  ctx="$(context node)"
  node="$(command -v node)"
  npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
  cp "$(readlink -f "$node")" "$ctx/node"
  cp -r "$npm_dir" "$ctx/npm"
  cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca-certificates.crt"
  cp "$REPO/infra/docker/node/Dockerfile" "$ctx/Dockerfile"
  dbuild "$tag" "$ctx"
}

build_mosquitto() {
  local ctx version
  ctx="$(context mosquitto)"
  cp "$REPO/infra/docker/mosquitto/Dockerfile" "$REPO/infra/docker/mosquitto/entrypoint.sh" "$ctx/"
  dbuild vitals-mosquitto:build "$ctx"
  version="$( (docker run --rm --entrypoint mosquitto vitals-mosquitto:build -h 2>/dev/null || true) | awk 'NR == 1 {print $3}')"
  [[ -n "$version" ]] || die "could not read the Mosquitto version of vitals-mosquitto:build"
  docker tag vitals-mosquitto:build "vitals-mosquitto:$version"
  MOSQUITTO_IMAGE="vitals-mosquitto:$version"
}

build_kafka() {
  local ctx lib
  lib="$(bash "$REPO/infra/local/install-kafka.sh")" || die "kafka: install-kafka.sh failed (see above)"
  ctx="$(context kafka)"
  cp -al "$lib" "$ctx/lib" 2>/dev/null || cp -r "$lib" "$ctx/lib"
  cp "$REPO/infra/kafka/server.properties.template" "$REPO/infra/kafka/security.properties.template" "$REPO/infra/kafka/log4j2.properties" \
    "$REPO/infra/docker/kafka/Dockerfile" "$REPO/infra/docker/kafka/entrypoint.sh" "$ctx/"
  # The compose kafka-init job's SCRAM users (the local stack's ScramUsers.java), compiled here:
  # the image has a JRE only. Class files are stamped with the source's time for the layer cache.
  command -v javac >/dev/null || die "kafka: javac not found (the local stack's JDK: apt-get install openjdk-17-jdk-headless)"
  mkdir -p "$ctx/tools"
  javac --release 17 -nowarn -cp "$lib/*" -d "$ctx/tools" "$REPO/infra/kafka/ScramUsers.java" || die "kafka: could not compile infra/kafka/ScramUsers.java"
  touch -r "$REPO/infra/kafka/ScramUsers.java" "$ctx/tools/"*.class
  dbuild "vitals-kafka:$KAFKA_VERSION" "$ctx"
}

build_influxdb() {
  local ctx bin
  bin="$(bash "$REPO/infra/local/install-influxdb.sh")" || die "influxdb: install-influxdb.sh failed (see above)"
  ctx="$(context influxdb)"
  cp -l "$bin" "$ctx/influxd" 2>/dev/null || cp "$bin" "$ctx/influxd"
  cp "$REPO/infra/docker/influxdb/Dockerfile" "$ctx/"
  dbuild "vitals-influxdb:$INFLUXDB_VERSION" "$ctx"
}

build_pipeline() {
  dbuild "vitals-pipeline:$PIPELINE_VERSION" "$REPO" "$REPO/Dockerfile" --build-arg "NODE_IMAGE=vitals-node:$NODE_VERSION"
}

cmd_build() {
  local t0=$SECONDS
  engine_up
  compose_plugin
  build_base
  build_node
  build_mosquitto
  build_kafka
  build_influxdb
  build_pipeline
  log "images built in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------- compose
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
rand() { node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))'; }

# .env next to docker-compose.yml: secrets (made once, mode 600, git-ignored) and image tags.
write_env() {
  local secrets="$STATE_DIR/secrets"
  if [[ ! -f "$secrets" ]]; then
    (umask 077; {
      for k in MQTT_ADMIN_PASSWORD MQTT_INGEST_PASSWORD MQTT_ALERTS_PASSWORD MQTT_CLINICIAN_PASSWORD MQTT_TELEGRAF_PASSWORD MQTT_REGISTRY_PASSWORD MQTT_DEVICE_SECRET INFLUX_ADMIN_PASSWORD API_CLINICIAN_TOKEN API_OPERATOR_TOKEN; do
        echo "$k=$(rand)"
      done
      echo "INFLUX_ADMIN_TOKEN=$(rand)$(rand)"
    } > "$secrets")
  fi
  # The API's registry account (issue 15) came after the first secrets files.
  grep -q '^MQTT_REGISTRY_PASSWORD=' "$secrets" || (umask 077; echo "MQTT_REGISTRY_PASSWORD=$(rand)" >> "$secrets")
  # The second alert worker's own MQTT account (issue 17: compose runs alerts and alerts-2).
  grep -q '^MQTT_ALERTS_2_PASSWORD=' "$secrets" || (umask 077; echo "MQTT_ALERTS_2_PASSWORD=$(rand)" >> "$secrets")
  # The HMAC key of people's session tokens (issue 15).
  grep -q '^API_SESSION_SECRET=' "$secrets" || (umask 077; echo "API_SESSION_SECRET=$(rand)$(rand)" >> "$secrets")
  # Kafka SCRAM principals (issue 16, as the local stack): admin (the init jobs and operators
  # only) and one per service named in infra/kafka/acls.json; compose gives each service its own.
  local p
  for p in admin $(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).principals.join(" "))' "$REPO/infra/kafka/acls.json"); do
    grep -q "^KAFKA_${p^^}_PASSWORD=" "$secrets" || (umask 077; echo "KAFKA_${p^^}_PASSWORD=$(rand)" >> "$secrets")
  done
  (umask 077; {
    echo "# Written by scripts/docker.sh from $secrets; read by docker compose. Never commit."
    cat "$secrets"
    echo "VITALS_MOSQUITTO_IMAGE=${MOSQUITTO_IMAGE:-$(docker images --format '{{.Repository}}:{{.Tag}}' vitals-mosquitto | grep -v ':build$' | head -1)}"
    echo "VITALS_KAFKA_IMAGE=vitals-kafka:$KAFKA_VERSION"
    echo "VITALS_INFLUXDB_IMAGE=vitals-influxdb:$INFLUXDB_VERSION"
    echo "VITALS_PIPELINE_IMAGE=vitals-pipeline:$PIPELINE_VERSION"
    # Host ports (bound to 127.0.0.1 only).
    echo "API_HOST_PORT=${API_HOST_PORT:-8080}"
    echo "MQTT_HOST_PORT=${MQTT_HOST_PORT:-1883}"
    echo "KAFKA_HOST_PORT=${KAFKA_HOST_PORT:-9094}"
    echo "INFLUX_HOST_PORT=${INFLUX_HOST_PORT:-8086}"
  } > "$ENV_FILE.tmp")
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

# VITALS_IMAGES=hub: the official images (docker-compose.hub.yml) instead of the local builds.
compose() {
  local files=(-f "$REPO/docker-compose.yml")
  [[ "${VITALS_IMAGES:-local}" == hub ]] && files+=(-f "$REPO/docker-compose.hub.yml")
  docker compose --project-directory "$REPO" "${files[@]}" "$@"
}

# The services with a healthcheck first (--wait), then the demo fleet, which serves no /healthz.
compose_up() {
  log "docker compose up $*"
  compose up -d --wait --wait-timeout 240 \
    || { compose ps -a >&2; compose logs --tail 60 >&2; die "docker compose up failed (logs above)"; }
  if [[ "${1:-}" == --profile ]]; then
    compose "$@" up -d || { compose "$@" logs --tail 60 >&2; die "docker compose up $* failed (logs above)"; }
  fi
}

cmd_up() {
  local t0=$SECONDS profile=()
  [[ "${1:-}" == "--demo" ]] && profile=(--profile demo)
  if [[ "${VITALS_IMAGES:-local}" == hub ]]; then
    engine_up; compose_plugin; write_env
    compose build || die "docker compose build (pipeline image on node:20-bookworm-slim) failed"
  else
    cmd_build
  fi
  write_env
  compose_up "${profile[@]}"
  log "pipeline up in $((SECONDS - t0)) s: dashboard http://127.0.0.1:${API_HOST_PORT:-8080} (sign in with API_CLINICIAN_TOKEN from .env)"
}

cmd_down() {
  if docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    compose --profile demo down -v --remove-orphans --timeout 20 || true
  fi
  [[ "${1:-}" == "--keep-engine" ]] || engine_stop
}

cmd_status() {
  docker info >/dev/null 2>&1 || { echo "engine: not running"; return; }
  docker info --format 'engine {{.ServerVersion}} ({{.Driver}})'
  docker compose version 2>/dev/null || echo "compose: not installed"
  docker images --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep '^vitals-' || true
  compose --profile demo ps 2>/dev/null || true
}

# ---------------------------------------------------------------- test
cmd_test() {
  local t0=$SECONDS started_engine=0 rc=0
  docker info >/dev/null 2>&1 || started_engine=1
  [[ -f "$DOCKERD_PID" ]] && started_engine=1
  # Whatever happens below, leave nothing behind: containers, networks, volumes, the daemon.
  # shellcheck disable=SC2064
  trap "test_teardown $started_engine" EXIT
  cmd_build
  local tb=$((SECONDS - t0))
  # Ports from the OS: other stacks on this host may hold the defaults.
  API_HOST_PORT="$(free_port)" MQTT_HOST_PORT="$(free_port)" KAFKA_HOST_PORT="$(free_port)" INFLUX_HOST_PORT="$(free_port)" write_env
  log "compose: up with the demo fleet"
  local tu=$SECONDS
  compose_up --profile demo
  log "compose: healthy in $((SECONDS - tu)) s; checking the demo fleet's readings and alerts"
  (cd "$REPO" && VITALS_DOCKER_ENV="$ENV_FILE" node --import tsx --test --test-force-exit --test-timeout=300000 --test-reporter=spec test/docker/compose.test.ts) \
    || { compose --profile demo logs --tail 60 >&2; die "compose test failed (service logs above)"; }
  compose --profile demo down -v --remove-orphans --timeout 20
  log "testcontainers: smoke, pipeline, alerts and api integration tests"
  # The suite's own stack file must not be picked up: point it at a path that does not exist.
  (cd "$REPO" && VITALS_TESTCONTAINERS=1 TESTCONTAINERS_RYUK_DISABLED=true VITALS_STACK_ENV=/nonexistent/vitals-env \
      VITALS_MOSQUITTO_IMAGE="$(sed -n 's/^VITALS_MOSQUITTO_IMAGE=//p' "$ENV_FILE")" \
      VITALS_KAFKA_IMAGE="vitals-kafka:$KAFKA_VERSION" VITALS_INFLUXDB_IMAGE="vitals-influxdb:$INFLUXDB_VERSION" \
      VITALS_PIPELINE_IMAGE="vitals-pipeline:$PIPELINE_VERSION" \
      node --import tsx --test --test-concurrency=1 --test-force-exit --test-timeout=300000 --test-reporter=spec \
      test/integration/smoke.test.ts test/integration/pipeline.test.ts test/integration/alerts.test.ts test/integration/api.test.ts) || rc=$?
  (( rc == 0 )) || die "integration tests through testcontainers failed"
  log "docker test passed in $((SECONDS - t0)) s (images $tb s)"
}

test_teardown() {
  local rc=$? started_engine="$1"
  compose --profile demo down -v --remove-orphans --timeout 20 >/dev/null 2>&1 || true
  # testcontainers' own leftovers (Ryuk is disabled here): everything labelled by it.
  local ids
  ids="$(docker ps -aq --filter label=org.testcontainers=true 2>/dev/null || true)"
  [[ -n "$ids" ]] && docker rm -f -v $ids >/dev/null 2>&1 || true
  ids="$(docker network ls -q --filter label=org.testcontainers=true 2>/dev/null || true)"
  [[ -n "$ids" ]] && docker network rm $ids >/dev/null 2>&1 || true
  ids="$(docker volume ls -q --filter label=org.testcontainers=true 2>/dev/null || true)"
  [[ -n "$ids" ]] && docker volume rm $ids >/dev/null 2>&1 || true
  local left
  left="$(docker ps -aq --filter label=com.docker.compose.project=vitals 2>/dev/null; docker ps -aq --filter label=org.testcontainers=true 2>/dev/null; docker volume ls -q --filter label=com.docker.compose.project=vitals 2>/dev/null)" || true
  if [[ -n "$left" ]]; then log "containers left after teardown: $left"; rc=1; fi
  (( started_engine )) && engine_stop
  exit "$rc"
}

CMD="${1:-}"; shift || true
case "$CMD" in
  up) cmd_up "$@" ;;
  down) cmd_down "$@" ;;
  build) cmd_build ;;
  test) cmd_test ;;
  status) cmd_status ;;
  # Secrets stay in .env (mode 600): shown by name only.
  env) write_env; sed -E 's/^([A-Z0-9_]*(PASSWORD|TOKEN|SECRET)[A-Z0-9_]*)=.*/\1=<secret: see .env>/' "$ENV_FILE" ;;
  engine-stop) engine_stop ;;
  *) echo "usage: npm run docker -- up [--demo] | down [--keep-engine] | build | test | status | env | engine-stop" >&2; exit 2 ;;
esac
