// The compose `init` job's Kafka step (issue 16): applies infra/kafka/acls.json to the compose
// Kafka as its `admin` (SCRAM, made by the kafka-init job just before), with the same module the
// local stack uses (services/common/kafka-acls, built into dist/). Idempotent; prunes stale rows.
// KAFKA_BROKERS and KAFKA_ADMIN_PASSWORD come from the environment, never argv; nothing secret is logged.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

/** Applies the table; retries while the new SCRAM credentials reach the broker. */
export async function applyKafkaAcls(env, log, app = '/app') {
  const { aclBindings, createAcls, loadAclTable, pruneAcls, resolveNames } = await import(pathToFileURL(join(app, 'dist/services/common/kafka-acls.js')).href);
  const table = loadAclTable(join(app, 'infra/kafka/acls.json'));
  const names = resolveNames(table, env);
  const bindings = aclBindings(table, names);
  const kafka = new Kafka({
    clientId: 'vitals-init-acls',
    brokers: (env.KAFKA_BROKERS ?? 'kafka:9092').split(','),
    sasl: { mechanism: 'scram-sha-512', username: 'admin', password: env.KAFKA_ADMIN_PASSWORD },
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await createAcls(admin, bindings);
      const pruned = await pruneAcls(admin, table, names, bindings);
      log('kafka acls applied', { bindings: bindings.length, principals: table.principals, pruned });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`kafka acls: ${err.message}`);
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
