// The alert contract (issue 13): engine record -> vitals.v1.Alert -> API view, the enum maps,
// and vitals.v1.AlertCommand (encode, decode, legacy JSON, malformed commands and their reason).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  CATEGORY, CHANGE_REASONS, PRIORITY, STATE, alertToWire, alertViewFromRecord, alertViewFromWire, decodeAlertView, encodeAlert,
  type AlertRecord, type AlertView,
} from '../../services/common/alert-contract.js';
import { ACVPU, commandDeadLetter, decodeCommand, encodeCommand, type AlertCommand } from '../../services/common/alert-contract-commands.js';
import { ValidationError } from '../../services/common/errors.js';
import { Acvpu, Alert, AlertCategory, AlertCommand as WireCommand, AlertPriority, AlertState, VitalKind } from '../../services/common/proto.js';
import { openApiDocument } from '../../services/api/openapi.js';

const record = (over: Partial<AlertRecord> = {}): AlertRecord => ({
  id: '0123456789abcdef01234567', patientId: 'pat-00001', deviceId: 'dev-00001', kind: 'limit:spo2:low', priority: 'high', state: 'acknowledged',
  vital: 'spo2', value: 84.5, threshold: 90, message: 'SpO2 low 84.5 % (limit 90)', raisedAt: 1_700_000_000_000, updatedAt: 1_700_000_060_000,
  resolvedAt: null, acknowledgedBy: 'nurse-1', news2Score: 7, news2Band: 'high', category: 'technical', conditionActive: true, latched: true,
  escalationLevel: 2, escalatedAt: 1_700_000_030_000, openedAt: 1_700_000_000_000, acknowledgedUntil: 1_700_000_180_000,
  news2Missing: 'consciousness', news2Response: 'emergency response', change: 'escalated', ...over,
});

/** The API's view of a record, field by field (the record minus what only the engine keeps). */
const expectedView = (r: AlertRecord): AlertView => {
  const { vital: _v, resolvedAt: _r, openedAt: _o, ...view } = r;
  return view;
};

/** Every non-zero number of a generated protobuf enum. */
const wireValues = (e: object) => Object.values(e).filter((v): v is number => typeof v === 'number' && v !== 0).sort();

test('the enum maps cover every wire value both ways, and the API documents the same names', () => {
  for (const [map, wire] of [[PRIORITY, AlertPriority], [STATE, AlertState], [CATEGORY, AlertCategory], [ACVPU, Acvpu]] as const) {
    assert.deepEqual(map.names.map((n) => map.toWire(n as never)).sort(), wireValues(wire));
    for (const n of map.names) assert.equal(map.fromWire(map.toWire(n as never)), n);
    assert.equal(map.fromWire(0), undefined, 'unspecified has no name');
    assert.equal(map.fromWire(99), undefined);
  }
  const alert = openApiDocument.components.schemas.Alert.properties;
  assert.deepEqual(alert.priority.enum, PRIORITY.names);
  assert.deepEqual(alert.state.enum, STATE.names);
  assert.deepEqual(alert.category.enum, CATEGORY.names);
  assert.deepEqual(alert.change.enum, [...CHANGE_REASONS, '']);
});

test('engine record -> vitals.v1.Alert -> API view keeps every field, for every priority, state, category and change reason', () => {
  for (const priority of PRIORITY.names) for (const state of STATE.names) for (const category of CATEGORY.names) for (const change of CHANGE_REASONS) {
    const r = record({ priority, state, category, change });
    const wire = Alert.decode(encodeAlert(r));
    assert.deepEqual(Alert.toObject(wire, { defaults: true }), {
      alertId: r.id, patientId: r.patientId, deviceId: r.deviceId, kind: r.kind, priority: PRIORITY.toWire(priority), state: STATE.toWire(state),
      vital: VitalKind.VITAL_KIND_SPO2, value: r.value, threshold: r.threshold, message: r.message, raisedAtMs: r.raisedAt, updatedAtMs: r.updatedAt,
      news2Score: r.news2Score, news2Band: r.news2Band, acknowledgedBy: r.acknowledgedBy, category: CATEGORY.toWire(category), conditionActive: true,
      latched: true, escalationLevel: 2, escalatedAtMs: r.escalatedAt, acknowledgedUntilMs: r.acknowledgedUntil, news2Missing: r.news2Missing,
      news2Response: r.news2Response, change,
    });
    assert.deepEqual(alertViewFromWire(wire), expectedView(r));
    assert.deepEqual(alertViewFromRecord(r), expectedView(r), 'the state topic\'s record gives the same view as the wire');
  }
});

