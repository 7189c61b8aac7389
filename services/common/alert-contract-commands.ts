/**
 * People's commands to the alert worker (vitals.v1.AlertCommand on the alert-commands topic):
 * the one type, encoder and decoder. The decoder rejects a command it cannot apply as written
 * with a {@link ValidationError} whose message is the reason; the worker dead-letters it.
 */
import type { KafkaMessage, Message } from 'kafkajs';
import { PRIORITY, enumMap, type PriorityName as Priority } from './alert-contract.js';
import { clip, deadLetterCopy } from './dead-letter.js';
import { ValidationError } from './errors.js';
import { Acvpu, AlertCommand as WireCommand, type AlertCommandInit } from './proto.js';
import { PATIENT_ID_RE } from './topics.js';
import { VITAL_KEYS } from './vital-kinds.js';

/** ACVPU: 'A' alert; C (new confusion), V, P, U score 3 in NEWS2. */
export type AcvpuLetter = 'A' | 'C' | 'V' | 'P' | 'U';
export const ACVPU = enumMap<AcvpuLetter>(
  { A: Acvpu.ACVPU_ALERT, C: Acvpu.ACVPU_CONFUSION, V: Acvpu.ACVPU_VOICE, P: Acvpu.ACVPU_PAIN, U: Acvpu.ACVPU_UNRESPONSIVE }, ['A', 'C', 'V', 'P', 'U']);

/** One vital's limit override: only the fields given replace the default rule's. */
export interface LimitOverride { low?: number; high?: number; delayMs?: number; delaySamples?: number; hysteresis?: number; priority?: Priority }
/** Per-patient limit overrides, by vital key (services/common/vital-kinds.ts). */
export type LimitOverrides = Partial<Record<string, LimitOverride>>;

/**
 * A command, as the API sends it and the worker applies it. `by` is the author (the
 * principal's id), `at` the time the API accepted it (epoch ms). A limits command written by
 * the release before issue 13 has no author or time: `by` '' and `at` 0.
 */
export type AlertCommand =
  | { type: 'acknowledge' | 'resolve'; patientId: string; alertId: string; by: string; at: number }
  | { type: 'limits'; patientId: string; overrides: LimitOverrides; by: string; at: number }
  | { type: 'observation'; patientId: string; consciousness?: AcvpuLetter | undefined; supplementalOxygen?: boolean | undefined; by: string; at: number }
  | { type: 'spo2-scale'; patientId: string; scale: 1 | 2; reason: string; by: string; at: number }
  | { type: 'discharge'; patientId: string; by: string; at: number };

const LIMIT_FIELDS = ['low', 'high', 'delayMs', 'delaySamples', 'hysteresis', 'priority'] as const;
const ALERT_ID_RE = /^[a-f0-9]{24}$/;
const COMMAND_TYPES: readonly unknown[] = ['acknowledge', 'resolve', 'limits', 'observation', 'spo2-scale', 'discharge'] satisfies AlertCommand['type'][];

const bad = (reason: string): never => { throw new ValidationError('ALERTS_ERR_COMMAND', reason); };

/** The wire form of a command; throws (a programming error in the caller) if it is not one the worker would apply. */
export function encodeCommand(cmd: AlertCommand): Buffer {
  const c = checkCommand(cmd, false);
  const base = { patientId: c.patientId, author: c.by, atMs: c.at };
  let init: AlertCommandInit;
  switch (c.type) {
    case 'acknowledge': init = { ...base, acknowledge: { alertId: c.alertId } }; break;
    case 'resolve': init = { ...base, resolve: { alertId: c.alertId } }; break;
    case 'limits': {
      const overrides: NonNullable<NonNullable<AlertCommandInit['limits']>['overrides']> = {};
      for (const [vital, o] of Object.entries(c.overrides)) {
        const { priority, ...numbers } = o!;
        overrides[vital] = { ...numbers, ...(priority ? { priority: PRIORITY.toWire(priority) } : {}) };
      }
      init = { ...base, limits: { overrides } };
      break;
    }
    case 'observation':
      init = { ...base, observation: { ...(c.consciousness ? { consciousness: ACVPU.toWire(c.consciousness) } : {}), ...(c.supplementalOxygen !== undefined ? { supplementalOxygen: c.supplementalOxygen } : {}) } };
      break;
    case 'spo2-scale': init = { ...base, spo2Scale: { scale: c.scale, reason: c.reason } }; break;
    case 'discharge': init = { ...base, discharge: {} }; break;
  }
  return Buffer.from(WireCommand.encode(init).finish());
}

