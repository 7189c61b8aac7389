// What the tests of `vitals start` (test/e2e/start*.test.ts) share: the supervisor's environment
// on a test's own names, a free port, and whether a process is still alive.
import type { StackEndpoints } from './stack.js';

export { freePort } from './free-port.js';

/** Whether `pid` is a live process (0 and below would signal our own process group). */
export const alive = (pid: number) => { if (pid <= 0) return false; try { process.kill(pid, 0); return true; } catch { return false; } };

/**
 * The supervisor's environment with every topic, consumer group, client id and the bucket on
 * the test's names (`id`, all removed after it). The stack's least-privilege InfluxDB tokens
 * are scoped to its own bucket, so the test's bucket gets the operator token.
 */
export function supervisorEnv(s: StackEndpoints, id: string, bucket: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LOG_LEVEL: 'info',
    INFLUX_BUCKET: bucket, INFLUX_TOKEN: s.influx.token, INFLUX_WRITE_TOKEN: s.influx.token, INFLUX_READ_TOKEN: s.influx.token,
    KAFKA_TOPIC_VITALS: `${id}.vitals`, KAFKA_TOPIC_STATUS: `${id}.status`, KAFKA_TOPIC_DEAD_LETTER: `${id}.dlq`,
    KAFKA_TOPIC_ALERTS: `${id}.alerts`, KAFKA_TOPIC_ALERT_COMMANDS: `${id}.commands`, KAFKA_TOPIC_ALERT_STATE: `${id}.state`,
    KAFKA_TOPIC_PATIENTS: `${id}.patients`, KAFKA_TOPIC_ASSIGNMENTS: `${id}.assignments`,
    KAFKA_TOPIC_ACCOUNTS: `${id}.accounts`, KAFKA_TOPIC_AUDIT: `${id}.audit`,
    WRITER_GROUP_ID: `${id}-writer`, ALERTS_GROUP_ID: `${id}-alerts`, MQTT_CLIENT_ID: `${id}-ingest`, MQTT_SHARE_GROUP: `${id}-share`,
    ...extra,
  };
}
