/**
 * The alert engine: per-patient state in, alert changes out. Pure (no I/O, no clock):
 * the worker feeds it records and ticks, persists its state, and publishes the changes.
 * Same inputs give the same alert ids, so a Kafka replay after a crash raises nothing new.
 * A change returned is a copy taken at that transition, never the live record in the
 * state: a backlog can open and resolve an alert within one worker batch, and both
 * transitions must go out as they were ("open" then "resolved", not "resolved" twice).
 *
 * Alarm model (IEC 60601-1-8 terms; README "Alarm behaviour"): an alarm CONDITION is a fact
 * derived from data (`conditionActive`); an ALERT is what people see and handle. Nobody can
 * resolve a condition by hand. High priority latches (stays shown after its condition ends
 * until acknowledged). ALARM ACKNOWLEDGED is time-limited per priority: if the condition is
 * still there when it runs out, the alert re-opens. A priority rise re-opens an acknowledged
 * alert. An alert nobody acknowledges escalates on a per-priority timer (the escalation
 * level is on every output, as IHE PCD ACM's escalation of an undelivered/unanswered alert).
 * Technical alarm conditions (battery, sensor off, clock skew, offline) are a separate
 * category from physiological ones.
 */
import { createHash } from 'node:crypto';
import type { Sample, VitalsBatch } from '../common/proto.js';
import { vitalByKey, vitalByKind } from '../common/vital-kinds.js';
import { initialLimitState, rulesFor, stepLimit, type Direction, type LimitRule, type LimitState, type Priority } from './limits.js';
import { BAND_ORDER, NEWS2_MIN_PARAMETERS, PARAMETER_NAMES, news2FromSources, type News2Band } from '../common/news2.js';

export type AlertStateName = 'open' | 'acknowledged' | 'resolved';
export type AlertCategoryName = 'physiological' | 'technical';
/** Why a change was emitted (the wire's `change`): only 'raised' is a new alarm. */
export type ChangeReason = 'raised' | 'reopened' | 'priority-raised' | 'priority-lowered' | 'updated' | 'condition-returned' | 'latched' | 'acknowledged'
  | 'acknowledgement-expired' | 'escalated' | 'resolved' | 'discharged';

export interface AlertRecord {
  id: string;
  patientId: string;
  deviceId: string;
  kind: string;
  priority: Priority;
  state: AlertStateName;
  vital: string;
  value: number;
  threshold: number;
  message: string;
  raisedAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  acknowledgedBy: string;
  news2Score: number;
  news2Band: string;
  category: AlertCategoryName;
  /** The alarm condition still exists (data says so); only data clears it. */
  conditionActive: boolean;
  /** High priority, condition over, not yet acknowledged: shown until someone does. */
  latched: boolean;
  escalationLevel: number;
  escalatedAt: number;
  /** Start of the current unacknowledged period: the escalation timer's origin (ms). */
  openedAt: number;
  /** End of a time-limited acknowledgement (ms); 0 when not acknowledged. */
  acknowledgedUntil: number;
  /** NEWS2 parameters not known, as text; '' when complete. */
  news2Missing: string;
  news2Response: string;
  change: ChangeReason;
}

export interface DeviceTrack {
  lastSeen: number;
  online: boolean;
  statusAt: number;
  /**
   * Recent sequences, for de-duplicating QoS 1 redeliveries and Kafka replays, as sorted,
   * disjoint [first, last] ranges: a device counting up is one range, however long the
   * window (the state is serialised on every batch).
   */
  seen: [number, number][];
  /** The same as a plain list, in state persisted before `seen`; converted on first use. */
  seqs?: number[];
  /** The current boot: the device's boot id, or `auto:<sent-at>` for a restart detected without one. */
  boot?: string;
  /** The boot before, kept so a late redelivery from it is still recognised. */
  prevBoot?: { boot: string; seen: [number, number][]; startedAt: number };
  /** Sent-at (device clock) of the first batch of the current boot and the newest seen. */
  bootStartedAt?: number;
  maxSentAt?: number;
  /** Recent (sent-at - received-at) of batches that arrived at the device's pace (ms). */
  offsets?: number[];
  /** Median of `offsets`: the device clock's offset against the pipeline's (ms). */
  clockOffsetMs?: number;
  lastReceivedAt?: number;
  lastSentAt?: number;
  /** Receive time of the last sample of each vital from this device (sensor-off). */
  vitalAt?: Record<string, number>;
  battery?: number;
}

/** A nurse-entered observation (via the API and Kafka). */
export interface Observed { value: number; at: number; by: string }

