/**
 * One batch of vitals: de-duplication, the device's clock, battery and sensor-off technical
 * alarms, the per-vital limits (with their compiled rules), then NEWS2.
 */
import type { Sample, VitalsBatch } from '../../common/proto.js';
import { vitalByKey, vitalByKind } from '../../common/vital-kinds.js';
import { initialLimitState, rulesFor, stepLimit, type Direction, type LimitRule, type LimitState, type Priority } from '../limits.js';
import { isDuplicateBatch } from './dedupe.js';
import { trackClock, trackFor } from './device-track.js';
import { evaluateNews2 } from './news2-alert.js';
import { clearCondition, raise } from './records.js';
import type { AlertRecord, EngineConfig, PatientState } from './types.js';

/**
 * Processes one batch of vitals. `receivedAt` is the ingest's clock (for inactivity and clock checks).
 *
 * The worker's hot path (issue 17): it makes no closure per call (under tsx every one costs a
 * defineProperty for its name) and no object per sample.
 */
export function onBatch(s: PatientState, cfg: EngineConfig, batch: VitalsBatch, receivedAt: number): AlertRecord[] {
  const out: AlertRecord[] = [];
  const track = trackFor(s, batch.deviceId, receivedAt);
  if (isDuplicateBatch(track, batch, cfg.seqWindow)) return out;
  // Whether the patient has any alert now. Every condition this function clears under this
  // guard (offline, clock skew, battery, sensor off) is one it cannot have raised itself
  // before the clear, so with no alert at the start there is nothing to clear (clearCondition
  // would find no alert of its kind): the kind's string is not even built.
  const alerting = hasAny(s.alerts);
  track.lastSeen = Math.max(track.lastSeen, receivedAt);
  // Data from a device is proof it is online, whatever its last status said.
  if (!track.online) {
    track.online = true;
    if (alerting) pushIf(out, clearCondition(s, cfg, `device-offline:${batch.deviceId}`, receivedAt));
  }

  // Device clock: a technical alarm past the bound; samples put back on the pipeline's clock.
  const offset = trackClock(track, batch.sentAtMs, receivedAt);
  if (Math.abs(offset) > cfg.clockSkewMs) {
    pushIf(out, technical(s, cfg, batch.deviceId, receivedAt, `clock-skew:${batch.deviceId}`, 'low', offset / 1000, cfg.clockSkewMs / 1000, `device ${batch.deviceId} clock ${offset > 0 ? 'ahead' : 'behind'} by ${Math.round(Math.abs(offset) / 1000)} s; its samples are evaluated on receive time`));
  } else if (alerting && Math.abs(offset) <= cfg.clockSkewMs / 2) {
    pushIf(out, clearCondition(s, cfg, `clock-skew:${batch.deviceId}`, receivedAt, offset / 1000));
  }
  const shift = Math.abs(offset) > cfg.futureToleranceMs ? offset : 0;

  // Battery: two thresholds (technical alarm, low then medium priority). 0 = not reported (proto3 default).
  const battery = batch.batteryPercent;
  if (battery > 0) {
    track.battery = battery;
    if (battery <= cfg.battery.critical) pushIf(out, technical(s, cfg, batch.deviceId, receivedAt, `battery-low:${batch.deviceId}`, 'medium', battery, cfg.battery.critical, `device ${batch.deviceId} battery critical: ${Math.round(battery)} %`));
    else if (battery <= cfg.battery.low) pushIf(out, technical(s, cfg, batch.deviceId, receivedAt, `battery-low:${batch.deviceId}`, 'low', battery, cfg.battery.low, `device ${batch.deviceId} battery low: ${Math.round(battery)} %`));
    else if (alerting && battery > cfg.battery.clear) pushIf(out, clearCondition(s, cfg, `battery-low:${batch.deviceId}`, receivedAt, battery));
  }

  const rules = compiledRules(cfg.rules, s.overrides);
  // Each sample on the pipeline's clock: less the device's offset, and never ahead of its
  // receipt (one sample stamped in the future must not freeze the picture: issue 14).
  // Evaluated in time order; a batch already in order (the usual case) is walked as it is,
  // without a copy of every sample.
  const raw = batch.samples as Sample[];
  const ahead = receivedAt + cfg.futureToleranceMs;
  let inOrder = true;
  for (let i = 1; i < raw.length && inOrder; i++) inOrder = sampleAt(raw[i - 1]!, shift, ahead, receivedAt) <= sampleAt(raw[i]!, shift, ahead, receivedAt);
  const sorted = inOrder ? null : raw.map((x) => ({ kind: x.kind, value: x.value, at: sampleAt(x, shift, ahead, receivedAt) })).sort((a, b) => a.at - b.at);
  const vitalAt = (track.vitalAt ??= {});
  for (let i = 0; i < raw.length; i++) {
    const x = sorted ? sorted[i]! : raw[i]!;
    const value = x.value;
    const at = sorted ? sorted[i]!.at : sampleAt(raw[i]!, shift, ahead, receivedAt);
    const info = vitalByKind(x.kind);
    if (!info) continue;
    if (vitalAt[info.key] === undefined || vitalAt[info.key]! < receivedAt) {
      vitalAt[info.key] = receivedAt;
      if (alerting) pushIf(out, clearCondition(s, cfg, `sensor-off:${batch.deviceId}:${info.key}`, receivedAt));
    }
    const prev = s.latest[info.key];
    // An older (replayed) reading of this vital never overrides its current picture.
    if (prev && at < prev.at) continue;
    if (prev) { prev.value = value; prev.at = at; } else s.latest[info.key] = { value, at };
    for (const { rule, dir, key, kind } of rules.get(info.key) ?? NO_RULES) {
      // A limit inside its bounds with nothing pending is not kept (nor persisted): absent
      // means the initial state. Stepped on a scratch copy, kept only if it left that state.
      const kept = s.limits[key];
      const st = kept ?? Object.assign(scratch, IDLE);
      const tr = stepLimit(rule, dir, st, value, at);
      if (!kept) { if (!isIdle(st)) s.limits[key] = { ...st }; } else if (isIdle(st)) delete s.limits[key];
      if (tr?.type === 'raise') {
        pushIf(out, raise(s, cfg, {
          deviceId: batch.deviceId, kind, priority: rule.priority, vital: rule.vital, value: tr.value, threshold: tr.threshold,
          message: `${info.display} ${dir} ${tr.value} ${info.ucum} (limit ${tr.threshold})`, news2Score: s.news2?.score ?? -1, news2Band: s.news2?.band ?? '',
        }, tr.at));
      } else if (tr?.type === 'clear') {
        pushIf(out, clearCondition(s, cfg, kind, tr.at, tr.value));
      }
    }
  }
  // Sensor off: the device keeps sending, but one of its continuous vitals has stopped (a
  // probe off the finger). A device that stops altogether is "offline" instead.
  for (const v of cfg.sensorOffVitals) {
    const at = vitalAt[v];
    if (at === undefined || receivedAt - at < cfg.sensorOffMs) continue;
    const info = vitalByKey(v);
    pushIf(out, technical(s, cfg, batch.deviceId, receivedAt, `sensor-off:${batch.deviceId}:${v}`, 'medium', (receivedAt - at) / 1000, cfg.sensorOffMs / 1000, `${info?.display ?? v} sensor off on ${batch.deviceId}: nothing for ${Math.round((receivedAt - at) / 1000)} s`));
  }
  for (const r of evaluateNews2(s, cfg, batch.deviceId)) out.push(r);
  return out;
}