/**
 * The command in a record of the alert-commands topic. Throws a ValidationError
 * (ALERTS_ERR_COMMAND) whose message says what is wrong.
 *
 * Compatibility (issue 13): the release before wrote commands as JSON objects
 * (`{"type":"acknowledge","patientId":...}`). A record whose first byte is `{` is read as
 * that form, so a topic holding commands of the previous release still works. No
 * vitals.v1.AlertCommand starts with `{` (0x7b: field 15 with the deprecated group wire type).
 */
export function decodeCommand(value: Uint8Array | null | undefined): AlertCommand {
  if (!value || value.length === 0) return bad('empty record');
  if (value[0] === 0x7b) return checkCommand(legacyJson(value), true);
  let m: WireCommand;
  try {
    m = WireCommand.decode(value);
  } catch (err) {
    return bad(`not a vitals.v1.AlertCommand (${(err as Error).message})`);
  }
  const base = { patientId: m.patientId, by: m.author, at: Number(m.atMs) };
  switch (m.command) {
    case 'acknowledge': return checkCommand({ ...base, type: 'acknowledge', alertId: m.acknowledge!.alertId ?? '' }, false);
    case 'resolve': return checkCommand({ ...base, type: 'resolve', alertId: m.resolve!.alertId ?? '' }, false);
    case 'limits': {
      // fromEntries: own properties whatever the key (a "__proto__" key is refused as unknown, not lost).
      const overrides = Object.fromEntries(Object.entries(m.limits!.overrides ?? {}).map(([vital, o]) => [vital, Object.fromEntries([
        ...(['low', 'high', 'delayMs', 'delaySamples', 'hysteresis'] as const).filter((f) => o[f] != null).map((f) => [f, o[f]]),
        ...(o.priority ? [['priority', PRIORITY.fromWire(o.priority) ?? `#${o.priority}`]] : []),
      ])]));
      return checkCommand({ ...base, type: 'limits', overrides }, false);
    }
    case 'observation': {
      const o = m.observation!;
      const consciousness = o.consciousness ? ACVPU.fromWire(o.consciousness) ?? `#${o.consciousness}` : undefined;
      return checkCommand({ ...base, type: 'observation', consciousness, supplementalOxygen: o.supplementalOxygen ?? undefined }, false);
    }
    case 'spo2Scale': return checkCommand({ ...base, type: 'spo2-scale', scale: m.spo2Scale!.scale, reason: m.spo2Scale!.reason }, false);
    case 'discharge': return checkCommand({ ...base, type: 'discharge' }, false);
    default: return bad('no command set (acknowledge, resolve, limits, observation, spo2_scale or discharge)');
  }
}

