#!/usr/bin/env bash
# Renders the local stack's broker config (infra/kafka/server.properties.template) for a
# container, formats the storage once, and runs the broker in the foreground.
# With KAFKA_ADMIN_PASSWORD (compose): the local stack's access control too
# (infra/kafka/security.properties.template): SASL/SCRAM-SHA-512 on CLIENT (kafka:9092, the
# services) and EXTERNAL (9094, advertised as KAFKA_EXTERNAL_ADDRESS, published on 127.0.0.1),
# SASL/PLAIN `admin` on INTERNAL (kafka:9095: inter-broker, the kafka-init job's SCRAM users)
# and CONTROLLER, the StandardAuthorizer with no access unless an ACL grants it.
# Without it (testcontainers): INTERNAL (kafka:9092) and EXTERNAL (9094), both PLAINTEXT.
# The TLS listener is left out (no certificates here).
set -euo pipefail
umask 077 # the config holds the admin's password
# Compose gives the password as a file (its secrets under /run/secrets), so it is in no
# container's environment (`docker inspect`); KAFKA_ADMIN_PASSWORD itself still works.
if [[ -z "${KAFKA_ADMIN_PASSWORD:-}" && -n "${KAFKA_ADMIN_PASSWORD_FILE:-}" ]]; then
  KAFKA_ADMIN_PASSWORD="$(cat "$KAFKA_ADMIN_PASSWORD_FILE")"
fi
conf=/opt/kafka/config/server.properties
lib=/opt/kafka/lib
# Placeholders are replaced with bash, not sed: the admin's password must not reach argv.
render() { # template -> stdout
  local t; t="$(cat "$1")"
  t="${t//@DATA_DIR@//var/lib/kafka/data}"; t="${t//@PORT@/9092}"; t="${t//@CONTROLLER_PORT@/9093}"
  t="${t//@SASL_PORT@/9095}"; t="${t//@SSL_PORT@/9096}"; t="${t//@TLS_DIR@//nonexistent}"; t="${t//@SASL_PASSWORD@/unused}"
  t="${t//@MAX_MESSAGE@/${KAFKA_MAX_MESSAGE_BYTES:-1048588}}"; t="${t//@ADMIN_PASSWORD@/${KAFKA_ADMIN_PASSWORD:-}}"
  printf '%s\n' "$t" | grep -v -e '^listener\.name\.ssl\.' -e '^listener\.name\.sasl_plaintext\.' -e '^listener\.name\.tls\.'
}
render /opt/kafka/server.properties.template > "$conf"
if [[ -n "${KAFKA_ADMIN_PASSWORD:-}" ]]; then
  render /opt/kafka/security.properties.template >> "$conf"
fi
# A placeholder the template gained and this script does not know must fail, not slip through.
if grep -q '@[A-Z_]*@' "$conf"; then
  echo "kafka: unrendered placeholder(s) in $conf: $(grep -o '@[A-Z_]*@' "$conf" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
# Later keys win in a Java properties file.
if [[ -n "${KAFKA_ADMIN_PASSWORD:-}" ]]; then
  cat >> "$conf" <<PROPS

############################# Container listeners (scripts/docker.sh, SASL) #############################
listeners=CLIENT://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094,INTERNAL://0.0.0.0:9095,CONTROLLER://127.0.0.1:9093
advertised.listeners=CLIENT://${KAFKA_INTERNAL_HOST:-kafka}:9092,EXTERNAL://${KAFKA_EXTERNAL_ADDRESS:-127.0.0.1:9094},INTERNAL://${KAFKA_INTERNAL_HOST:-kafka}:9095
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT
listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
PROPS
else
  cat >> "$conf" <<PROPS

############################# Container listeners (scripts/docker.sh, PLAINTEXT) #############################
listeners=INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094,CONTROLLER://127.0.0.1:9093
advertised.listeners=INTERNAL://${KAFKA_INTERNAL_HOST:-kafka}:9092,EXTERNAL://${KAFKA_EXTERNAL_ADDRESS:-127.0.0.1:9094}
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT
PROPS
fi
if [[ ! -f /var/lib/kafka/data/meta.properties ]]; then
  id="$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  java -cp "$lib/*" kafka.tools.StorageTool format -t "$id" -c "$conf"
fi
: > /var/log/kafka/server.log
# The broker needs no other secret: keep the admin's password out of its environment.
unset KAFKA_ADMIN_PASSWORD
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties -Dkafka.logs.dir=/var/log/kafka \
  -cp "$lib/*" kafka.Kafka "$conf"
