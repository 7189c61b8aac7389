#!/bin/sh
# Starts Mosquitto in a container with the local stack's own config and ACL:
#   /vitals/mosquitto  = infra/mosquitto (mosquitto.conf.template, acl), mounted read-only
#   /vitals/auth       = the init job's output: passwd.plain (user:password lines)
# The template is rendered as infra/local/stack.sh renders it, except: listen on all interfaces
# of the container network (compose publishes the port on 127.0.0.1 only), log to stdout, and
# no TLS listener (the compose stack has no certificates; see README "Docker").
# POSIX sh: runs in this repo's image and in the official eclipse-mosquitto (Alpine) image.
set -eu
SRC=/vitals/mosquitto
AUTH=/vitals/auth
STATE=/mosquitto/state
mkdir -p "$STATE/mosquitto/data"
sed -e '/^listener @TLS_PORT@ /,/^tls_version /d' \
    -e 's#@STATE_DIR@#'"$STATE"'#g' -e 's#@PORT@#1883#g' -e 's#@USER@#mosquitto#g' \
    -e 's#^listener 1883 127\.0\.0\.1$#listener 1883#' \
    -e "s#@MAX_PACKET@#${MQTT_MAX_PACKET_BYTES:-1048576}#g" -e "s#@AUTOSAVE_CHANGES@#${MQTT_AUTOSAVE_CHANGES:-1}#g" \
    -e 's#^log_dest file .*#log_dest stdout#' -e '/^pid_file /d' \
    "$SRC/mosquitto.conf.template" > "$STATE/mosquitto/mosquitto.conf"
# A placeholder the template gained and this script does not know must fail, not slip through.
if grep -q '@[A-Z_]*@' "$STATE/mosquitto/mosquitto.conf"; then
  echo "mosquitto: unrendered placeholder(s) in the config: $(grep -o '@[A-Z_]*@' "$STATE/mosquitto/mosquitto.conf" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
cp "$SRC/acl" "$STATE/mosquitto/acl"
# Hash the plain passwords once, then remove them from the shared volume.
if [ -f "$AUTH/passwd.plain" ]; then
  cp "$AUTH/passwd.plain" "$STATE/mosquitto/passwd"
  chmod 600 "$STATE/mosquitto/passwd"
  mosquitto_passwd -U "$STATE/mosquitto/passwd"
  rm -f "$AUTH/passwd.plain" 2>/dev/null || true
fi
if [ ! -s "$STATE/mosquitto/passwd" ]; then
  echo "mosquitto: no users: $AUTH/passwd.plain is missing (the init job writes it; see docker-compose.yml)" >&2
  exit 1
fi
chown -R mosquitto:mosquitto "$STATE/mosquitto"
chmod 600 "$STATE/mosquitto/passwd" "$STATE/mosquitto/acl"
exec mosquitto -c "$STATE/mosquitto/mosquitto.conf"