function pushIf(out: AlertRecord[], r: AlertRecord | null): void {
  if (r) out.push(r);
}

/** A technical alarm condition of the device (raised at receive time). */
function technical(s: PatientState, cfg: EngineConfig, deviceId: string, receivedAt: number, kind: string, priority: Priority, value: number, threshold: number, message: string): AlertRecord | null {
  return raise(s, cfg, { deviceId, kind, priority, vital: 'device', value, threshold, message, news2Score: s.news2?.score ?? -1, news2Band: s.news2?.band ?? '' }, receivedAt);
}

/** A sample's time on the pipeline's clock: less the device's offset, never past `ahead` (then at receipt). */
function sampleAt(x: Sample, shift: number, ahead: number, receivedAt: number): number {
  const t = x.measuredAtMs - shift;
  return t > ahead ? receivedAt : t;
}

interface CompiledRule { rule: LimitRule; dir: Direction; key: string; kind: string }
const NO_RULES: CompiledRule[] = [];
const IDLE: LimitState = Object.freeze(initialLimitState());
const scratch: LimitState = initialLimitState();
const isIdle = (st: LimitState) => st.since === null && st.count === 0 && !st.alarming;

/**
 * A state as the store held it, made current: limits in their initial state are not kept
 * (state persisted before issue 17 kept every one). Returns `s`, changed in place.
 */
export function fromStored(s: PatientState): PatientState {
  for (const key of Object.keys(s.limits ?? {})) if (isIdle(s.limits[key]!)) delete s.limits[key];
  return s;
}
const hasAny = (o: object) => { for (const _ in o) return true; return false; };
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
