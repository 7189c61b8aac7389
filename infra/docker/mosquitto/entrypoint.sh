#!/bin/sh
# Starts Mosquitto in a container with the local stack's own config and dynamic-security accounts:
#   /vitals/mosquitto  = infra/mosquitto (mosquitto.conf.template), mounted read-only
#   /vitals/auth       = the init job's output: dynamic-security.json (infra/local/dynsec-config.mjs)
#   /mosquitto/state/mosquitto = the broker's volume: persistence data and the live dynsec file,
#                        which the broker rewrites at runtime (API registry: register, rotate, revoke)
# The template is rendered as infra/local/stack.sh renders it, except: listen on all interfaces
# of the container network (compose publishes the port on 127.0.0.1 only), log to stdout, and
# no TLS listener (the compose stack has no certificates; see README "Docker").
# POSIX sh: runs in this repo's image and in the official eclipse-mosquitto (Alpine) image.
set -eu
SRC=/vitals/mosquitto
AUTH=/vitals/auth
STATE=/mosquitto/state
mkdir -p "$STATE/mosquitto/data"
# The dynamic-security plugin where the image's package puts it (Debian: /usr/lib/<arch>/, Alpine: /usr/lib/).
PLUGIN=
for p in /usr/lib/*/mosquitto_dynamic_security.so /usr/lib/mosquitto_dynamic_security.so /usr/local/lib/mosquitto_dynamic_security.so; do
  if [ -f "$p" ]; then PLUGIN="$p"; break; fi
done
if [ -z "$PLUGIN" ]; then echo "mosquitto: mosquitto_dynamic_security.so not found in the image" >&2; exit 1; fi
sed -e '/^listener @TLS_PORT@ /,/^tls_version /d' \
    -e 's#@STATE_DIR@#'"$STATE"'#g' -e 's#@PORT@#1883#g' -e 's#@USER@#mosquitto#g' \
    -e 's#^listener 1883 127\.0\.0\.1$#listener 1883#' \
    -e "s#@MAX_PACKET@#${MQTT_MAX_PACKET_BYTES:-1048576}#g" -e "s#@AUTOSAVE_CHANGES@#${MQTT_AUTOSAVE_CHANGES:-1}#g" \
    -e "s#@DYNSEC_PLUGIN@#$PLUGIN#g" \
    -e 's#^log_dest file .*#log_dest stdout#' -e '/^pid_file /d' \
    "$SRC/mosquitto.conf.template" > "$STATE/mosquitto/mosquitto.conf"
# A placeholder the template gained and this script does not know must fail, not slip through.
if grep -q '@[A-Z_]*@' "$STATE/mosquitto/mosquitto.conf"; then
  echo "mosquitto: unrendered placeholder(s) in the config: $(grep -o '@[A-Z_]*@' "$STATE/mosquitto/mosquitto.conf" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
# Accounts: the live dynsec file is the broker's registry (devices registered, rotated or revoked
# at runtime) and stands once it exists; the init job's file seeds it on the volume's first start.
LIVE="$STATE/mosquitto/dynamic-security.json"
if [ ! -s "$LIVE" ]; then
  if [ ! -s "$AUTH/dynamic-security.json" ]; then
    echo "mosquitto: no accounts: $AUTH/dynamic-security.json is missing (the init job writes it; see docker-compose.yml)" >&2
    exit 1
  fi
  cp "$AUTH/dynamic-security.json" "$LIVE"
fi
chown -R mosquitto:mosquitto "$STATE/mosquitto"
chmod 600 "$LIVE"
exec mosquitto -c "$STATE/mosquitto/mosquitto.conf"
