/**
 * The alert contract (issue 13): the one place that knows an alert's shapes and maps between
 * them: the engine's record (what the worker keeps and persists), the wire's vitals.v1.Alert,
 * and the API's view, with one enum map each way. The commands about alerts (vitals.v1.
 * AlertCommand) are in alert-contract-commands.ts.
 */
import { Alert, AlertCategory, AlertPriority, AlertState, VitalKind, type AlertInit } from './proto.js';
import { vitalByKey } from './vital-kinds.js';

/** A wire enum and its names, both ways. Unknown wire numbers map to nothing. */
export interface EnumMap<N extends string> {
  /** The names, in the order the API documents them. */
  readonly names: readonly N[];
  toWire(name: N): number;
  fromWire(value: number): N | undefined;
}

export function enumMap<const N extends string>(pairs: Record<N, number>, order: readonly N[]): EnumMap<N> {
  const byWire = new Map<number, N>(order.map((n) => [pairs[n], n]));
  return { names: order, toWire: (name) => pairs[name], fromWire: (value) => byWire.get(value) };
}

export type PriorityName = 'high' | 'medium' | 'low';
export type AlertStateName = 'open' | 'acknowledged' | 'resolved';
export type AlertCategoryName = 'physiological' | 'technical';

export const PRIORITY = enumMap<PriorityName>(
  { high: AlertPriority.ALERT_PRIORITY_HIGH, medium: AlertPriority.ALERT_PRIORITY_MEDIUM, low: AlertPriority.ALERT_PRIORITY_LOW }, ['high', 'medium', 'low']);
export const STATE = enumMap<AlertStateName>(
  { open: AlertState.ALERT_STATE_OPEN, acknowledged: AlertState.ALERT_STATE_ACKNOWLEDGED, resolved: AlertState.ALERT_STATE_RESOLVED }, ['open', 'acknowledged', 'resolved']);
export const CATEGORY = enumMap<AlertCategoryName>(
  { physiological: AlertCategory.ALERT_CATEGORY_PHYSIOLOGICAL, technical: AlertCategory.ALERT_CATEGORY_TECHNICAL }, ['physiological', 'technical']);

/**
 * Why a change was emitted (the wire's `change`, a string there): only 'raised' is a new
 * alarm. Alerts written before issue 14 carry ''.
 */
export const CHANGE_REASONS = ['raised', 'reopened', 'priority-raised', 'priority-lowered', 'updated', 'condition-returned', 'latched', 'acknowledged',
  'acknowledgement-expired', 'escalated', 'resolved', 'discharged'] as const;
export type ChangeReason = typeof CHANGE_REASONS[number];

