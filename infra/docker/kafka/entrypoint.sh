#!/usr/bin/env bash
# Renders the local stack's broker config (infra/kafka/server.properties.template) for a
# container, formats the storage once, and runs the broker in the foreground.
# Listeners: INTERNAL (kafka:9092, for containers on the network) and EXTERNAL (9094, advertised
# as KAFKA_EXTERNAL_ADDRESS, the host:port clients on the host use; compose publishes it on
# 127.0.0.1). The local stack's SASL and TLS listeners are left out (no certificates here).
set -euo pipefail
conf=/opt/kafka/config/server.properties
lib=/opt/kafka/lib
sed -e 's#@DATA_DIR@#/var/lib/kafka/data#g' -e 's#@PORT@#9092#g' -e 's#@CONTROLLER_PORT@#9093#g' \
    -e 's#@SASL_PORT@#9095#g' -e 's#@SSL_PORT@#9096#g' -e 's#@TLS_DIR@#/nonexistent#g' -e 's#@SASL_PASSWORD@#unused#g' \
    -e "s#@MAX_MESSAGE@#${KAFKA_MAX_MESSAGE_BYTES:-1048588}#g" \
    -e '/^listener\.name\.ssl\./d' -e '/^listener\.name\.sasl_plaintext\./d' \
    /opt/kafka/server.properties.template > "$conf"
# A placeholder the template gained and this script does not know must fail, not slip through.
if grep -q '@[A-Z_]*@' "$conf"; then
  echo "kafka: unrendered placeholder(s) in $conf: $(grep -o '@[A-Z_]*@' "$conf" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
# Later keys win in a Java properties file.
cat >> "$conf" <<PROPS

############################# Container listeners (scripts/docker.sh) #############################
listeners=INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094,CONTROLLER://127.0.0.1:9093
advertised.listeners=INTERNAL://${KAFKA_INTERNAL_HOST:-kafka}:9092,EXTERNAL://${KAFKA_EXTERNAL_ADDRESS:-127.0.0.1:9094}
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT
PROPS
if [[ ! -f /var/lib/kafka/data/meta.properties ]]; then
  id="$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  java -cp "$lib/*" kafka.tools.StorageTool format -t "$id" -c "$conf"
fi
: > /var/log/kafka/server.log
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties -Dkafka.logs.dir=/var/log/kafka \
  -cp "$lib/*" kafka.Kafka "$conf"
