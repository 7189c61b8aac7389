/**
 * An alert's lifecycle from data: a condition raises (or re-opens, or raises the priority of)
 * its alert; its end resolves it or latches it. Changes out are copies taken at the transition.
 */
import { createHash } from 'node:crypto';
import type { Priority } from '../limits.js';
import type { AlertCategoryName, AlertRecord, ChangeReason, EngineConfig, PatientState } from './types.js';

const alertId = (patientId: string, kind: string, at: number) =>
  createHash('sha256').update(`${patientId}|${kind}|${at}`).digest('hex').slice(0, 24);

export type RaiseInput = Omit<AlertRecord, 'id' | 'state' | 'raisedAt' | 'updatedAt' | 'resolvedAt' | 'acknowledgedBy' | 'patientId' | 'category' | 'conditionActive' | 'latched'
  | 'escalationLevel' | 'escalatedAt' | 'openedAt' | 'acknowledgedUntil' | 'news2Missing' | 'news2Response' | 'change'> & Partial<Pick<AlertRecord, 'news2Missing' | 'news2Response'>>;

/** Technical alarm conditions: the equipment or the monitoring chain, not the patient. */
export const categoryOf = (kind: string): AlertCategoryName =>
  /^(device-offline|battery-low|sensor-off|clock-skew|monitoring-interrupted)(:|$)/.test(kind) ? 'technical' : 'physiological';

export const emitted = (a: AlertRecord, change: ChangeReason): AlertRecord => { a.change = change; return { ...a }; };

/** The alarm condition `a.kind` exists (from data at event time `at`). */
export function raise(s: PatientState, cfg: EngineConfig, a: RaiseInput, at: number): AlertRecord | null {
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
export function clearCondition(s: PatientState, cfg: EngineConfig, kind: string, at: number, value?: number): AlertRecord | null {
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

export function resolveAlert(a: AlertRecord, at: number): AlertRecord {
  Object.assign(a, { state: 'resolved', resolvedAt: at, latched: false, conditionActive: false, acknowledgedUntil: 0, updatedAt: Math.max(at, a.updatedAt) });
  return emitted(a, 'resolved');
}

/** Alerts persisted before issue 14 lack the alarm-model fields: an unresolved one is a live condition. */
export function upgradeAlert(a: AlertRecord): void {
  if (a.conditionActive !== undefined) return;
  Object.assign(a, {
    category: categoryOf(a.kind), conditionActive: a.state !== 'resolved', latched: false, escalationLevel: 0, escalatedAt: 0,
    openedAt: a.raisedAt, acknowledgedUntil: 0, news2Missing: '', news2Response: '', change: 'updated',
  });
}

const rank = (p: Priority) => (p === 'high' ? 3 : p === 'medium' ? 2 : 1);
