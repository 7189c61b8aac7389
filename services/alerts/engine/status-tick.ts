/** Device status (online, offline, Last Will) and the worker's timers: inactivity, acknowledgement end, escalation. */
import { trackFor } from './device-track.js';
import { clearCondition, emitted, raise, upgradeAlert } from './records.js';
import type { AlertRecord, EngineConfig, PatientState } from './types.js';

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
