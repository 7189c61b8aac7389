// The append-only audit trail (issue 15): who (the principal id), when, what, target, before
// and after of every state-changing API action, on the audit topic (delete policy, 1 year+).
// Written with acks = all BEFORE the action runs: an action whose entry cannot be written is
// not done. No route edits or deletes entries; the API keeps the newest entries in memory to query.
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from '../common/logger.js';
import { followTopic } from './topic-follower.js';

export interface AuditInput { actor: string; role: string; action: string; target: string; before: unknown; after: unknown }
export interface AuditEntry extends AuditInput { id: string; at: string }
export type AuditFn = (entry: AuditInput) => Promise<void>;

export const noAudit: AuditFn = async () => undefined;

export interface AuditQuery { target?: string | undefined; actor?: string | undefined; action?: string | undefined; since?: number | undefined; until?: number | undefined; limit: number }

export interface AuditTrail {
  record: AuditFn;
  /** Newest first, at most `limit`, over the entries this replica holds (the newest `maxEntries`). */
  query(q: AuditQuery): AuditEntry[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The retention the audit topic is created with: 400 days (ms). */
export const AUDIT_RETENTION_MS = 400 * 86_400_000;

export function createAuditTrail(deps: { kafka: Kafka; producer: Producer; topic: string; groupId: string; log: Logger; maxEntries?: number }): AuditTrail {
  const max = deps.maxEntries ?? 100_000;
  const entries: AuditEntry[] = [];
  const ids = new Set<string>();
  const keep = (e: AuditEntry) => {
    if (ids.has(e.id)) return;
    ids.add(e.id);
    entries.push(e);
    // Entries arrive in time order per replica but may interleave across replicas.
    if (entries.length > 1 && entries[entries.length - 2]!.at > e.at) entries.sort((a, b) => a.at.localeCompare(b.at));
    while (entries.length > max) ids.delete(entries.shift()!.id);
  };
  const follower = followTopic({
    kafka: deps.kafka, topic: deps.topic, groupId: deps.groupId, log: deps.log,
    onRecord: (_key, value) => {
      if (!value) return;
      const e = JSON.parse(value.toString()) as AuditEntry;
      if (typeof e.id === 'string' && typeof e.at === 'string' && typeof e.actor === 'string') keep(e);
    },
  });
  return {
    async record(input) {
      const e: AuditEntry = { id: randomUUID(), at: new Date().toISOString(), actor: input.actor, role: input.role, action: input.action, target: input.target, before: input.before ?? null, after: input.after ?? null };
      await deps.producer.send({ topic: deps.topic, acks: -1, messages: [{ key: e.target, value: JSON.stringify(e) }] });
      keep(e);
      deps.log.info({ auditId: e.id, actor: e.actor, action: e.action, target: e.target }, 'audited');
    },
    query(q) {
      const out: AuditEntry[] = [];
      for (let i = entries.length - 1; i >= 0 && out.length < q.limit; i--) {
        const e = entries[i]!;
        const t = Date.parse(e.at);
        if ((q.target && e.target !== q.target) || (q.actor && e.actor !== q.actor) || (q.action && e.action !== q.action) || (q.since && t < q.since) || (q.until && t > q.until)) continue;
        out.push(e);
      }
      return out;
    },
    start: () => follower.start(),
    stop: () => follower.stop(),
  };
}

/** FHIR R4 AuditEvent (https://hl7.org/fhir/R4/auditevent.html) of one entry, in a searchset Bundle. */
export function toFhirAuditBundle(list: AuditEntry[]) {
  const restful = (a: string) => (a.startsWith('session.') ? { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' } : { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' });
  return {
    resourceType: 'Bundle', type: 'searchset', total: list.length,
    entry: list.map((e) => ({
      fullUrl: `urn:uuid:${e.id}`,
      resource: {
        resourceType: 'AuditEvent', id: e.id, type: restful(e.action),
        subtype: [{ system: 'urn:vitals:audit-action', code: e.action }],
        action: e.action.endsWith('.create') || e.action.endsWith('.register') ? 'C' : 'U',
        recorded: e.at,
        outcome: e.action.endsWith('.failed') || e.action === 'session.refused' ? '4' : '0',
        agent: [{ who: { identifier: { system: 'urn:vitals:principal', value: e.actor } }, role: [{ text: e.role }], requestor: true }],
        source: { observer: { display: 'vitals-api' } },
        entity: [{ what: { identifier: { system: 'urn:vitals:target', value: e.target } }, detail: [{ type: 'before', valueString: JSON.stringify(e.before) }, { type: 'after', valueString: JSON.stringify(e.after) }] }],
      },
    })),
  };
}

/**
 * Runs `work` after its entry is durably in the trail; when the entry cannot be written the
 * action is not done (503). If `work` then fails, a second entry `<action>.failed` says so.
 */
export async function audited<T>(audit: AuditFn, entry: AuditInput, work: () => Promise<T>, unavailable: (err: unknown) => never): Promise<T> {
  try { await audit(entry); } catch (err) { unavailable(err); }
  try {
    return await work();
  } catch (err) {
    await audit({ ...entry, action: `${entry.action}.failed`, after: entry.before }).catch(() => undefined);
    throw err;
  }
}