test('record -> wire -> view round trip holds for arbitrary records (property)', () => {
  const text = fc.string({ maxLength: 40 });
  const ms = fc.integer({ min: 0, max: 4_102_444_800_000 });
  fc.assert(fc.property(
    fc.record({
      priority: fc.constantFrom(...PRIORITY.names), state: fc.constantFrom(...STATE.names), category: fc.constantFrom(...CATEGORY.names),
      change: fc.constantFrom(...CHANGE_REASONS), kind: text, message: text, acknowledgedBy: text, news2Band: text, news2Missing: text, news2Response: text,
      value: fc.double({ noNaN: true }), threshold: fc.double({ noNaN: true }), raisedAt: ms, updatedAt: ms, escalatedAt: ms, acknowledgedUntil: ms,
      news2Score: fc.integer({ min: -1, max: 20 }), escalationLevel: fc.integer({ min: 0, max: 3 }), conditionActive: fc.boolean(), latched: fc.boolean(),
    }),
    (over) => {
      const r = record(over);
      assert.deepEqual(decodeAlertView(encodeAlert(r)), expectedView(r));
    },
  ));
});

test('alerts written before the alarm model (issue 14) get the meaning they had then', () => {
  // On the wire: no category, no condition flag, no change.
  const old = Alert.decode(Alert.encode({ alertId: 'a', patientId: 'p', kind: 'news2', priority: AlertPriority.ALERT_PRIORITY_MEDIUM, state: AlertState.ALERT_STATE_OPEN }).finish());
  const v = alertViewFromWire(old);
  assert.deepEqual([v.category, v.conditionActive, v.latched, v.escalationLevel, v.change], ['physiological', true, false, 0, '']);
  assert.equal(alertViewFromWire(Alert.decode(Alert.encode({ alertId: 'a', state: AlertState.ALERT_STATE_RESOLVED }).finish())).conditionActive, false);
  // Unknown enum numbers (a newer writer): the previous view's fallbacks.
  const odd = alertViewFromWire(Alert.decode(Alert.encode({ alertId: 'a', priority: 9 as AlertPriority, state: 9 as AlertState, category: 9 as AlertCategory, change: 'raised' }).finish()));
  assert.deepEqual([odd.priority, odd.state, odd.category], ['low', 'open', 'physiological']);
  // In the state topic: an engine record without the alarm-model fields.
  const { category: _c, conditionActive: _a, latched: _l, escalationLevel: _e, escalatedAt: _t, acknowledgedUntil: _u, news2Missing: _m, news2Response: _r, change: _h, acknowledgedBy: _b, ...bare } = record({ state: 'open' });
  const fromState = alertViewFromRecord(bare);
  assert.deepEqual([fromState.category, fromState.conditionActive, fromState.latched, fromState.escalationLevel, fromState.acknowledgedBy, fromState.change], ['physiological', true, false, 0, '', '']);
  // And on the way out, a record without a category is unspecified, as before.
  assert.equal(alertToWire({ ...record(), category: undefined as never }).category, AlertCategory.ALERT_CATEGORY_UNSPECIFIED);
  assert.equal(alertToWire(record({ vital: 'device' })).vital, VitalKind.VITAL_KIND_UNSPECIFIED);
});