export interface PatientState {
  patientId: string;
  latest: Record<string, { value: number; at: number }>;
  limits: Record<string, LimitState>;
  news2: { score: number; band: News2Band } | null;
  devices: Record<string, DeviceTrack>;
  /** The current (latest) alert of each kind. */
  alerts: Record<string, AlertRecord>;
  overrides?: Partial<Record<string, Partial<Omit<LimitRule, 'vital'>>>>;
  /** Nurse-entered NEWS2 parameters: ACVPU (0 alert, 1 CVPU) and supplemental oxygen (0/1). */
  observed?: { consciousness?: Observed; supplemental_oxygen?: Observed };
  /** SpO2 scale 2 for hypercapnic respiratory failure, set by a clinician with a reason. */
  spo2Scale?: { scale: 1 | 2; reason: string; by: string; at: number };
  /** The NEWS2 parameters missing at the last evaluation (to update the alert's text). */
  news2Missing?: string;
  /** When the patient was discharged (ms): readings measured before it raise nothing more. */
  dischargedAt?: number;
}

export type Per<T> = Record<Priority, T>;

export interface EngineConfig {
  rules: readonly LimitRule[];
  /** A recurrence within this time after resolution re-opens the same alert. @defaultValue 120_000 (ms) */
  cooldownMs: number;
  /** Values older than this do not count for NEWS2. @defaultValue 300_000 (ms) */
  news2FreshMs: number;
  /** At least this many NEWS2 parameters needed for a score (see NEWS2_MIN_PARAMETERS). @defaultValue 4 */
  news2MinParams: number;
  /** No data for this long means "device offline". @defaultValue 45_000 (ms) */
  inactivityMs: number;
  /** How many recent sequences per device are remembered. @defaultValue 512 */
  seqWindow: number;
  /** High-priority alerts latch (stay until acknowledged after their condition ends). @defaultValue true */
  latchHigh: boolean;
  /** How long an acknowledgement holds while the condition persists. @defaultValue high 2 min, medium 5 min, low 15 min */
  ackTimeoutMs: Per<number>;
  /** An open alert escalates one level per this long without acknowledgement; 0 never. @defaultValue high 1 min, medium 3 min, low 0 */
  escalationMs: Per<number>;
  /** @defaultValue 3 */
  maxEscalationLevel: number;
  /** Battery (%) at or under `low` raises a low-priority technical alarm, under `critical` medium; clears above `clear`. @defaultValue 20 / 10 / 25 */
  battery: { low: number; critical: number; clear: number };
  /** A vital in `sensorOffVitals` not received for this long from a live device: "sensor off". @defaultValue 30_000 (ms) */
  sensorOffMs: number;
  /** @defaultValue heart_rate, spo2, respiratory_rate (the continuous ones; BP is intermittent) */
  sensorOffVitals: readonly string[];
  /** A device clock off by more than this raises a technical alarm. @defaultValue 60_000 (ms) */
  clockSkewMs: number;
  /** Device clock offsets under this are left alone; samples more than this ahead of receive time are put on receive time. @defaultValue 5_000 (ms) */
  futureToleranceMs: number;
  /** Nurse-entered observations (ACVPU, oxygen) count for NEWS2 this long. @defaultValue 21_600_000 (6 h) */
  news2ObservationFreshMs: number;
}

export const DEFAULT_ENGINE_CONFIG: Omit<EngineConfig, 'rules'> = {
  cooldownMs: 120_000,
  news2FreshMs: 300_000,
  news2MinParams: NEWS2_MIN_PARAMETERS,
  inactivityMs: 45_000,
  seqWindow: 512,
  latchHigh: true,
  ackTimeoutMs: { high: 120_000, medium: 300_000, low: 900_000 },
  escalationMs: { high: 60_000, medium: 180_000, low: 0 },
  maxEscalationLevel: 3,
  battery: { low: 20, critical: 10, clear: 25 },
  sensorOffMs: 30_000,
  sensorOffVitals: ['heart_rate', 'spo2', 'respiratory_rate'],
  clockSkewMs: 60_000,
  futureToleranceMs: 5_000,
  news2ObservationFreshMs: 6 * 3_600_000,
};

export const newPatientState = (patientId: string): PatientState => ({ patientId, latest: {}, limits: {}, news2: null, devices: {}, alerts: {} });

const alertId = (patientId: string, kind: string, at: number) =>
  createHash('sha256').update(`${patientId}|${kind}|${at}`).digest('hex').slice(0, 24);

const BAND_PRIORITY: Record<News2Band, Priority> = { low: 'low', 'low-medium': 'medium', medium: 'medium', high: 'high' };