/** The alert engine's record (services/alerts/engine), as the worker keeps and persists it. */
export interface AlertRecord {
  id: string;
  patientId: string;
  deviceId: string;
  kind: string;
  priority: PriorityName;
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

/** An alert as the API serves it (OpenAPI `Alert`, services/api/openapi.ts). Times are epoch ms. */
export interface AlertView {
  id: string; patientId: string; deviceId: string; kind: string; priority: PriorityName; state: AlertStateName;
  value: number; threshold: number; message: string; raisedAt: number; updatedAt: number; acknowledgedBy: string; news2Score: number; news2Band: string;
  category: AlertCategoryName; conditionActive: boolean; latched: boolean; escalationLevel: number; escalatedAt: number;
  acknowledgedUntil: number; news2Missing: string; news2Response: string;
  /** A {@link ChangeReason}, or '' on an alert written before issue 14 (or a reason a newer worker added). */
  change: string;
}

/** The wire form (vitals.v1.Alert) of an engine record. */
export function alertToWire(a: AlertRecord): AlertInit {
  return {
    alertId: a.id,
    patientId: a.patientId,
    deviceId: a.deviceId,
    kind: a.kind,
    priority: PRIORITY.toWire(a.priority),
    state: STATE.toWire(a.state),
    vital: vitalByKey(a.vital)?.kind ?? VitalKind.VITAL_KIND_UNSPECIFIED,
    value: a.value,
    threshold: a.threshold,
    message: a.message,
    raisedAtMs: a.raisedAt,
    updatedAtMs: a.updatedAt,
    news2Score: a.news2Score,
    news2Band: a.news2Band,
    acknowledgedBy: a.acknowledgedBy,
    // A record persisted before issue 14 has no category: unspecified on the wire, as then.
    category: a.category === undefined ? AlertCategory.ALERT_CATEGORY_UNSPECIFIED : CATEGORY.toWire(a.category),
    conditionActive: a.conditionActive,
    latched: a.latched,
    escalationLevel: a.escalationLevel,
    escalatedAtMs: a.escalatedAt,
    acknowledgedUntilMs: a.acknowledgedUntil,
    news2Missing: a.news2Missing,
    news2Response: a.news2Response,
    change: a.change,
  };
}

/** The encoded vitals.v1.Alert of an engine record (the Kafka alerts topic, MQTT alerts/v1/#). */
export const encodeAlert = (a: AlertRecord): Uint8Array => Alert.encode(alertToWire(a)).finish();

/**
 * The API's view of a decoded vitals.v1.Alert. What an older writer left unset gets the
 * meaning it had then: no category is physiological, and an alert without a `change` (before
 * issue 14) carries no condition flag, so an unresolved one counts as a live condition.
 */
export function alertViewFromWire(a: Alert): AlertView {
  const state = STATE.fromWire(a.state) ?? 'open';
  return {
    id: a.alertId, patientId: a.patientId, deviceId: a.deviceId, kind: a.kind, priority: PRIORITY.fromWire(a.priority) ?? 'low', state,
    value: a.value, threshold: a.threshold, message: a.message, raisedAt: Number(a.raisedAtMs), updatedAt: Number(a.updatedAtMs), acknowledgedBy: a.acknowledgedBy,
    news2Score: a.news2Score, news2Band: a.news2Band, category: CATEGORY.fromWire(a.category) ?? 'physiological',
    conditionActive: a.change ? a.conditionActive : state !== 'resolved',
    latched: a.latched, escalationLevel: a.escalationLevel, escalatedAt: Number(a.escalatedAtMs), acknowledgedUntil: Number(a.acknowledgedUntilMs),
    news2Missing: a.news2Missing, news2Response: a.news2Response, change: a.change,
  };
}

/** The API's view of encoded vitals.v1.Alert bytes; throws on bytes that are not one. */
export const decodeAlertView = (bytes: Uint8Array): AlertView => alertViewFromWire(Alert.decode(bytes));

/** An engine record as the state topic may hold it: one persisted before issue 14 lacks the alarm-model fields. */
export type StoredAlertRecord = Partial<AlertRecord> & Pick<AlertRecord, 'id' | 'patientId' | 'deviceId' | 'kind' | 'priority' | 'state' | 'value' | 'threshold'
  | 'message' | 'raisedAt' | 'updatedAt' | 'news2Score' | 'news2Band'>;

/** The API's view of an engine record (the worker's compacted state topic), old records with the same defaults as {@link alertViewFromWire}. */
export function alertViewFromRecord(a: StoredAlertRecord): AlertView {
  return {
    id: a.id, patientId: a.patientId, deviceId: a.deviceId, kind: a.kind, priority: a.priority, state: a.state, value: a.value, threshold: a.threshold,
    message: a.message, raisedAt: a.raisedAt, updatedAt: a.updatedAt, acknowledgedBy: a.acknowledgedBy ?? '', news2Score: a.news2Score, news2Band: a.news2Band,
    category: a.category ?? 'physiological', conditionActive: a.conditionActive ?? a.state !== 'resolved', latched: a.latched ?? false,
    escalationLevel: a.escalationLevel ?? 0, escalatedAt: a.escalatedAt ?? 0, acknowledgedUntil: a.acknowledgedUntil ?? 0,
    news2Missing: a.news2Missing ?? '', news2Response: a.news2Response ?? '', change: a.change ?? '',
  };
}