const AT = 1_700_000_000_000;
const commands: AlertCommand[] = [
  { type: 'acknowledge', patientId: 'pat-00001', alertId: '0123456789abcdef01234567', by: 'nurse-1', at: AT },
  { type: 'resolve', patientId: 'pat-00001', alertId: 'fedcba9876543210fedcba98', by: 'token:clinician', at: AT + 1 },
  { type: 'limits', patientId: 'pat.2_x-3', overrides: { spo2: { low: 88.5, high: 100, delayMs: 0, delaySamples: 3, hysteresis: 1.5, priority: 'medium' }, heart_rate: { high: 130 }, respiratory_rate: {} }, by: 'op-1', at: AT },
  { type: 'limits', patientId: 'pat-00001', overrides: {}, by: 'op-1', at: AT },
  { type: 'observation', patientId: 'pat-00001', consciousness: 'A', supplementalOxygen: false, by: 'nurse-1', at: AT },
  { type: 'observation', patientId: 'pat-00001', consciousness: undefined, supplementalOxygen: true, by: 'nurse-1', at: AT },
  { type: 'spo2-scale', patientId: 'pat-00001', scale: 2, reason: 'hypercapnic respiratory failure', by: 'dr-1', at: AT },
  { type: 'spo2-scale', patientId: 'pat-00001', scale: 1, reason: 'back to scale 1', by: 'dr-1', at: AT },
  { type: 'discharge', patientId: 'pat-00001', by: 'op-1', at: AT },
  ...ACVPU.names.map((c): AlertCommand => ({ type: 'observation', patientId: 'pat-00001', consciousness: c, by: 'nurse-1', at: AT })),
];
/** What a command decodes to: absent optional fields are absent, not undefined. */
const canonical = (c: AlertCommand) => JSON.parse(JSON.stringify(c)) as AlertCommand;

test('every command round-trips through vitals.v1.AlertCommand', () => {
  for (const c of commands) {
    const bytes = encodeCommand(c);
    assert.notEqual(bytes[0], 0x7b, 'never read as the legacy JSON form');
    assert.deepEqual(canonical(decodeCommand(bytes)), canonical(c), c.type);
  }
  // Fields not given stay absent (a limit override replaces only what it names; oxygen false is not "not recorded").
  const limits = decodeCommand(encodeCommand(commands[2]!));
  assert.ok(limits.type === 'limits' && !('low' in limits.overrides.heart_rate!) && Object.keys(limits.overrides.respiratory_rate!).length === 0);
  const oxygen = decodeCommand(encodeCommand(commands[4]!));
  assert.ok(oxygen.type === 'observation' && oxygen.supplementalOxygen === false);
  const wire = WireCommand.decode(encodeCommand(commands[0]!));
  assert.deepEqual([wire.command, wire.patientId, wire.author, wire.atMs, wire.acknowledge?.alertId], ['acknowledge', 'pat-00001', 'nurse-1', AT, '0123456789abcdef01234567']);
});

test('the JSON commands of the release before issue 13 are still read', () => {
  // Exactly as services/api wrote them then (JSON.stringify of these objects).
  const legacy: [object, AlertCommand][] = [
    [{ type: 'acknowledge', patientId: 'pat-00001', alertId: '0123456789abcdef01234567', by: 'nurse-1', at: AT }, commands[0]!],
    [{ type: 'resolve', patientId: 'pat-00001', alertId: 'fedcba9876543210fedcba98', by: 'token:clinician', at: AT + 1 }, commands[1]!],
    [{ type: 'limits', patientId: 'pat-00001', overrides: { spo2: { low: 85 } } }, { type: 'limits', patientId: 'pat-00001', overrides: { spo2: { low: 85 } }, by: '', at: 0 }],
    [{ type: 'limits', patientId: 'pat-00001' }, { type: 'limits', patientId: 'pat-00001', overrides: {}, by: '', at: 0 }],
    [{ type: 'observation', patientId: 'pat-00001', supplementalOxygen: true, by: 'nurse-1', at: AT }, commands[5]!],
    [{ type: 'spo2-scale', patientId: 'pat-00001', scale: 2, reason: 'hypercapnic respiratory failure', by: 'dr-1', at: AT }, commands[6]!],
    [{ type: 'discharge', patientId: 'pat-00001', by: 'op-1', at: AT }, commands[8]!],
  ];
  for (const [json, expected] of legacy) assert.deepEqual(canonical(decodeCommand(Buffer.from(JSON.stringify(json)))), canonical(expected), JSON.stringify(json));
});