type RaiseInput = Omit<AlertRecord, 'id' | 'state' | 'raisedAt' | 'updatedAt' | 'resolvedAt' | 'acknowledgedBy' | 'patientId' | 'category' | 'conditionActive' | 'latched'
  | 'escalationLevel' | 'escalatedAt' | 'openedAt' | 'acknowledgedUntil' | 'news2Missing' | 'news2Response' | 'change'> & Partial<Pick<AlertRecord, 'news2Missing' | 'news2Response'>>;

/** Technical alarm conditions: the equipment or the monitoring chain, not the patient. */
export const categoryOf = (kind: string): AlertCategoryName =>
  /^(device-offline|battery-low|sensor-off|clock-skew|monitoring-interrupted)(:|$)/.test(kind) ? 'technical' : 'physiological';

const emitted = (a: AlertRecord, change: ChangeReason): AlertRecord => { a.change = change; return { ...a }; };

/** The alarm condition `a.kind` exists (from data at event time `at`). */
function raise(s: PatientState, cfg: EngineConfig, a: RaiseInput, at: number): AlertRecord | null {
  const current = s.alerts[a.kind];
  if (current && current.state !== 'resolved') {
    upgradeAlert(current);
    const rose = rank(a.priority) > rank(current.priority);
    if (!current.conditionActive) {
      // A latched alert whose condition came back: active again (and louder if it rose).
      Object.assign(current, { conditionActive: true, latched: false, value: a.value, message: a.message, updatedAt: Math.max(at, current.updatedAt) });
      if (rose) current.priority = a.priority;
      return emitted(current, 'condition-returned');
    }
    if (rose) {
      Object.assign(current, { priority: a.priority, value: a.value, message: a.message, news2Score: a.news2Score, news2Band: a.news2Band, news2Missing: a.news2Missing ?? current.news2Missing, news2Response: a.news2Response ?? current.news2Response, updatedAt: Math.max(at, current.updatedAt) });
      if (current.state === 'acknowledged') {
        // Issue 14: a rise on an acknowledged alert re-opens it; nobody acknowledged this priority.
        Object.assign(current, { state: 'open', acknowledgedUntil: 0, openedAt: Math.max(at, current.updatedAt), escalationLevel: 0, escalatedAt: 0 });
      }
      return emitted(current, 'priority-raised');
    }
    return null;
  }
  const fresh = { news2Missing: '', news2Response: '', ...a, category: categoryOf(a.kind), state: 'open' as const, conditionActive: true, latched: false, escalationLevel: 0, escalatedAt: 0, openedAt: at, acknowledgedUntil: 0, resolvedAt: null, acknowledgedBy: '' };
  if (current && current.resolvedAt !== null && at - current.resolvedAt < cfg.cooldownMs) {
    Object.assign(current, { ...fresh, updatedAt: Math.max(at, current.updatedAt) });
    return emitted(current, 'reopened');
  }
  const rec: AlertRecord = { ...fresh, id: alertId(s.patientId, a.kind, at), patientId: s.patientId, raisedAt: at, updatedAt: at, change: 'raised' };
  s.alerts[a.kind] = rec;
  return { ...rec };
}

/**
 * The alarm condition `kind` has ended (data says so). The alert resolves, except a
 * high-priority one nobody has acknowledged: it latches until someone does.
 */
function clearCondition(s: PatientState, cfg: EngineConfig, kind: string, at: number, value?: number): AlertRecord | null {
  const current = s.alerts[kind];
  if (!current || current.state === 'resolved') return null;
  upgradeAlert(current);
  if (!current.conditionActive) return null;
  current.conditionActive = false;
  current.updatedAt = Math.max(at, current.updatedAt);
  if (value !== undefined) current.value = value;
  if (cfg.latchHigh && current.priority === 'high' && current.state === 'open') {
    current.latched = true;
    return emitted(current, 'latched');
  }
  return resolveAlert(current, at);
}

function resolveAlert(a: AlertRecord, at: number): AlertRecord {
  Object.assign(a, { state: 'resolved', resolvedAt: at, latched: false, conditionActive: false, acknowledgedUntil: 0, updatedAt: Math.max(at, a.updatedAt) });
  return emitted(a, 'resolved');
}

/** Alerts persisted before issue 14 lack the alarm-model fields: an unresolved one is a live condition. */
function upgradeAlert(a: AlertRecord): void {
  if (a.conditionActive !== undefined) return;
  Object.assign(a, {
    category: categoryOf(a.kind), conditionActive: a.state !== 'resolved', latched: false, escalationLevel: 0, escalatedAt: 0,
    openedAt: a.raisedAt, acknowledgedUntil: 0, news2Missing: '', news2Response: '', change: 'updated',
  });
}

const rank = (p: Priority) => (p === 'high' ? 3 : p === 'medium' ? 2 : 1);

