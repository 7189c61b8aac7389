// Applies infra/kafka/acls.json to the local stack's Kafka (issue 16): creates every binding
// on the production names and prunes the ones the table no longer grants. Idempotent.
// Run by stack.sh: KAFKA_BROKERS and KAFKA_ADMIN_PASSWORD come from the environment, never argv.
import { Kafka, logLevel } from 'kafkajs';
import { aclBindings, createAcls, loadAclTable, pruneAcls, resolveNames } from '../../services/common/kafka-acls.js';

const env = process.env;
const kafka = new Kafka({
  clientId: 'vitals-stack-acls',
  brokers: (env.KAFKA_BROKERS ?? '').split(','),
  sasl: { mechanism: 'scram-sha-512', username: 'admin', password: env.KAFKA_ADMIN_PASSWORD ?? '' },
  logLevel: logLevel.NOTHING,
  retry: { retries: 10 },
});
const table = loadAclTable();
const names = resolveNames(table);
const bindings = aclBindings(table, names);
const admin = kafka.admin();
try {
  await admin.connect();
  await createAcls(admin, bindings);
  const pruned = await pruneAcls(admin, table, names, bindings);
  console.log(`kafka acls: ${bindings.length} bindings for ${table.principals.join(', ')}${pruned ? `; ${pruned} stale removed` : ''}`);
} catch (err) {
  console.error(`kafka acls: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await admin.disconnect().catch(() => undefined);
}
