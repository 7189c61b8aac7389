/**
 * The alert engine: per-patient state in, alert changes out. Pure (no I/O, no clock):
 * the worker feeds it records and ticks, persists its state, and publishes the changes.
 * Same inputs give the same alert ids, so a Kafka replay after a crash raises nothing new.
 * A change returned is a copy taken at that transition, never the live record in the
 * state: a backlog can open and resolve an alert within one worker batch, and both
 * transitions must go out as they were ("open" then "resolved", not "resolved" twice).
 */
import { createHash } from 'node:crypto';
import type { Sample, VitalsBatch } from '../common/proto.js';
import { vitalByKind } from '../common/vital-kinds.js';
import { initialLimitState, rulesFor, stepLimit, type Direction, type LimitRule, type LimitState, type Priority } from './limits.js';
import { BAND_ORDER, news2, type News2Band } from '../common/news2.js';

export type AlertStateName = 'open' | 'acknowledged' | 'resolved';

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
}

export interface PatientState {
  patientId: string;
  latest: Record<string, { value: number; at: number }>;
  limits: Record<string, LimitState>;
  news2: { score: number; band: News2Band } | null;
  devices: Record<string, DeviceTrack>;
  /** The current (latest) alert of each kind. */
  alerts: Record<string, AlertRecord>;
  overrides?: Partial<Record<string, Partial<Omit<LimitRule, 'vital'>>>>;
}

export interface EngineConfig {
  rules: readonly LimitRule[];
  /** A recurrence within this time after resolution re-opens the same alert. @defaultValue 120_000 (ms) */
  cooldownMs: number;
  /** Values older than this do not count for NEWS2. @defaultValue 300_000 (ms) */
  news2FreshMs: number;
  /** At least this many NEWS2 parameters needed for a score. @defaultValue 4 */
  news2MinParams: number;
  /** No data for this long means "device offline". @defaultValue 45_000 (ms) */
  inactivityMs: number;
  /** How many recent sequences per device are remembered. @defaultValue 512 */
  seqWindow: number;
}

export const DEFAULT_ENGINE_CONFIG: Omit<EngineConfig, 'rules'> = {
  cooldownMs: 120_000,
  news2FreshMs: 300_000,
  news2MinParams: 4,
  inactivityMs: 45_000,
  seqWindow: 512,
};

export const newPatientState = (patientId: string): PatientState => ({ patientId, latest: {}, limits: {}, news2: null, devices: {}, alerts: {} });

const alertId = (patientId: string, kind: string, at: number) =>
  createHash('sha256').update(`${patientId}|${kind}|${at}`).digest('hex').slice(0, 24);

const BAND_PRIORITY: Record<News2Band, Priority> = { low: 'low', 'low-medium': 'medium', medium: 'medium', high: 'high' };

function raise(s: PatientState, cfg: EngineConfig, a: Omit<AlertRecord, 'id' | 'state' | 'raisedAt' | 'updatedAt' | 'resolvedAt' | 'acknowledgedBy' | 'patientId'>, at: number): AlertRecord | null {
  const current = s.alerts[a.kind];
  if (current && current.state !== 'resolved') {
    // Same episode still active: escalate priority if it rose, otherwise nothing new.
    if (a.priority !== current.priority && rank(a.priority) > rank(current.priority)) {
      Object.assign(current, { priority: a.priority, value: a.value, message: a.message, news2Score: a.news2Score, news2Band: a.news2Band, updatedAt: Math.max(at, current.updatedAt) });
      return { ...current };
    }
    return null;
  }
  if (current && current.resolvedAt !== null && at - current.resolvedAt < cfg.cooldownMs) {
    Object.assign(current, { ...a, state: 'open', resolvedAt: null, acknowledgedBy: '', updatedAt: Math.max(at, current.updatedAt) });
    return { ...current };
  }
  const rec: AlertRecord = { ...a, id: alertId(s.patientId, a.kind, at), patientId: s.patientId, state: 'open', raisedAt: at, updatedAt: at, resolvedAt: null, acknowledgedBy: '' };
  s.alerts[a.kind] = rec;
  return { ...rec };
}

