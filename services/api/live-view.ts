import { EventEmitter } from 'node:events';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '../common/logger.js';
import { Alert, AlertPriority, AlertState, DeviceState, DeviceStatus, VitalsBatch, type Sample } from '../common/proto.js';
import { vitalByKind } from '../common/vital-kinds.js';

export interface AlertView {
  id: string; patientId: string; deviceId: string; kind: string; priority: 'high' | 'medium' | 'low'; state: 'open' | 'acknowledged' | 'resolved';
  value: number; threshold: number; message: string; raisedAt: number; updatedAt: number; acknowledgedBy: string; news2Score: number; news2Band: string;
}

export interface DeviceView { deviceId: string; patientId: string; online: boolean; reason: string; statusAt: number; lastSeen: number; battery: number | null }

const PRIORITY = { [AlertPriority.ALERT_PRIORITY_HIGH]: 'high', [AlertPriority.ALERT_PRIORITY_MEDIUM]: 'medium', [AlertPriority.ALERT_PRIORITY_LOW]: 'low' } as Record<number, AlertView['priority']>;
const STATE = { [AlertState.ALERT_STATE_OPEN]: 'open', [AlertState.ALERT_STATE_ACKNOWLEDGED]: 'acknowledged', [AlertState.ALERT_STATE_RESOLVED]: 'resolved' } as Record<number, AlertView['state']>;

/**
 * The API's live picture, built by reading the alerts, device-status and command topics
 * from the beginning and following the vitals topic: current alerts, device state,
 * per-patient limit overrides, latest values. Emits 'alert', 'vitals' and 'status' for the stream.
 */
export function createLiveView(deps: { kafka: Kafka; log: Logger; topics: { alerts: string; status: string; commands: string; vitals: string; state?: string | undefined }; instanceId: string }) {
  const events = new EventEmitter();
  events.setMaxListeners(1000);
  const alerts = new Map<string, AlertView>();
  const devices = new Map<string, DeviceView>();
  const limits = new Map<string, unknown>();
  const latest = new Map<string, Record<string, { value: number; at: number }>>();
  const consumers: Consumer[] = [];
  const groups: string[] = [];

  function device(deviceId: string, patientId: string): DeviceView {
    let d = devices.get(deviceId);
    if (!d) { d = { deviceId, patientId, online: true, reason: '', statusAt: 0, lastSeen: 0, battery: null }; devices.set(deviceId, d); }
    if (patientId) d.patientId = patientId;
    return d;
  }

  async function follow(topics: string[], fromBeginning: boolean, suffix: string, onMessage: (topic: string, value: Buffer, receivedAt: number, retained: boolean) => void) {
    const groupId = `${deps.instanceId}-${suffix}`;
    groups.push(groupId);
    const consumer = deps.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    await consumer.connect();
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (!message.value) return;
        try { onMessage(topic, message.value, Number(message.headers?.['received-at-ms']?.toString() ?? message.timestamp), message.headers?.retained?.toString() === 'true'); } catch (err) { deps.log.warn({ err, topic }, 'live view skipped a record'); }
      },
    });
  }

  return {
    events, alerts, devices, limits, latest,
    async start() {
      // The alert worker's compacted state topic holds every patient's current alerts
      // whatever the history topic's retention (issue 16); the history adds the changes.
      const stateTopic = deps.topics.state;
      await follow([...(stateTopic ? [stateTopic] : []), deps.topics.alerts, deps.topics.status, deps.topics.commands], true, 'state', (topic, value, receivedAt, retained) => {
        if (topic === stateTopic) {
          const s = JSON.parse(value.toString()) as { alerts?: Record<string, Omit<AlertView, 'acknowledgedBy'> & { acknowledgedBy?: string }> };
          for (const a of Object.values(s.alerts ?? {})) {
            const prev = alerts.get(a.id);
            if (prev && prev.updatedAt >= a.updatedAt) continue;
            const view: AlertView = {
              id: a.id, patientId: a.patientId, deviceId: a.deviceId, kind: a.kind, priority: a.priority, state: a.state, value: a.value, threshold: a.threshold,
              message: a.message, raisedAt: a.raisedAt, updatedAt: a.updatedAt, acknowledgedBy: a.acknowledgedBy ?? '', news2Score: a.news2Score, news2Band: a.news2Band,
            };
            alerts.set(view.id, view);
            events.emit('alert', view);
          }
        } else if (topic === deps.topics.alerts) {
          const a = Alert.decode(value);
          const view: AlertView = {
            id: a.alertId, patientId: a.patientId, deviceId: a.deviceId, kind: a.kind, priority: PRIORITY[a.priority] ?? 'low', state: STATE[a.state] ?? 'open',
            value: a.value, threshold: a.threshold, message: a.message, raisedAt: a.raisedAtMs, updatedAt: a.updatedAtMs, acknowledgedBy: a.acknowledgedBy, news2Score: a.news2Score, news2Band: a.news2Band,
          };
          const prev = alerts.get(view.id);
          if (prev && prev.updatedAt > view.updatedAt) return;
          alerts.set(view.id, view);
          events.emit('alert', view);
        } else if (topic === deps.topics.status) {
          const s = DeviceStatus.decode(value);
          // A retained replay about a device this view never saw (e.g. one switched off
          // long ago) does not put a patient on the ward.
          if (retained && !devices.has(s.deviceId)) return;
          const d = device(s.deviceId, s.patientId);
          // Ordered by arrival: a Last Will carries its (older) build time. A retained
          // replay counts only if newer than what is known.
          if (retained ? s.atMs <= d.statusAt : receivedAt < d.statusAt) return;
          d.online = s.state === DeviceState.DEVICE_STATE_ONLINE;
          d.reason = s.reason;
          d.statusAt = retained ? s.atMs : receivedAt;
          events.emit('status', { ...d });
        } else {
          const cmd = JSON.parse(value.toString()) as { type: string; patientId: string; overrides?: unknown };
          if (cmd.type === 'limits') limits.set(cmd.patientId, cmd.overrides ?? {});
        }
      });
      await follow([deps.topics.vitals], false, 'vitals', (_topic, value) => {
        const b = VitalsBatch.decode(value);
        const d = device(b.deviceId, b.patientId);
        d.lastSeen = Math.max(d.lastSeen, b.sentAtMs);
        d.battery = b.batteryPercent;
        if (!d.online && b.sentAtMs > d.statusAt) d.online = true;
        const cur = latest.get(b.patientId) ?? {};
        const values: Record<string, number> = {};
        for (const s of b.samples as Sample[]) {
          const info = vitalByKind(s.kind);
          if (!info) continue;
          if (!cur[info.key] || cur[info.key]!.at <= s.measuredAtMs) { cur[info.key] = { value: s.value, at: s.measuredAtMs }; values[info.key] = s.value; }
        }
        latest.set(b.patientId, cur);
        events.emit('vitals', { patientId: b.patientId, deviceId: b.deviceId, at: b.sentAtMs, values, battery: b.batteryPercent });
      });
    },
    async stop() {
      await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
      const admin = deps.kafka.admin();
      await admin.connect();
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

export type LiveView = ReturnType<typeof createLiveView>;
