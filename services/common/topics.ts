/** MQTT topics carry the device id; the ingest refuses a payload whose id differs. */
export const MQTT_TELEMETRY_FILTER = 'vitals/v1/devices/+/telemetry';
export const MQTT_STATUS_FILTER = 'vitals/v1/devices/+/status';

export const telemetryTopic = (deviceId: string) => `vitals/v1/devices/${deviceId}/telemetry`;
export const statusTopic = (deviceId: string) => `vitals/v1/devices/${deviceId}/status`;
export const alertTopic = (patientId: string, kind: string) => `alerts/v1/patients/${patientId}/${kind.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** `$share/{group}/{filter}`: MQTT 5 spec 4.8.2; Mosquitto honours it for 3.1.1 clients too. */
export const sharedFilter = (group: string, filter: string) => `$share/${group}/${filter}`;

const TOPIC_RE = /^vitals\/v1\/devices\/([^/]+)\/(telemetry|status)$/;

export function parseDeviceTopic(topic: string): { deviceId: string; kind: 'telemetry' | 'status' } | null {
  const m = TOPIC_RE.exec(topic);
  if (!m || !DEVICE_ID_RE.test(m[1]!)) return null;
  return { deviceId: m[1]!, kind: m[2] as 'telemetry' | 'status' };
}

/** Device ids: letters, digits, `-`, `_`, `.`, 1..64 chars (no MQTT wildcards or separators). */
export const DEVICE_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
export const PATIENT_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
/** Status reasons ("connect", "last-will", ...) and firmware versions: short, printable, no separators. */
export const STATUS_REASON_RE = /^[A-Za-z0-9._-]{0,64}$/;
export const FIRMWARE_RE = /^[A-Za-z0-9._+-]{0,64}$/;

/**
 * Whether `deviceId` and `patientId` are in the documented alphabet: every service checks
 * ids from Kafka before they reach a topic name, a line-protocol tag, a Flux literal or a log.
 */
export const idsValid = (deviceId: string | null, patientId: string | null) =>
  (deviceId === null || DEVICE_ID_RE.test(deviceId)) && (patientId === null || PATIENT_ID_RE.test(patientId));