test('a malformed command is refused with a reason that says what is wrong', () => {
  const ok = commands[0] as Extract<AlertCommand, { type: 'acknowledge' | 'resolve' }>;
  const wire = (init: Parameters<typeof WireCommand.encode>[0]) => WireCommand.encode(init).finish();
  const cases: [string, Uint8Array | null][] = [
    ['empty record', null],
    ['empty record', new Uint8Array(0)],
    ['not a vitals.v1.AlertCommand', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
    ['not a vitals.v1.AlertCommand', Buffer.from('forged')],
    ['no command set', wire({ patientId: 'pat-00001', author: 'n', atMs: AT })],
    ['patient id missing', wire({ author: 'n', atMs: AT, discharge: {} })],
    ['patient id missing or outside the id alphabet', wire({ patientId: 'x/#', author: 'n', atMs: AT, discharge: {} })],
    ['author missing', wire({ patientId: 'p', atMs: AT, discharge: {} })],
    ['time missing', wire({ patientId: 'p', author: 'n', discharge: {} })],
    ['alert id must be 24 lowercase hex digits', wire({ patientId: 'p', author: 'n', atMs: AT, acknowledge: { alertId: 'nope' } })],
    ['limits: unknown vital "glucose"', wire({ patientId: 'p', author: 'n', atMs: AT, limits: { overrides: { glucose: { low: 3 } } } })],
    ['limits: unknown vital "__proto__"', wire({ patientId: 'p', author: 'n', atMs: AT, limits: { overrides: Object.fromEntries([['__proto__', { low: 1 }], ['spo2', { low: 2 }]]) } })],
    ['limits.spo2.priority: must be high, medium or low', wire({ patientId: 'p', author: 'n', atMs: AT, limits: { overrides: { spo2: { priority: 7 as AlertPriority } } } })],
    ['observation: neither consciousness nor supplemental oxygen', wire({ patientId: 'p', author: 'n', atMs: AT, observation: {} })],
    ['observation: consciousness must be one of A, C, V, P, U', wire({ patientId: 'p', author: 'n', atMs: AT, observation: { consciousness: 9 as Acvpu } })],
    ['spo2-scale: scale must be 1 or 2', wire({ patientId: 'p', author: 'n', atMs: AT, spo2Scale: { scale: 3, reason: 'because' } })],
    ['spo2-scale: a reason of 5 to 500 characters', wire({ patientId: 'p', author: 'n', atMs: AT, spo2Scale: { scale: 2, reason: '' } })],
    ['legacy JSON command is not valid JSON', Buffer.from('{"type":"acknowledge",')],
    ['unknown command type "silence"', Buffer.from(JSON.stringify({ ...ok, type: 'silence' }))],
    ['acknowledge: author missing', Buffer.from(JSON.stringify({ ...ok, by: undefined }))],
    ['limits.spo2.low: not a finite number', Buffer.from(JSON.stringify({ type: 'limits', patientId: 'p', overrides: { spo2: { low: 'x' } } }))],
    ['limits.spo2: unknown field "pad"', Buffer.from(JSON.stringify({ type: 'limits', patientId: 'p', overrides: { spo2: { pad: 1 } } }))],
    ['limits.spo2.delayMs: not a whole number', Buffer.from(JSON.stringify({ type: 'limits', patientId: 'p', overrides: { spo2: { delayMs: 1.5 } } }))],
  ];
  for (const [reason, bytes] of cases) {
    assert.throws(() => decodeCommand(bytes), (err: unknown) => {
      assert.ok(err instanceof ValidationError, `${reason}: a ValidationError`);
      assert.equal(err.code, 'ALERTS_ERR_COMMAND');
      assert.ok(err.message.includes(reason), `expected "${reason}", got "${err.message}"`);
      return true;
    });
  }
  // The API's encoder refuses what the worker would dead-letter.
  assert.throws(() => encodeCommand({ ...ok, alertId: 'nope' }), /alert id/);
});

test('the dead letter of a refused command keeps its bytes, the reason, the detail and where it came from', () => {
  const value = Buffer.from('{"type":"silence","patientId":"pat-00001"}');
  let err: ValidationError | undefined;
  try { decodeCommand(value); } catch (e) { err = e as ValidationError; }
  const dead = commandDeadLetter({ key: Buffer.from('pat-00001'), value, offset: '41', headers: {}, timestamp: '0', attributes: 0 }, { topic: 'vitals.v1.alert-commands', partition: 2 }, err!, AT);
  assert.deepEqual(dead.value, value);
  assert.deepEqual(dead.key, Buffer.from('pat-00001'));
  const h = dead.headers as Record<string, string>;
  assert.equal(h.reason, 'ALERTS_ERR_COMMAND');
  assert.match(h.detail!, /unknown command type/);
  assert.deepEqual([h['source-topic'], h['source-partition'], h['source-offset'], h['failed-at-ms'], h['payload-bytes']], ['vitals.v1.alert-commands', '2', '41', String(AT), String(value.length)]);
});
