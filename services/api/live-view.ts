import { EventEmitter } from 'node:events';
import type { Consumer, Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { Logger } from '../common/logger.js';
import { PatientBound, type PatientBoundOptions } from '../common/patient-bound.js';
import { alertViewFromRecord, decodeAlertView, type AlertView, type StoredAlertRecord } from '../common/alert-contract.js';
import { decodeCommand, type AcvpuLetter } from '../common/alert-contract-commands.js';
import { DeviceState, DeviceStatus, VitalsBatch, type Sample } from '../common/proto.js';
import { vitalByKind } from '../common/vital-kinds.js';

export type { AlertView } from '../common/alert-contract.js';

/** Nurse-entered NEWS2 parameters and the SpO2 scale, as the commands topic has them. */
export interface ObservationsView {
  consciousness?: { value: AcvpuLetter; at: number; by: string };
  supplementalOxygen?: { value: boolean; at: number; by: string };
  spo2Scale?: { scale: 1 | 2; reason: string; by: string; at: number };
}

export interface DeviceView {
  deviceId: string; patientId: string; online: boolean; reason: string; statusAt: number; lastSeen: number; battery: number | null;
  /** The device clock against the ingest's receive time, last batch (ms; positive = ahead). */
  clockOffsetMs?: number;
  /** Since when (receive time, ms) its readings have come with no patient assignment; 0 or absent when assigned. */
  unassignedSince?: number;
  /** Newest measured time (ms) of its unassigned and of its assigned readings. */
  lastUnassignedAt?: number;
  lastAssignedAt?: number;
  bootId?: string;
}

/**
 * The API's live picture, built by reading the alerts, device-status and command topics
 * from the beginning and following the vitals topic: current alerts, device state,
 * per-patient limit overrides, latest values. Emits 'alert', 'vitals' and 'status' for the stream.
 * Per-patient memory is bounded (`bound`, issue 16): absent patients and those beyond the cap
 * are forgotten, never one with an open alert or clinician-set limits.
 */
export function createLiveView(deps: {
  kafka: Kafka; log: Logger; topics: { alerts: string; status: string; commands: string; vitals: string; state?: string | undefined }; instanceId: string;
  bound?: Partial<PatientBoundOptions>; registry?: Registry; now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const events = new EventEmitter();
  events.setMaxListeners(1000);
  const alerts = new Map<string, AlertView>();
  const devices = new Map<string, DeviceView>();
  const limits = new Map<string, unknown>();
  const latest = new Map<string, Record<string, { value: number; at: number }>>();
  const observations = new Map<string, ObservationsView>();
  /**
   * When each consumer last completed a fetch from Kafka (kafkajs emits FETCH after every
   * fetch, empty or not, about every maxWaitTimeInMs): the API's own measure of whether its
   * live feed is current. Nothing fetched for a while = the feed is stale (Kafka down).
   */
  const lastFetch = new Map<string, number>();
  /** Alerts not resolved, per patient: they keep a patient in memory. */
  const openByPatient = new Map<string, number>();
  const bound = new PatientBound({
    service: 'api', options: deps.bound, registry: deps.registry, log: deps.log,
    isProtected: (patientId) => (openByPatient.get(patientId) ?? 0) > 0 || limits.has(patientId),
  });
  /** When only protected patients are beyond the cap, the next cap sweep waits a second. */
  let capBlockedUntil = 0;
  let sweeper: NodeJS.Timeout | null = null;
  function setAlert(view: AlertView): void {
    const prev = alerts.get(view.id);
    if (prev && prev.state !== 'resolved') openByPatient.set(prev.patientId, (openByPatient.get(prev.patientId) ?? 1) - 1);
    if (view.state !== 'resolved') openByPatient.set(view.patientId, (openByPatient.get(view.patientId) ?? 0) + 1);
    if (openByPatient.get(view.patientId) === 0) openByPatient.delete(view.patientId);
    if (prev && openByPatient.get(prev.patientId) === 0) openByPatient.delete(prev.patientId);
    alerts.set(view.id, view);
    touch(view.patientId);
  }
  function touch(patientId: string): void {
    const t = now();
    // Beyond the cap: forget at once (the least recently active), unless only protected ones are left.
    if (bound.touch(patientId, t) && t >= capBlockedUntil && sweep() === 0) capBlockedUntil = t + 1000;
  }
  /** Drops what the view holds for the patients the bound gives up (resolved alerts included). */
  function sweep(): number {
    const gone = new Set(bound.sweep(now()).map((e) => e.patientId));
    if (gone.size === 0) return 0;
    for (const id of gone) { latest.delete(id); observations.delete(id); }
    for (const [id, a] of alerts) if (gone.has(a.patientId) && a.state === 'resolved') alerts.delete(id);
    return gone.size;
  }
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
    consumer.on(consumer.events.FETCH, () => { lastFetch.set(suffix, Date.now()); });
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
    events, alerts, devices, limits, latest, observations,
    /** Patients held in memory (issue 16: bounded). */
    patients: () => bound.size,
    /** The oldest "last fetch" over the live view's consumers (0 before the first). */
    feedAt: () => (lastFetch.size < 2 ? 0 : Math.min(...lastFetch.values())),
    async start() {
      sweeper = setInterval(sweep, Math.min(10_000, bound.options.absentMs));
      sweeper.unref();
      // The alert worker's compacted state topic holds every patient's current alerts
      // whatever the history topic's retention (issue 16); the history adds the changes.
      const stateTopic = deps.topics.state;
      await follow([...(stateTopic ? [stateTopic] : []), deps.topics.alerts, deps.topics.status, deps.topics.commands], true, 'state', (topic, value, receivedAt, retained) => {
        if (topic === stateTopic) {
          // The worker's engine records (the alert contract's AlertRecord); state written
          // before the alarm model (issue 14) lacks its fields: the contract's defaults.
          const s = JSON.parse(value.toString()) as { alerts?: Record<string, StoredAlertRecord> };
          for (const a of Object.values(s.alerts ?? {})) {
            const prev = alerts.get(a.id);
            if (prev && prev.updatedAt >= a.updatedAt) continue;
            const view = alertViewFromRecord(a);
            setAlert(view);
            events.emit('alert', view);
          }
        } else if (topic === deps.topics.alerts) {
          // Alerts from before issue 14 carry no condition flag: the contract counts unresolved ones as live.
          const view = decodeAlertView(value);
          const prev = alerts.get(view.id);
          if (prev && prev.updatedAt > view.updatedAt) return;
          setAlert(view);
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
          // vitals.v1.AlertCommand, or the JSON of the release before; one the worker
          // dead-letters is skipped here (logged by follow()).
          const cmd = decodeCommand(value);
          touch(cmd.patientId);
          if (cmd.type === 'limits') limits.set(cmd.patientId, cmd.overrides);
          else if (cmd.type === 'observation' || cmd.type === 'spo2-scale') {
            const o = observations.get(cmd.patientId) ?? {};
            if (cmd.type === 'observation' && cmd.consciousness !== undefined) o.consciousness = { value: cmd.consciousness, at: cmd.at, by: cmd.by };
            if (cmd.type === 'observation' && cmd.supplementalOxygen !== undefined) o.supplementalOxygen = { value: cmd.supplementalOxygen, at: cmd.at, by: cmd.by };
            if (cmd.type === 'spo2-scale') o.spo2Scale = { scale: cmd.scale, reason: cmd.reason, by: cmd.by, at: cmd.at };
            observations.set(cmd.patientId, o);
            events.emit('observation', { patientId: cmd.patientId });
          }
        }
      });
      await follow([deps.topics.vitals], false, 'vitals', (_topic, value, receivedAt) => {
        const b = VitalsBatch.decode(value);
        const d = device(b.deviceId, b.patientId);
        // Issue 15: the ingest found no assignment for these readings; a technical notice for
        // operators while the device's newest reading (by measured time: the parts of one device
        // can sit on different partitions) is an unassigned one.
        const newest = Math.max(0, ...(b.samples as Sample[]).map((x) => Number(x.measuredAtMs)));
        if (b.patientId === '') {
          d.lastUnassignedAt = Math.max(d.lastUnassignedAt ?? 0, newest);
          if ((d.lastUnassignedAt ?? 0) > (d.lastAssignedAt ?? 0)) { d.patientId = ''; d.unassignedSince ||= receivedAt; }
        } else {
          d.lastAssignedAt = Math.max(d.lastAssignedAt ?? 0, newest);
          if ((d.lastAssignedAt ?? 0) >= (d.lastUnassignedAt ?? 0)) d.unassignedSince = 0;
        }
        if (d.unassignedSince) d.patientId = '';
        d.clockOffsetMs = b.sentAtMs - receivedAt;
        d.bootId = b.bootId;
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
        if (b.patientId === '') { events.emit('status', { ...d }); return; }
        latest.set(b.patientId, cur);
        touch(b.patientId);
        events.emit('vitals', { patientId: b.patientId, deviceId: b.deviceId, at: b.sentAtMs, values, battery: b.batteryPercent });
      });
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
      const admin = deps.kafka.admin();
      await admin.connect();
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

export type LiveView = ReturnType<typeof createLiveView>;