/**
 * Whether `seq` is among the device's recent sequences; if not, remembers it. Sequences
 * more than `window` below the highest seen are forgotten (and count as new again).
 */
export function isDuplicate(track: DeviceTrack, seq: number, window: number): boolean {
  if (track.seqs) { // state from before ranges
    track.seen = [];
    for (const q of track.seqs) addSeq(track.seen, q);
    delete track.seqs;
  }
  track.seen ??= [];
  if (!addSeq(track.seen, seq)) return true;
  const r = track.seen;
  const floor = r[r.length - 1]![1] - window + 1;
  while (r.length > 0 && r[0]![1] < floor) r.shift();
  if (r[0] && r[0][0] < floor) r[0][0] = floor;
  return false;
}

/** Adds `seq` to sorted disjoint ranges, merging neighbours; false if it was there. */
function addSeq(r: [number, number][], seq: number): boolean {
  let i = r.length; // first range that starts after seq (recent sequences are at the end)
  while (i > 0 && r[i - 1]![0] > seq) i--;
  const prev = r[i - 1];
  if (prev && seq <= prev[1]) return false;
  const next = r[i];
  const joinPrev = prev !== undefined && prev[1] === seq - 1;
  const joinNext = next !== undefined && next[0] === seq + 1;
  if (joinPrev && joinNext) { prev[1] = next[1]; r.splice(i, 1); }
  else if (joinPrev) prev[1] = seq;
  else if (joinNext) next[0] = seq;
  else r.splice(i, 0, [seq, seq]);
  return true;
}

/**
 * De-duplication per (device, boot, sequence). A new boot id starts a new sequence space; a
 * device without boot ids that restarts (a sequence at or under half its highest, with a
 * sent-at newer than any seen: a redelivery carries its original sent-at) is recognised as
 * rebooted. The previous boot's sequences are kept, so its late redeliveries stay duplicates.
 */
export function isDuplicateBatch(track: DeviceTrack, batch: { sequence: number; sentAtMs: number; bootId?: string }, window: number): boolean {
  const seq = batch.sequence;
  const sentAt = batch.sentAtMs;
  track.seen ??= [];
  const newBoot = (boot: string) => {
    track.prevBoot = { boot: track.boot ?? '', seen: track.seen, startedAt: track.bootStartedAt ?? 0 };
    track.boot = boot;
    track.seen = [];
    track.bootStartedAt = sentAt;
  };
  if (batch.bootId) {
    if (track.boot === undefined && track.seen.length === 0) { track.boot = batch.bootId; track.bootStartedAt = sentAt; }
    if (batch.bootId !== track.boot) {
      if (track.prevBoot?.boot === batch.bootId) return isDuplicate(prevAsTrack(track.prevBoot), seq, window);
      newBoot(batch.bootId);
    }
  } else {
    const max = track.seen.length > 0 ? track.seen[track.seen.length - 1]![1] : 0;
    if (track.prevBoot && track.bootStartedAt !== undefined && sentAt < track.bootStartedAt && track.boot?.startsWith('auto:')) {
      return isDuplicate(prevAsTrack(track.prevBoot), seq, window); // from before the detected restart
    }
    if (max > 0 && seq <= Math.ceil(max / 2) && sentAt > (track.maxSentAt ?? Infinity)) newBoot(`auto:${sentAt}`);
  }
  if (isDuplicate(track, seq, window)) return true;
  track.maxSentAt = Math.max(track.maxSentAt ?? 0, sentAt);
  return false;
}
const prevAsTrack = (p: NonNullable<DeviceTrack['prevBoot']>): DeviceTrack => ({ lastSeen: 0, online: true, statusAt: 0, seen: p.seen });

/**
 * The device clock's offset against receive time, from batches that arrived at the device's
 * own pace (a backlog delivered at once after an outage says nothing about the clock). The
 * median of the last five: one odd batch (a glitch stamped in the future) does not move it.
 */
export function trackClock(track: DeviceTrack, sentAt: number, receivedAt: number): number {
  const paced = track.lastReceivedAt === undefined || track.lastSentAt === undefined || sentAt <= track.lastSentAt
    || receivedAt - track.lastReceivedAt >= 0.5 * (sentAt - track.lastSentAt);
  if (paced) {
    const offsets = (track.offsets ??= []);
    offsets.push(sentAt - receivedAt);
    if (offsets.length > 5) offsets.shift();
    // Fewer than three: not enough to judge a clock by.
    track.clockOffsetMs = offsets.length >= 3 ? [...offsets].sort((a, b) => a - b)[Math.floor(offsets.length / 2)]! : 0;
  }
  track.lastReceivedAt = Math.max(track.lastReceivedAt ?? 0, receivedAt);
  track.lastSentAt = Math.max(track.lastSentAt ?? 0, sentAt);
  return track.clockOffsetMs ?? 0;
}

