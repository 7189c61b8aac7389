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
 *
 * The engine lives in engine/ (issue 13: one concern per module); this entry re-exports its
 * public names, so importers do not change.
 */
export type { AlertCategoryName, AlertRecord, AlertStateName, ChangeReason, DeviceTrack, EngineConfig, Observed, PatientState, Per } from './engine/types.js';
export { DEFAULT_ENGINE_CONFIG, newPatientState } from './engine/types.js';
export { categoryOf } from './engine/records.js';
export { isDuplicate, isDuplicateBatch } from './engine/dedupe.js';
export { trackClock } from './engine/device-track.js';
export { fromStored, onBatch } from './engine/batch.js';
export { needsTick, onStatus, onTick } from './engine/status-tick.js';
export { beforeDischarge, onCommand, onDischarge, onObservation, type CommandResult, type ObservationCommand, type Spo2ScaleCommand } from './engine/commands.js';
