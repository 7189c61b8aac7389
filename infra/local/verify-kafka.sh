#!/usr/bin/env bash
# End-to-end smoke test of a Kafka lib dir produced by install-kafka.sh:
# format KRaft storage in a temp dir, start a single combined-mode node,
# create topics, produce/consume, run the perf tools, stop with SIGTERM.
#
#   infra/local/verify-kafka.sh "$(infra/local/install-kafka.sh)"
#
# Env: KAFKA_PORT / KAFKA_CONTROLLER_PORT (default: first free from 19092/19093)
#      KAFKA_HEAP_OPTS   (default "-Xms256m -Xmx512m")
#      KAFKA_VERIFY_RECORDS (ProducerPerformance record count, default 200000)
#      KAFKA_VERIFY_KEEP=1 keep the temp dir (data + logs) afterwards
#      KAFKA_START_TIMEOUT seconds to wait for "Kafka Server started" (90)
# stdout: a short report; stderr: progress. Exit 0 only if every step passed.
set -euo pipefail

LIB="${1:-}"
[[ -n "$LIB" && -d "$LIB" ]] || { echo "usage: $0 <kafka lib dir from install-kafka.sh>" >&2; exit 2; }
LIB="$(cd "$LIB" && pwd)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONF_DIR="$(cd "$HERE/../kafka" && pwd)"
TEMPLATE="$CONF_DIR/server.properties.template"
LOG4J="$CONF_DIR/log4j2.properties"
[[ -f "$TEMPLATE" && -f "$LOG4J" ]] || { echo "verify: missing $TEMPLATE or $LOG4J" >&2; exit 2; }

log()  { printf 'verify: %s\n' "$*" >&2; }
die()  { printf 'verify: FAILED: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { local p=$1; while ! port_free "$p"; do p=$((p + 2)); done; echo "$p"; }
PORT="${KAFKA_PORT:-$(pick_port 19092)}"
CPORT="${KAFKA_CONTROLLER_PORT:-$(pick_port 19093)}"
[[ "$PORT" != "$CPORT" ]] || CPORT=$(pick_port $((CPORT + 1)))

WORK="$(mktemp -d "${TMPDIR:-/tmp}/kafka-verify.XXXXXX")"
DATA="$WORK/data"; LOGS="$WORK/logs"; mkdir -p "$DATA" "$LOGS"
BROKER_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2>/dev/null; then
    log "cleanup: broker $BROKER_PID still running, SIGKILL"; kill -9 "$BROKER_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 ]]; then
    log "last broker log lines ($LOGS/server.log):"
    tail -n 30 "$LOGS/server.log" 2>/dev/null | sed 's/^/verify:   | /' >&2 || true
    tail -n 10 "$LOGS/broker.stdout" 2>/dev/null | sed 's/^/verify:   out| /' >&2 || true
  fi
  if [[ "${KAFKA_VERIFY_KEEP:-0}" == 1 || $rc -ne 0 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT

sed -e "s#@DATA_DIR@#$DATA#g" -e "s#@PORT@#$PORT#g" -e "s#@CONTROLLER_PORT@#$CPORT#g" \
    "$TEMPLATE" > "$WORK/server.properties"
! grep -q '@[A-Z_]*@' "$WORK/server.properties" || die "unsubstituted placeholder in server.properties"

BOOT="127.0.0.1:$PORT"
# CLI tools: small heap, WARN to logs/tools.log, errors to stderr.
TOOL_JVM=(-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
          -Dlog4j2.configurationFile="$LOG4J" -Dkafka.logs.dir="$LOGS"
          -Dkafka.log.name=tools -Dkafka.root.loglevel=WARN -cp "$LIB/*")
tool() { java "${TOOL_JVM[@]}" "$@" </dev/null; }

# -------- format
CLUSTER_ID="$(tool kafka.tools.StorageTool random-uuid)"
log "cluster id $CLUSTER_ID, ports client=$PORT controller=$CPORT, work=$WORK"
tool kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$WORK/server.properties" >&2 \
  || die "storage format"

# -------- start
read -r -a HEAP <<< "${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
BROKER_CMD=(java "${HEAP[@]}"
  -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$LOG4J" -Dkafka.logs.dir="$LOGS"
  -cp "$LIB/*" kafka.Kafka "$WORK/server.properties")
log "starting: ${BROKER_CMD[*]}"
t0=$(now_ms)
"${BROKER_CMD[@]}" </dev/null >"$LOGS/broker.stdout" 2>&1 &
BROKER_PID=$!
deadline=$(( SECONDS + ${KAFKA_START_TIMEOUT:-90} ))
until grep -q 'Kafka Server started' "$LOGS/server.log" 2>/dev/null; do
  kill -0 "$BROKER_PID" 2>/dev/null || die "broker exited before 'Kafka Server started'"
  (( SECONDS < deadline )) || die "no 'Kafka Server started' within ${KAFKA_START_TIMEOUT:-90}s"
  sleep 0.1
done
START_MS=$(( $(now_ms) - t0 ))
STARTED_LINE="$(grep -m1 'Kafka Server started' "$LOGS/server.log")"
log "started in ${START_MS} ms: $STARTED_LINE"

# -------- topics
tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOT" --create \
     --topic verify-msg --partitions 1 --replication-factor 1 >&2 || die "create topic verify-msg"
tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOT" --create \
     --topic verify-perf --replication-factor 1 >&2 || die "create topic verify-perf"   # num.partitions=3
DESCRIBE="$(tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOT" --describe --topic verify-perf)" \
  || die "describe topic"
printf '%s\n' "$DESCRIBE" >&2
grep -q 'PartitionCount: 3' <<<"$DESCRIBE" || die "verify-perf should have num.partitions=3"

# auto.create.topics.enable=false must hold: producing to an unknown topic fails.
if printf 'x\n' | java "${TOOL_JVM[@]}" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOT" \
     --topic verify-nonexistent --producer-property max.block.ms=3000 >/dev/null 2>&1; then
  TOPICS_NOW="$(tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOT" --list)"
  ! grep -qx 'verify-nonexistent' <<<"$TOPICS_NOW" || die "topic was auto-created despite auto.create.topics.enable=false"
fi
log "auto-create disabled: confirmed"

# -------- console produce / consume round trip
MSG="hello-from-verify-$$-$(date +%s)"
printf '%s\n' "$MSG" | java "${TOOL_JVM[@]}" org.apache.kafka.tools.ConsoleProducer \
  --bootstrap-server "$BOOT" --topic verify-msg --producer-property acks=all >&2 || die "console produce"
GOT="$(tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOT" \
        --topic verify-msg --from-beginning --max-messages 1 --timeout-ms 30000 \
        --group verify-console 2>>"$LOGS/consumer.stderr")" || die "console consume"