function trackFor(s: PatientState, deviceId: string, at: number): DeviceTrack {
  let t = s.devices[deviceId];
  if (!t) { t = { lastSeen: at, online: true, statusAt: 0, seen: [] }; s.devices[deviceId] = t; }
  return t;
}

/** Processes one batch of vitals. `receivedAt` is the ingest's clock (for inactivity and clock checks). */
export function onBatch(s: PatientState, cfg: EngineConfig, batch: VitalsBatch, receivedAt: number): AlertRecord[] {
  const out: AlertRecord[] = [];
  const push = (r: AlertRecord | null) => { if (r) out.push(r); };
  const track = trackFor(s, batch.deviceId, receivedAt);
  if (isDuplicateBatch(track, batch, cfg.seqWindow)) return out;
  track.lastSeen = Math.max(track.lastSeen, receivedAt);
  // Data from a device is proof it is online, whatever its last status said.
  if (!track.online) {
    track.online = true;
    push(clearCondition(s, cfg, `device-offline:${batch.deviceId}`, receivedAt));
  }
  const technical = (kind: string, priority: Priority, value: number, threshold: number, message: string) =>
    raise(s, cfg, { deviceId: batch.deviceId, kind, priority, vital: 'device', value, threshold, message, news2Score: s.news2?.score ?? -1, news2Band: s.news2?.band ?? '' }, receivedAt);

  // Device clock: a technical alarm past the bound; samples put back on the pipeline's clock.
  const offset = trackClock(track, batch.sentAtMs, receivedAt);
  const skewKind = `clock-skew:${batch.deviceId}`;
  if (Math.abs(offset) > cfg.clockSkewMs) {
    push(technical(skewKind, 'low', offset / 1000, cfg.clockSkewMs / 1000, `device ${batch.deviceId} clock ${offset > 0 ? 'ahead' : 'behind'} by ${Math.round(Math.abs(offset) / 1000)} s; its samples are evaluated on receive time`));
  } else if (Math.abs(offset) <= cfg.clockSkewMs / 2) {
    push(clearCondition(s, cfg, skewKind, receivedAt, offset / 1000));
  }
  const shift = Math.abs(offset) > cfg.futureToleranceMs ? offset : 0;

  // Battery: two thresholds (technical alarm, low then medium priority). 0 = not reported (proto3 default).
  const battery = batch.batteryPercent;
  if (battery > 0) {
    track.battery = battery;
    const kind = `battery-low:${batch.deviceId}`;
    if (battery <= cfg.battery.critical) push(technical(kind, 'medium', battery, cfg.battery.critical, `device ${batch.deviceId} battery critical: ${Math.round(battery)} %`));
    else if (battery <= cfg.battery.low) push(technical(kind, 'low', battery, cfg.battery.low, `device ${batch.deviceId} battery low: ${Math.round(battery)} %`));
    else if (battery > cfg.battery.clear) push(clearCondition(s, cfg, kind, receivedAt, battery));
  }

  const rules = compiledRules(cfg.rules, s.overrides);
  // Each sample on the pipeline's clock: less the device's offset, and never ahead of its
  // receipt (one sample stamped in the future must not freeze the picture: issue 14).
  const samples = (batch.samples as Sample[]).map((x) => {
    const t = x.measuredAtMs - shift;
    return { kind: x.kind, value: x.value, at: t > receivedAt + cfg.futureToleranceMs ? receivedAt : t };
  });
  if (!samples.every((x, i) => i === 0 || samples[i - 1]!.at <= x.at)) samples.sort((a, b) => a.at - b.at);
  const vitalAt = (track.vitalAt ??= {});
  for (const sample of samples) {
    const info = vitalByKind(sample.kind);
    if (!info) continue;
    if (vitalAt[info.key] === undefined || vitalAt[info.key]! < receivedAt) {
      vitalAt[info.key] = receivedAt;
      push(clearCondition(s, cfg, `sensor-off:${batch.deviceId}:${info.key}`, receivedAt));
    }
    const prev = s.latest[info.key];
    // An older (replayed) reading of this vital never overrides its current picture.
    if (prev && sample.at < prev.at) continue;
    s.latest[info.key] = { value: sample.value, at: sample.at };
    for (const { rule, dir, key, kind } of rules.get(info.key) ?? []) {
      const st = (s.limits[key] ??= initialLimitState());
      const tr = stepLimit(rule, dir, st, sample.value, sample.at);
      if (tr?.type === 'raise') {
        push(raise(s, cfg, {
          deviceId: batch.deviceId, kind, priority: rule.priority, vital: rule.vital, value: tr.value, threshold: tr.threshold,
          message: `${info.display} ${dir} ${tr.value} ${info.ucum} (limit ${tr.threshold})`, news2Score: s.news2?.score ?? -1, news2Band: s.news2?.band ?? '',
        }, tr.at));
      } else if (tr?.type === 'clear') {
        push(clearCondition(s, cfg, kind, tr.at, tr.value));
      }
    }
  }
  // Sensor off: the device keeps sending, but one of its continuous vitals has stopped (a
  // probe off the finger). A device that stops altogether is "offline" instead.
  for (const v of cfg.sensorOffVitals) {
    const at = vitalAt[v];
    if (at === undefined || receivedAt - at < cfg.sensorOffMs) continue;
    const info = vitalByKey(v);
    push(technical(`sensor-off:${batch.deviceId}:${v}`, 'medium', (receivedAt - at) / 1000, cfg.sensorOffMs / 1000, `${info?.display ?? v} sensor off on ${batch.deviceId}: nothing for ${Math.round((receivedAt - at) / 1000)} s`));
  }
  out.push(...evaluateNews2(s, cfg, batch.deviceId));
  return out;
}

