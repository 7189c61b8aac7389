// The ingest's MQTT connection behaviour against a busy broker (issue 17): the keepalive rule
// and a bounded graceful close.
import type { MqttClient } from 'mqtt';

/** How long the graceful MQTT close (DISCONNECT, then the socket's close) may take at stop (ms). */
const MQTT_CLOSE_MS = 2_000;

/**
 * Sends DISCONNECT and closes the socket, bounded. MQTT.js's graceful end resolves when the
 * socket closes, which needs the broker's FIN to be read; once the ingest stops taking
 * messages, the deliveries already in the socket are never read, so against a broker still
 * delivering the end never resolved (issue 17: "drain timed out; exiting", exit 1, in every
 * bench run). After the bound the socket is dropped: nothing is lost, what was not
 * acknowledged is redelivered to the persistent session.
 */
export async function closeMqtt(client: MqttClient): Promise<void> {
  const closed = client.endAsync(false).then(() => true, () => true);
  const timer = new Promise<false>((r) => setTimeout(() => r(false), MQTT_CLOSE_MS).unref());
  if (await Promise.race([closed, timer])) return;
  client.stream.destroy();
  await Promise.race([closed, new Promise((r) => setTimeout(r, MQTT_CLOSE_MS).unref())]);
}

/**
 * MQTT.js 5 pings every keepalive and drops the connection when the PINGRESP is half a
 * keepalive late, even while deliveries keep arriving (it reschedules on acks only,
 * which a subscriber never receives). A broker busy saving its store answers pings late
 * (issue 17: keepalive timeouts in the bench, each a redelivery of everything in
 * flight). The broker's own rule instead (MQTT 3.1.1 3.1.2.10): dead when nothing at
 * all arrived for 1.5 keepalives. Pings still go out every keepalive.
 */
export function keepAliveWhileReceiving(c: MqttClient, keepaliveS: number): void {
  let lastPacketAt = Date.now();
  c.on('packetreceive', () => { lastPacketAt = Date.now(); });
  const keepaliveTimeout = c.onKeepaliveTimeout.bind(c);
  c.onKeepaliveTimeout = () => {
    if (Date.now() - lastPacketAt < 1.5 * keepaliveS * 1000) c.reschedulePing(true);
    else keepaliveTimeout();
  };
}