[[ "$GOT" == "$MSG" ]] || die "consumed '$GOT', expected '$MSG'"
log "console round trip ok: $GOT"

# -------- perf
N="${KAFKA_VERIFY_RECORDS:-200000}"
PPERF="$(tool org.apache.kafka.tools.ProducerPerformance --topic verify-perf --num-records "$N" \
          --record-size 100 --throughput -1 \
          --producer-props bootstrap.servers="$BOOT" acks=all linger.ms=5 batch.size=65536 | tail -n 1)" \
  || die "ProducerPerformance"
log "producer perf: $PPERF"
CPERF="$(tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOT" --topic verify-perf \
          --messages "$N" --timeout 30000 --group verify-perf | tail -n 2 | paste -sd"|" -)" || die "ConsumerPerformance"
log "consumer perf: $CPERF"
OFFSETS="$(tool org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$BOOT" --topic verify-perf)" \
  || die "GetOffsetShell"
TOTAL=$(awk -F: '{s+=$3} END{print s+0}' <<<"$OFFSETS")
[[ "$TOTAL" -eq "$N" ]] || die "verify-perf holds $TOTAL records, expected $N"

RSS_KB=$(awk '/^VmRSS:/{print $2}' "/proc/$BROKER_PID/status" 2>/dev/null || echo 0)

# -------- stop
log "SIGTERM broker $BROKER_PID"
t1=$(now_ms)
kill -TERM "$BROKER_PID"
deadline=$(( SECONDS + 60 ))
while kill -0 "$BROKER_PID" 2>/dev/null; do
  (( SECONDS < deadline )) || die "broker still running 60s after SIGTERM"
  sleep 0.1
done
set +e; wait "$BROKER_PID"; EXIT_RC=$?; set -e
BROKER_PID=""
STOP_MS=$(( $(now_ms) - t1 ))
SHUT_LINE="$(grep -E 'Kafka Server stopped|shut down completed' "$LOGS/server.log" | tail -n 1 || true)"
[[ -n "$SHUT_LINE" ]] || die "no clean-shutdown line in server.log"

cat <<REPORT
kafka verify: OK
  lib:            $LIB ($(ls "$LIB"/*.jar | wc -l) jars, $(du -sh "$LIB" | cut -f1))
  broker cmd:     ${BROKER_CMD[*]}
  started line:   $STARTED_LINE
  start time:     ${START_MS} ms (launch -> 'Kafka Server started')
  broker RSS:     $((RSS_KB / 1024)) MiB (after perf run)
  topics:         verify-msg (1 partition), verify-perf (3 partitions, num.partitions default)
  console:        round trip '$MSG' ok
  producer perf:  $PPERF
  consumer perf:  $CPERF
  records stored: $TOTAL
  stop:           SIGTERM -> exited in ${STOP_MS} ms, exit status $EXIT_RC
  shutdown line:  $SHUT_LINE
REPORT