interface CompiledRule { rule: LimitRule; dir: Direction; key: string; kind: string }
/**
 * The effective rules per vital, with their state keys and alert kinds: built once per set
 * of rules and overrides, not for every sample (the worker's hot path). Cached by object
 * identity: a patient's overrides are replaced on change, never edited in place.
 */
const compiledCache = new WeakMap<readonly LimitRule[], WeakMap<object, Map<string, CompiledRule[]>>>();
const NO_OVERRIDES = {};
function compiledRules(defaults: readonly LimitRule[], overrides: PatientState['overrides']): Map<string, CompiledRule[]> {
  let byOverrides = compiledCache.get(defaults);
  if (!byOverrides) { byOverrides = new WeakMap(); compiledCache.set(defaults, byOverrides); }
  const cacheKey = overrides ?? NO_OVERRIDES;
  let compiled = byOverrides.get(cacheKey);
  if (!compiled) {
    compiled = new Map();
    for (const rule of rulesFor(defaults, overrides)) {
      const list = compiled.get(rule.vital) ?? [];
      for (const dir of ['low', 'high'] as Direction[]) list.push({ rule, dir, key: `${rule.vital}:${dir}`, kind: `limit:${rule.vital}:${dir}` });
      compiled.set(rule.vital, list);
    }
    byOverrides.set(cacheKey, compiled);
  }
  return compiled;
}

function evaluateNews2(s: PatientState, cfg: EngineConfig, deviceId: string): AlertRecord[] {
  const times = Object.values(s.latest).map((v) => v.at);
  if (times.length === 0) return [];
  const newest = Math.max(...times);
  const flag = (o: Observed | undefined) => (o ? { value: o.value >= 0.5, at: o.at } : undefined);
  // Unknown oxygen or consciousness stays unknown (issue 14): the score says it is incomplete.
  const result = news2FromSources(
    { latest: s.latest, observed: { cvpu: flag(s.observed?.consciousness), supplementalOxygen: flag(s.observed?.supplemental_oxygen) }, spo2Scale: s.spo2Scale?.scale ?? 1 },
    { deviceMs: cfg.news2FreshMs, observationMs: cfg.news2ObservationFreshMs }, cfg.news2MinParams);
  if (!result) return [];
  const missing = result.missing.map((m) => PARAMETER_NAMES[m]).join(', ');
  const previous = s.news2?.band ?? 'low';
  const previousMissing = s.news2Missing ?? '';
  s.news2 = { score: result.score, band: result.band };
  s.news2Missing = missing;
  const text = `NEWS2 ${result.complete ? '' : 'at least '}${result.score} (${result.band}${result.spo2Scale === 2 ? ', SpO2 scale 2' : ''})${result.complete ? '' : `; incomplete: ${missing} not recorded`}`;
  const rose = BAND_ORDER.indexOf(result.band) > BAND_ORDER.indexOf(previous);
  const fell = BAND_ORDER.indexOf(result.band) < BAND_ORDER.indexOf(previous);
  const fields = { value: result.score, news2Score: result.score, news2Band: result.band, news2Missing: missing, news2Response: result.response, message: text };
  if (rose && result.band !== 'low') {
    const r = raise(s, cfg, { deviceId, kind: 'news2', priority: BAND_PRIORITY[result.band], vital: 'news2', threshold: 0, ...fields }, newest);
    return r ? [r] : [];
  }
  const current = s.alerts.news2;
  if (fell && result.band === 'low') {
    const r = clearCondition(s, cfg, 'news2', newest, result.score);
    return r ? [r] : [];
  }
  if (current && current.state !== 'resolved' && current.conditionActive !== false && (fell || missing !== previousMissing)) {
    const lower = fell && BAND_PRIORITY[result.band] !== current.priority;
    Object.assign(current, { ...fields, priority: fell ? BAND_PRIORITY[result.band] : current.priority, updatedAt: Math.max(newest, current.updatedAt) });
    return [emitted(current, lower ? 'priority-lowered' : 'updated')];
  }
  return [];
}

