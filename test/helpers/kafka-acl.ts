// The services' Kafka ACLs (infra/kafka/acls.json, issue 16) granted on a test's own topic and
// group names, so in-process and child-process services run as their own principals; removed
// after the test (only bindings on names that carry the test's id, never the stack's own).
import type { Kafka } from 'kafkajs';
import { aclBindings, createAcls, deleteAcls, loadAclTable, resolveNames } from '../../services/common/kafka-acls.js';
import type { StackEndpoints } from './stack.js';

/** The logical names of the ACL table for test `id`, as the pipeline helpers name them; `over` renames some. */
export function testAclNames(id: string, over: Record<string, string> = {}): Record<string, string> {
  return resolveNames(loadAclTable(), {}, {
    vitals: `${id}.vitals`, status: `${id}.status`, 'dead-letter': `${id}.dlq`, alerts: `${id}.alerts`,
    commands: `${id}.alerts.commands`, state: `${id}.alerts.state`,
    patients: `${id}.patients`, assignments: `${id}.assignments`, audit: `${id}.audit`, accounts: `${id}.accounts`,
    'writer-group': `${id}-writer`, 'alerts-group': `${id}-alerts`, 'alerts-webhook-group': `${id}-alerts-webhook`, 'api-groups': `${id}-api-`, 'ingest-groups': `${id}-ingest`,
    ...over,
  });
}

/** Grants every principal's rows on the test's names with `admin` (an admin client); returns the remover. */
export async function grantTestAcls(s: StackEndpoints, admin: Kafka, id: string, over: Record<string, string> = {}): Promise<() => Promise<void>> {
  if (!s.env.KAFKA_ADMIN_PASSWORD) return async () => undefined; // no authorizer (compose Kafka)
  const bindings = aclBindings(loadAclTable(), testAclNames(id, over)).filter((b) => b.resourceName.includes(id));
  const a = admin.admin();
  await a.connect();
  try { await createAcls(a, bindings); } finally { await a.disconnect(); }
  return async () => {
    const r = admin.admin();
    await r.connect();
    try { await deleteAcls(r, bindings); } finally { await r.disconnect(); }
  };
}
