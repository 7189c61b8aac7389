// Small fakes of the API's narrow dependencies, and a harness that builds the real fastify app
// (services/api/app.ts buildApi) on them for inject() tests. It records which registered route
// each request reached and with what status, so a test can require that every route is tested.
import { EventEmitter } from 'node:events';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { decodeCommand } from '../../services/common/alert-contract-commands.js';
import type { Account } from '../../services/api/accounts.js';
import { buildApi, type ApiDeps } from '../../services/api/app.js';
import type { AuditEntry, AuditInput } from '../../services/api/audit.js';
import { RegistryError, type DeviceCredentials, type DeviceRecord, type DeviceRegistry } from '../../services/api/device-registry.js';
import type { AlertView, DeviceView, ObservationsView } from '../../services/api/live-view.js';
import { hashPassword } from '../../services/api/passwords.js';
import { PatientStoreError, type PatientStore } from '../../services/api/patient-store.js';
import { createSessions } from '../../services/api/sessions.js';
import { openAssignment, withAssignment, withEnded, type AssignmentRecord, type PatientRecord } from '../../services/common/patient-records.js';

export const TOKENS = { clinician: 'clinician-token-0123456789', operator: 'operator-token-0123456789' };
export const PASSWORD = 'ward-one-nurse-password';
/** Patients: pat-1 on ward w1 (the nurse's), pat-2 on ward w2 (not hers). */
export const ALERT_1 = 'a'.repeat(24);
export const ALERT_2 = 'b'.repeat(24);

/** What a request reached: `METHOD url-pattern` -> statuses seen. */
export const coverage = new Map<string, number[]>();