/**
 * A device's status: its `online`/`offline` publish or its Last Will. `receivedAt` (the
 * ingest's clock) orders them: a Will carries the time the device built it, at connect,
 * which is earlier than the `online` it published right after. A retained replay (the
 * broker re-sending a stored status on subscribe) only updates the picture when it is
 * newer than what is known, and never raises or resolves an alert.
 */
export function onStatus(s: PatientState, cfg: EngineConfig, deviceId: string, online: boolean, reason: string, receivedAt: number, replay: { retained: boolean; atMs: number } = { retained: false, atMs: 0 }): AlertRecord[] {
  const known = s.devices[deviceId];
  if (replay.retained) {
    if (known && replay.atMs <= known.statusAt) return [];
    const track = trackFor(s, deviceId, replay.atMs);
    track.statusAt = replay.atMs;
    track.online = online;
    return [];
  }
  const track = trackFor(s, deviceId, receivedAt);
  if (receivedAt < track.statusAt) return []; // stale
  track.statusAt = receivedAt;
  const kind = `device-offline:${deviceId}`;
  if (online) {
    track.online = true;
    track.lastSeen = Math.max(track.lastSeen, receivedAt);
    const r = clearCondition(s, cfg, kind, receivedAt);
    return r ? [r] : [];
  }
  track.online = false;
  // A device that said goodbye itself (clean disconnect) is offline by intent: shown as
  // offline, no alarm, and no inactivity alarm later.
  if (reason === 'clean-disconnect') return [];
  const r = raise(s, cfg, {
    deviceId, kind, priority: 'medium', vital: 'device', value: 0, threshold: 0,
    message: `device ${deviceId} offline (${reason || 'offline'})`, news2Score: s.news2?.score ?? -1, news2Band: s.news2?.band ?? '',
  }, receivedAt);
  return r ? [r] : [];
}

/** Whether `onTick` at `now` has anything to do for this patient (the worker skips the rest). */
export function needsTick(s: PatientState, cfg: EngineConfig, now: number): boolean {
  for (const d of Object.values(s.devices)) {
    if (!d.online) continue;
    if (now - d.lastSeen >= cfg.inactivityMs) return true;
  }
  for (const a of Object.values(s.alerts)) {
    if (a.state === 'acknowledged' && a.conditionActive && a.acknowledgedUntil > 0 && now >= a.acknowledgedUntil) return true;
    const step = cfg.escalationMs[a.priority];
    if (a.state === 'open' && step > 0 && (a.escalationLevel ?? 0) < cfg.maxEscalationLevel && now - (a.openedAt ?? a.raisedAt) >= step * ((a.escalationLevel ?? 0) + 1)) return true;
  }
  return false;
}

/**
 * Timers, on the worker's clock: the inactivity timer (a device silent for `inactivityMs` is
 * offline even if its Will was lost), the end of time-limited acknowledgements,
 * and escalation of alerts nobody has acknowledged.
 */
export function onTick(s: PatientState, cfg: EngineConfig, now: number): AlertRecord[] {
  const out: AlertRecord[] = [];
  for (const [deviceId, track] of Object.entries(s.devices)) {
    if (!track.online) continue;
    if (now - track.lastSeen >= cfg.inactivityMs) {
      track.online = false;
      const r = raise(s, cfg, {
        deviceId, kind: `device-offline:${deviceId}`, priority: 'medium', vital: 'device', value: (now - track.lastSeen) / 1000, threshold: cfg.inactivityMs / 1000,
        message: `device ${deviceId} silent for ${Math.round((now - track.lastSeen) / 1000)} s`, news2Score: s.news2?.score ?? -1, news2Band: s.news2?.band ?? '',
      }, track.lastSeen + cfg.inactivityMs);
      if (r) out.push(r);
      continue;
    }
  }
  for (const a of Object.values(s.alerts)) {
    if (a.state === 'resolved') continue;
    upgradeAlert(a);
    if (a.state === 'acknowledged' && a.conditionActive && a.acknowledgedUntil > 0 && now >= a.acknowledgedUntil) {
      // The acknowledgement has run out and the condition is still there: it sounds again.
      Object.assign(a, { state: 'open', acknowledgedUntil: 0, openedAt: now, escalationLevel: 0, escalatedAt: 0, updatedAt: Math.max(now, a.updatedAt) });
      out.push(emitted(a, 'acknowledgement-expired'));
      continue;
    }
    const step = cfg.escalationMs[a.priority];
    if (a.state !== 'open' || step <= 0) continue;
    const level = Math.min(cfg.maxEscalationLevel, Math.floor((now - a.openedAt) / step));
    if (level > a.escalationLevel) {
      Object.assign(a, { escalationLevel: level, escalatedAt: now, updatedAt: Math.max(now, a.updatedAt) });
      out.push(emitted(a, 'escalated'));
    }
  }
  return out;
}

