// People (issue 15) for in-process API tests: named accounts, sessions, the audit trail and
// the pipeline's own patient registry for wards (topics removed with it), and a logger whose
// lines the test can read.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createAccountStore, type AccountStore } from '../../services/api/accounts.js';
import type { ApiDeps } from '../../services/api/app.js';
import { createAuditTrail, type AuditTrail } from '../../services/api/audit.js';
import { createSessions, type SessionOptions } from '../../services/api/sessions.js';
import type { WardLookup } from '../../services/api/ward-lookup.js';
import { ensureTopics } from '../../services/common/kafka.js';
import type { Logger } from '../../services/common/logger.js';
import type { Pipeline } from './pipeline.js';

export interface People {
  topics: { accounts: string; audit: string; patients: string };
  accounts: AccountStore;
  trail: AuditTrail;
  wards: WardLookup;
  /** Every log line of the API and its people parts, as written (JSON). */
  logLines: string[];
  log: Logger;
  /** Admits the patient on the ward through the pipeline's patient store (issue 15), as the API does. */
  admit(patientId: string, ward: string): Promise<void>;
  deps: Partial<ApiDeps>;
}

export async function startPeople(p: Pipeline, sessionOptions: Partial<SessionOptions> = {}): Promise<People> {
  const topics = { accounts: `${p.id}.accounts`, audit: `${p.id}.audit`, patients: p.patientTopics.patients };
  const logLines: string[] = [];
  const log = pino({ level: 'trace' }, new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }));
  const admin = p.kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topics.accounts], 3, [{ name: 'cleanup.policy', value: 'compact' }]);
  await ensureTopics(admin, [topics.audit], 1);
  await admin.disconnect();
  const producer = p.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  p.cleanup(() => producer.disconnect());
  await producer.connect();
  const accounts = createAccountStore({ kafka: p.kafka, producer, topic: topics.accounts, groupId: `${p.id}-accounts`, log });
  const trail = createAuditTrail({ kafka: p.kafka, producer, topic: topics.audit, groupId: `${p.id}-audit`, log });
  const wards: WardLookup = p.patients;
  p.cleanup(() => Promise.all([accounts.stop(), trail.stop()]));
  await Promise.all([accounts.start(), trail.start()]);
  const sessions = createSessions({ secret: 'test-session-secret-0123456789abcdef', absoluteMs: 12 * 3_600_000, idleMs: 30 * 60_000, ...sessionOptions }, accounts);
  const admit = async (patientId: string, ward: string) => {
    await p.store.admit({ patientId, displayName: `Patient ${patientId}`, ward, bed: '1' });
  };
  return { topics, accounts, trail, wards, logLines, log, admit, deps: { log, audit: trail.record, wards, people: { accounts, sessions, trail } } };
}