export function alert(o: Partial<AlertView>): AlertView {
  return {
    id: ALERT_1, patientId: 'pat-1', deviceId: 'dev-1', kind: 'limit:heart_rate:high', priority: 'high', state: 'open', value: 150, threshold: 120,
    message: 'heart rate high', raisedAt: 1000, updatedAt: 1000, acknowledgedBy: '', news2Score: 0, news2Band: 'low', category: 'physiological',
    conditionActive: true, latched: false, escalationLevel: 0, escalatedAt: 0, acknowledgedUntil: 0, news2Missing: '', news2Response: '', change: 'raised', ...o,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const patient = (patientId: string, ward: string): PatientRecord => ({ patientId, displayName: `Patient ${patientId}`, ward, bed: '1', admittedAt: iso(1), dischargedAt: null, updatedAt: iso(1) });

export interface Fakes {
  sent: { topic: string; key: string; value: Record<string, unknown> }[];
  audit: AuditInput[];
  /** When set, every audit write fails (the trail is down). */
  auditDown: boolean;
  /** Calls that changed something behind the API: the device registry, the patient store, the account store. */
  changes: string[];
  view: { alerts: Map<string, AlertView>; devices: Map<string, DeviceView>; latest: Map<string, Record<string, { value: number; at: number }>>; observations: Map<string, ObservationsView>; limits: Map<string, unknown>; events: EventEmitter; feedAt: () => number };
  patients: Map<string, PatientRecord>;
  assignments: Map<string, AssignmentRecord>;
  accounts: Map<string, Account>;
  devices: Map<string, DeviceRecord>;
  /** Rows the fake InfluxDB answers, by query kind. */
  rows: { latest: object[]; devices: object[]; series: object[]; raw: object[] };
  queries: string[];
}

export async function fakes(): Promise<Fakes> {
  const now = Date.now();
  const nurse: Account = { username: 'nurse-w1', role: 'clinician', wards: ['w1'], passwordHash: await hashPassword(PASSWORD), disabled: false, sessionsValidFrom: 0, createdAt: iso(1), createdBy: 'test', updatedAt: iso(1) };
  return {
    sent: [], audit: [], auditDown: false, changes: [], queries: [],
    view: {
      alerts: new Map([[ALERT_1, alert({})], [ALERT_2, alert({ id: ALERT_2, patientId: 'pat-2', deviceId: 'dev-2', conditionActive: false, state: 'acknowledged' })]]),
      devices: new Map([['dev-1', { deviceId: 'dev-1', patientId: 'pat-1', online: true, reason: '', statusAt: now, lastSeen: now, battery: 90 }],
        ['dev-2', { deviceId: 'dev-2', patientId: 'pat-2', online: true, reason: '', statusAt: now, lastSeen: now, battery: 80 }],
        ['dev-9', { deviceId: 'dev-9', patientId: '', online: true, reason: '', statusAt: now, lastSeen: now, battery: 70, unassignedSince: now - 5000 }]]),
      latest: new Map([['pat-1', { heart_rate: { value: 72, at: now } }], ['pat-2', { heart_rate: { value: 80, at: now } }]]),
      observations: new Map(), limits: new Map(), events: new EventEmitter(), feedAt: () => Date.now(),
    },
    patients: new Map([['pat-1', patient('pat-1', 'w1')], ['pat-2', patient('pat-2', 'w2')]]),
    assignments: new Map([['dev-1', { deviceId: 'dev-1', history: [{ patientId: 'pat-1', from: iso(1), to: null }] }]]),
    accounts: new Map([['nurse-w1', nurse]]),
    devices: new Map([['dev-1', { deviceId: 'dev-1', model: 'm1', firmware: '1.0', registeredAt: iso(1), revoked: false, shard: 'shard-1' }]]),
    rows: { latest: [], devices: [], series: [], raw: [] },
  };
}

function deps(f: Fakes): ApiDeps {
  const auditTrail: AuditEntry[] = [];
  const audit = async (e: AuditInput) => {
    if (f.auditDown) throw new Error('audit topic unreachable');
    f.audit.push(e);
    auditTrail.unshift({ ...e, id: `id-${auditTrail.length}`, at: new Date().toISOString() });
  };
  const registry = {
    patient: (id: string) => f.patients.get(id),
    patients: () => [...f.patients.values()],
    wardOf: (id: string) => { const p = f.patients.get(id); return p && !p.dischargedAt ? p.ward : undefined; },
    assignments: (id: string) => f.assignments.get(id),
    devicesOf: (id: string) => [...f.assignments.values()].filter((r) => r.history.some((a) => a.patientId === id)),
  };
  const need = (id: string) => f.patients.get(id) ?? (() => { throw new PatientStoreError('not-found', `no patient ${id}`); })();
  const store: PatientStore = {
    async admit(p, at = Date.now()) {
      f.changes.push(`admit ${p.patientId}`);
      if (f.patients.get(p.patientId) && !f.patients.get(p.patientId)!.dischargedAt) throw new PatientStoreError('exists', `patient ${p.patientId} is admitted`);
      const r = { ...p, admittedAt: iso(at), dischargedAt: null, updatedAt: iso(at) };
      f.patients.set(p.patientId, r);
      return r;
    },
    async transfer(id, to, at = Date.now()) {
      f.changes.push(`transfer ${id}`);
      const before = need(id);
      const after = { ...before, ...to, updatedAt: iso(at) };
      f.patients.set(id, after);
      return { before, after };
    },
    async discharge(id, at = Date.now()) {
      f.changes.push(`discharge ${id}`);
      const before = need(id);
      const after = { ...before, dischargedAt: iso(at), updatedAt: iso(at) };
      f.patients.set(id, after);
      const ended = [...f.assignments.values()].filter((r) => openAssignment(r)?.patientId === id).map((r) => r.deviceId);
      for (const d of ended) f.assignments.set(d, withEnded(f.assignments.get(d)!, at));
      return { before, after, ended };
    },
    async assign(deviceId, patientId, from = Date.now()) {
      f.changes.push(`assign ${deviceId}`);
      need(patientId);
      const before = f.assignments.get(deviceId);
      const after = withAssignment(deviceId, before, patientId, from);
      f.assignments.set(deviceId, after);
      return { before, after };
    },
    async end(deviceId, at = Date.now()) {
      f.changes.push(`end ${deviceId}`);
      const before = f.assignments.get(deviceId);
      if (!before || !openAssignment(before)) throw new PatientStoreError('conflict', `device ${deviceId} is not assigned`);
      const after = withEnded(before, at);
      f.assignments.set(deviceId, after);
      return { before, after };
    },
  };
  const creds = (id: string): DeviceCredentials => ({ deviceId: id, username: id, clientId: id, password: `secret-${id}`, shard: 'shard-1' });
  const devices: DeviceRegistry = {
    async register(d) {
      f.changes.push(`register ${d.deviceId}`);
      if (f.devices.has(d.deviceId)) throw new RegistryError('exists', `device ${d.deviceId} exists`);
      f.devices.set(d.deviceId, { ...d, registeredAt: new Date().toISOString(), revoked: false, shard: 'shard-1' });
      return creds(d.deviceId);
    },
    async rotate(id) { f.changes.push(`rotate ${id}`); return creds(id); },
    async revoke(id) { f.changes.push(`revoke ${id}`); f.devices.set(id, { ...f.devices.get(id)!, revoked: true }); },
    async get(id) { return f.devices.get(id) ?? null; },
  };
  const accounts = {
    get: (u: string) => f.accounts.get(u),
    list: () => [...f.accounts.values()],
    async put(a: Account) { f.changes.push(`account ${a.username}`); f.accounts.set(a.username, a); },
  };
  const kindOf = (q: string) => (q.includes('aggregateWindow') ? 'series' : q.includes('sort(') ? 'raw' : q.includes('"device"') ? 'devices' : 'latest');
  return {
    log: pino({ level: 'silent' }),
    options: { bucket: 'test-bucket', tokens: { clinician: [TOKENS.clinician], operator: [TOKENS.operator] }, commandsTopic: 'test.commands', news2FreshMs: 300_000, maxStreams: 2 },
    query: {
      collectRows: (async (q: { toString(): string }) => { const text = String(q); f.queries.push(text); return f.rows[kindOf(text)]; }) as never,
    },
    producer: { send: async (r) => { for (const m of r.messages) f.sent.push({ topic: r.topic, key: String(m.key), value: decodeCommand(m.value as Buffer) }); return []; } },
    view: f.view,
    audit,
    devices,
    patients: { registry, store },
    people: { accounts, sessions: createSessions({ secret: 's'.repeat(32), absoluteMs: 3_600_000, idleMs: 600_000 }, accounts), trail: { query: (q) => auditTrail.filter((e) => (!q.action || e.action === q.action) && (!q.target || e.target === q.target)).slice(0, q.limit) } },
  };
}

export interface Harness { app: FastifyInstance; f: Fakes; call(method: string, url: string, token?: string | null, body?: unknown): Promise<LightMyRequestResponse & { json(): Record<string, unknown> }> }

/** The real app on fakes; `call` injects with a bearer token (null: none). Closed after the test. */
export async function harness(t: { after(fn: () => unknown): void }, patch: (d: ApiDeps) => ApiDeps = (d) => d): Promise<Harness> {
  const f = await fakes();
  const app = buildApi(patch(deps(f)));
  app.addHook('onRequest', async (req, reply) => {
    const key = `${req.method} ${req.routeOptions.url}`;
    reply.raw.on('finish', () => { if (req.routeOptions.url) coverage.set(key, [...(coverage.get(key) ?? []), reply.raw.statusCode]); });
  });
  t.after(() => app.close());
  const call = async (method: string, url: string, token: string | null = TOKENS.operator, body?: unknown) => {
    const res = await app.inject({ method: method as 'GET', url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    return res as typeof res & { json(): Record<string, unknown> };
  };
  return { app, f, call };
}

/** A session token of the ward-w1 nurse, by signing in through the API. */
export async function nurseToken(h: Harness): Promise<string> {
  const r = await h.call('POST', '/api/v1/session', null, { username: 'nurse-w1', password: PASSWORD });
  if (r.statusCode !== 201) throw new Error(`nurse sign-in: ${r.statusCode} ${r.body}`);
  return r.json().token as string;
}