export type CommandResult = { changes: AlertRecord[]; refused?: string };

/**
 * A clinician acknowledges or resolves an alert by id. Acknowledging a latched alert (its
 * condition over) ends it; otherwise the acknowledgement holds for the priority's time.
 * Resolving is refused while the condition exists (the API says 409 first; this guards
 * against a stale view): only data clears a condition.
 */
export function onCommand(s: PatientState, cfg: EngineConfig, cmd: { type: 'acknowledge' | 'resolve'; alertId: string; by: string; at: number }): CommandResult {
  const a = Object.values(s.alerts).find((x) => x.id === cmd.alertId);
  if (!a || a.state === 'resolved') return { changes: [] };
  upgradeAlert(a);
  if (cmd.type === 'resolve') {
    if (a.conditionActive) return { changes: [], refused: `the alarm condition still exists (${a.message})` };
    a.acknowledgedBy = a.acknowledgedBy || cmd.by;
    return { changes: [resolveAlert(a, cmd.at)] };
  }
  if (!a.conditionActive) {
    a.acknowledgedBy = cmd.by;
    return { changes: [resolveAlert(a, cmd.at)] };
  }
  if (a.state === 'acknowledged') return { changes: [] };
  Object.assign(a, { state: 'acknowledged', acknowledgedBy: cmd.by, acknowledgedUntil: cmd.at + cfg.ackTimeoutMs[a.priority], updatedAt: Math.max(cmd.at, a.updatedAt) });
  return { changes: [emitted(a, 'acknowledged')] };
}

/**
 * Discharge (issue 15): every alert of the patient closes with the change "discharged"
 * (resolved, condition no longer monitored), and the patient's devices are no longer watched
 * for silence: their assignment ended with the discharge.
 */
export function onDischarge(s: PatientState, cmd: { by: string; at: number }): AlertRecord[] {
  s.dischargedAt = cmd.at;
  s.devices = {};
  const out: AlertRecord[] = [];
  for (const a of Object.values(s.alerts)) {
    if (a.state === 'resolved') continue;
    upgradeAlert(a);
    Object.assign(a, { state: 'resolved', resolvedAt: cmd.at, latched: false, conditionActive: false, acknowledgedUntil: 0, acknowledgedBy: a.acknowledgedBy || cmd.by, updatedAt: Math.max(cmd.at, a.updatedAt) });
    out.push(emitted(a, 'discharged'));
  }
  return out;
}

/** Whether a batch is a late one of a discharged stay (nothing measured after the discharge). */
export const beforeDischarge = (s: PatientState, batch: VitalsBatch): boolean =>
  s.dischargedAt !== undefined && batch.samples.every((x) => Number(x.measuredAtMs) < s.dischargedAt!);

export type ObservationCommand = {
  type: 'observation'; at: number; by: string;
  /** ACVPU: 'A' alert; C, V, P, U score 3. */
  consciousness?: 'A' | 'C' | 'V' | 'P' | 'U' | undefined;
  supplementalOxygen?: boolean | undefined;
};
export type Spo2ScaleCommand = { type: 'spo2-scale'; scale: 1 | 2; reason: string; by: string; at: number };

/** Nurse-entered NEWS2 parameters and the clinician's SpO2 scale: stored, then NEWS2 again. */
export function onObservation(s: PatientState, cfg: EngineConfig, cmd: ObservationCommand | Spo2ScaleCommand): AlertRecord[] {
  if (cmd.type === 'spo2-scale') {
    s.spo2Scale = { scale: cmd.scale, reason: cmd.reason, by: cmd.by, at: cmd.at };
  } else {
    s.observed ??= {};
    if (cmd.consciousness !== undefined) s.observed.consciousness = { value: cmd.consciousness === 'A' ? 0 : 1, at: cmd.at, by: cmd.by };
    if (cmd.supplementalOxygen !== undefined) s.observed.supplemental_oxygen = { value: cmd.supplementalOxygen ? 1 : 0, at: cmd.at, by: cmd.by };
  }
  const device = Object.keys(s.devices)[0] ?? '';
  return evaluateNews2(s, cfg, device);
}
