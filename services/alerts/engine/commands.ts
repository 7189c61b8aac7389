/** People's commands: acknowledge, resolve, discharge, nurse-entered observations and the SpO2 scale. */
import type { AlertCommand } from '../../common/alert-contract-commands.js';
import type { VitalsBatch } from '../../common/proto.js';
import { evaluateNews2 } from './news2-alert.js';
import { emitted, resolveAlert, upgradeAlert } from './records.js';
import type { AlertRecord, EngineConfig, PatientState } from './types.js';

export type CommandResult = { changes: AlertRecord[]; refused?: string };

/**
 * A clinician acknowledges or resolves an alert by id. Acknowledging a latched alert (its
 * condition over) ends it; otherwise the acknowledgement holds for the priority's time.
 * Resolving is refused while the condition exists (the API says 409 first; this guards
 * against a stale view): only data clears a condition.
 */
export function onCommand(s: PatientState, cfg: EngineConfig, cmd: Of<'acknowledge' | 'resolve'>): CommandResult {
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

// The commands' shapes are the alert contract's (issue 13), less the patient id (the state is the patient's).
type Of<T extends AlertCommand['type']> = Omit<Extract<AlertCommand, { type: T }>, 'patientId'>;
/** ACVPU ('A' alert; C, V, P, U score 3) and/or supplemental oxygen, entered by a nurse. */
export type ObservationCommand = Of<'observation'>;
export type Spo2ScaleCommand = Of<'spo2-scale'>;

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