function resolve(s: PatientState, kind: string, at: number, value?: number): AlertRecord | null {
  const current = s.alerts[kind];
  if (!current || current.state === 'resolved') return null;
  current.state = 'resolved';
  current.resolvedAt = at;
  current.updatedAt = Math.max(at, current.updatedAt);
  if (value !== undefined) current.value = value;
  return { ...current };
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

function trackFor(s: PatientState, deviceId: string, at: number): DeviceTrack {
  let t = s.devices[deviceId];
  if (!t) { t = { lastSeen: at, online: true, statusAt: 0, seen: [] }; s.devices[deviceId] = t; }
  return t;
}

/** Processes one batch of vitals. `receivedAt` is the worker's clock (for inactivity). */
export function onBatch(s: PatientState, cfg: EngineConfig, batch: VitalsBatch, receivedAt: number): AlertRecord[] {
  const out: AlertRecord[] = [];
  const track = trackFor(s, batch.deviceId, receivedAt);
  if (isDuplicate(track, batch.sequence, cfg.seqWindow)) return out;
  track.lastSeen = Math.max(track.lastSeen, receivedAt);
  // Data from a device is proof it is online, whatever its last status said.
  if (!track.online) {
    track.online = true;
    const r = resolve(s, `device-offline:${batch.deviceId}`, receivedAt);
    if (r) out.push(r);
  }
  const rules = compiledRules(cfg.rules, s.overrides);
  const given = batch.samples as Sample[];
  const samples = isSorted(given) ? given : [...given].sort((a, b) => a.measuredAtMs - b.measuredAtMs);
  for (const sample of samples) {
    const info = vitalByKind(sample.kind);
    if (!info) continue;
    const prev = s.latest[info.key];
    if (!prev || sample.measuredAtMs >= prev.at) s.latest[info.key] = { value: sample.value, at: sample.measuredAtMs };
    else continue; // an older (replayed) reading never overrides the current picture
    for (const { rule, dir, key, kind } of rules.get(info.key) ?? []) {
      const st = (s.limits[key] ??= initialLimitState());
      const tr = stepLimit(rule, dir, st, sample.value, sample.measuredAtMs);
      if (tr?.type === 'raise') {
        const r = raise(s, cfg, {
          deviceId: batch.deviceId, kind, priority: rule.priority, vital: rule.vital, value: tr.value, threshold: tr.threshold,
          message: `${info.display} ${dir} ${tr.value} ${info.ucum} (limit ${tr.threshold})`, news2Score: s.news2?.score ?? -1, news2Band: s.news2?.band ?? '',
        }, tr.at);
        if (r) out.push(r);
      } else if (tr?.type === 'clear') {
        const r = resolve(s, kind, tr.at, tr.value);
        if (r) out.push(r);
      }
    }
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
const isSorted = (xs: Sample[]) => xs.every((x, i) => i === 0 || xs[i - 1]!.measuredAtMs <= x.measuredAtMs);

function evaluateNews2(s: PatientState, cfg: EngineConfig, deviceId: string): AlertRecord[] {
  const newest = Math.max(...Object.values(s.latest).map((v) => v.at));
  const fresh = (key: string) => {
    const v = s.latest[key];
    return v && newest - v.at <= cfg.news2FreshMs ? v.value : undefined;
  };
  const oxygen = fresh('supplemental_oxygen');
  const conscious = fresh('consciousness');
  const result = news2({
    respiratoryRate: fresh('respiratory_rate'),
    spo2: fresh('spo2'),
    // Devices that do not report these are taken as room air and alert; said in the alert text.
    supplementalOxygen: oxygen === undefined ? false : oxygen >= 0.5,
    systolic: fresh('bp_systolic'),
    heartRate: fresh('heart_rate'),
    cvpu: conscious === undefined ? false : conscious >= 0.5,
    temperature: fresh('temperature'),
  });
  const measured = 7 - result.missing.length;
  if (measured - (oxygen === undefined ? 1 : 0) - (conscious === undefined ? 1 : 0) < cfg.news2MinParams) return [];
  const previous = s.news2?.band ?? 'low';
  s.news2 = { score: result.score, band: result.band };
  const rose = BAND_ORDER.indexOf(result.band) > BAND_ORDER.indexOf(previous);
  const fell = BAND_ORDER.indexOf(result.band) < BAND_ORDER.indexOf(previous);
  const assumed = [oxygen === undefined ? 'room air' : '', conscious === undefined ? 'alert' : ''].filter(Boolean).join(', ');
  if (rose && result.band !== 'low') {
    const r = raise(s, cfg, {
      deviceId, kind: 'news2', priority: BAND_PRIORITY[result.band], vital: 'news2', value: result.score, threshold: 0,
      message: `NEWS2 ${result.score} (${result.band})${assumed ? `; assumed ${assumed}` : ''}`, news2Score: result.score, news2Band: result.band,
    }, newest);
    return r ? [r] : [];
  }
  if (fell) {
    const current = s.alerts.news2;
    if (result.band === 'low') {
      const r = resolve(s, 'news2', newest, result.score);
      return r ? [r] : [];
    }
    if (current && current.state !== 'resolved') {
      Object.assign(current, { priority: BAND_PRIORITY[result.band], value: result.score, news2Score: result.score, news2Band: result.band, message: `NEWS2 ${result.score} (${result.band})`, updatedAt: Math.max(newest, current.updatedAt) });
      return [{ ...current }];
    }
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
    const r = resolve(s, kind, receivedAt);
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

/** The inactivity timer: a device silent for `inactivityMs` is offline even if its Will was lost. */
export function onTick(s: PatientState, cfg: EngineConfig, now: number): AlertRecord[] {
  const out: AlertRecord[] = [];
  for (const [deviceId, track] of Object.entries(s.devices)) {
    if (!track.online || now - track.lastSeen < cfg.inactivityMs) continue;
    track.online = false;
    const r = raise(s, cfg, {
      deviceId, kind: `device-offline:${deviceId}`, priority: 'medium', vital: 'device', value: (now - track.lastSeen) / 1000, threshold: cfg.inactivityMs / 1000,
      message: `device ${deviceId} silent for ${Math.round((now - track.lastSeen) / 1000)} s`, news2Score: s.news2?.score ?? -1, news2Band: s.news2?.band ?? '',
    }, track.lastSeen + cfg.inactivityMs);
    if (r) out.push(r);
  }
  return out;
}

/** A clinician acknowledges (or resolves) an alert by id. */
export function onCommand(s: PatientState, cmd: { type: 'acknowledge' | 'resolve'; alertId: string; by: string; at: number }): AlertRecord[] {
  const a = Object.values(s.alerts).find((x) => x.id === cmd.alertId);
  if (!a || a.state === 'resolved') return [];
  if (cmd.type === 'acknowledge') {
    if (a.state === 'acknowledged') return [];
    a.state = 'acknowledged';
    a.acknowledgedBy = cmd.by;
  } else {
    a.state = 'resolved';
    a.resolvedAt = cmd.at;
  }
  a.updatedAt = Math.max(cmd.at, a.updatedAt);
  return [{ ...a }];
}