function legacyJson(value: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'));
  } catch (err) {
    return bad(`legacy JSON command is not valid JSON (${(err as Error).message})`);
  }
  return parsed as Record<string, unknown>; // an object: the text starts with `{`
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The command, checked field by field; `legacy` admits a limits command without author and time (the old form had none). */
function checkCommand(c: Record<string, unknown> | AlertCommand, legacy: boolean): AlertCommand {
  const x = c as Record<string, unknown>;
  const type = x.type;
  if (!COMMAND_TYPES.includes(type)) bad(`unknown command type ${JSON.stringify(String(type)).slice(0, 40)}`);
  if (typeof x.patientId !== 'string' || !PATIENT_ID_RE.test(x.patientId)) bad('patient id missing or outside the id alphabet');
  const patientId = x.patientId as string;
  const authorless = legacy && type === 'limits' && x.by === undefined && x.at === undefined;
  if (!authorless) {
    if (typeof x.by !== 'string' || x.by.length === 0 || x.by.length > 256) bad(`${String(type)}: author missing or longer than 256 characters`);
    if (!Number.isSafeInteger(x.at) || (x.at as number) <= 0) bad(`${String(type)}: time missing or not a positive epoch ms`);
  }
  const by = authorless ? '' : x.by as string;
  const at = authorless ? 0 : x.at as number;
  switch (type) {
    case 'acknowledge':
    case 'resolve':
      if (typeof x.alertId !== 'string' || !ALERT_ID_RE.test(x.alertId)) bad(`${type}: alert id must be 24 lowercase hex digits`);
      return { type, patientId, alertId: x.alertId as string, by, at };
    case 'limits':
      return { type, patientId, overrides: checkOverrides(x.overrides), by, at };
    case 'observation': {
      const { consciousness, supplementalOxygen } = x;
      if (consciousness !== undefined && !(typeof consciousness === 'string' && (ACVPU.names as readonly string[]).includes(consciousness))) bad('observation: consciousness must be one of A, C, V, P, U');
      if (supplementalOxygen !== undefined && typeof supplementalOxygen !== 'boolean') bad('observation: supplemental oxygen must be true or false');
      if (consciousness === undefined && supplementalOxygen === undefined) bad('observation: neither consciousness nor supplemental oxygen given');
      return { type, patientId, consciousness: consciousness as AcvpuLetter | undefined, supplementalOxygen: supplementalOxygen as boolean | undefined, by, at };
    }
    case 'spo2-scale':
      if (x.scale !== 1 && x.scale !== 2) bad('spo2-scale: scale must be 1 or 2');
      if (typeof x.reason !== 'string' || x.reason.length < 5 || x.reason.length > 500) bad('spo2-scale: a reason of 5 to 500 characters is required');
      return { type, patientId, scale: x.scale as 1 | 2, reason: x.reason as string, by, at };
    case 'discharge':
      return { type, patientId, by, at };
    default:
      return bad(`unknown command type ${String(type).slice(0, 40)}`);
  }
}

function checkOverrides(v: unknown): LimitOverrides {
  // The previous release wrote `overrides` undefined (omitted) for "none".
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return bad('limits: overrides must be an object of vital key to limits');
  const out: LimitOverrides = {}; // only known vital keys are set
  for (const [vital, o] of Object.entries(v)) {
    if (o === undefined) continue;
    if (!(VITAL_KEYS as readonly string[]).includes(vital)) bad(`limits: unknown vital ${JSON.stringify(vital.slice(0, 40))}`);
    if (o === null || typeof o !== 'object' || Array.isArray(o)) bad(`limits.${vital}: must be an object`);
    const rule: LimitOverride = {};
    for (const [field, value] of Object.entries(o as Record<string, unknown>)) {
      if (value === undefined) continue;
      if (!(LIMIT_FIELDS as readonly string[]).includes(field)) bad(`limits.${vital}: unknown field ${JSON.stringify(field.slice(0, 40))}`);
      if (field === 'priority') {
        if (!(PRIORITY.names as readonly unknown[]).includes(value)) bad(`limits.${vital}.priority: must be high, medium or low`);
        rule.priority = value as Priority;
      } else {
        if (!isFiniteNumber(value)) bad(`limits.${vital}.${field}: not a finite number`);
        if ((field === 'delayMs' || field === 'delaySamples') && !(Number.isInteger(value) && (value as number) >= 0)) bad(`limits.${vital}.${field}: not a whole number >= 0`);
        rule[field as Exclude<typeof LIMIT_FIELDS[number], 'priority'>] = value as number;
      }
    }
    out[vital] = rule;
  }
  return out;
}

/**
 * The dead letter of a command record the decoder refused (docs/errors.md): its bytes (a
 * bounded copy, with size and hash), the reason code, the decoder's detail, and where it was.
 */
export function commandDeadLetter(message: KafkaMessage, source: { topic: string; partition: number }, err: ValidationError, at = Date.now()): Message {
  const copy = deadLetterCopy(message.value ?? Buffer.alloc(0));
  return {
    key: message.key,
    value: copy.value,
    headers: {
      ...message.headers, reason: err.code, detail: clip(err.message), ...copy.headers,
      'source-topic': clip(source.topic), 'source-partition': String(source.partition), 'source-offset': message.offset, 'failed-at-ms': String(at),
    },
  };
}
