/** The engine's state and configuration types, and their defaults. */
import type { LimitRule, LimitState, Priority } from '../limits.js';
import { NEWS2_MIN_PARAMETERS, type News2Band } from '../../common/news2.js';
import type { AlertRecord } from '../../common/alert-contract.js';

// The record and its enums are the alert contract's (issue 13: one shape, one enum map).
export type { AlertCategoryName, AlertRecord, AlertStateName, ChangeReason } from '../../common/alert-contract.js';

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
