// Kafka access control (issue 16), against the stack's real Kafka: the listener every service
// uses (KAFKA_BROKERS) takes SASL/SCRAM-SHA-512 only, each service has its own principal, and
// the ACLs of infra/kafka/acls.json give each only what it needs. Each test fails on the
// PLAINTEXT listener of before (no authentication, no ACLs).
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from '../../services/common/kafka.js';
import { grantTestAcls, testAclNames } from '../helpers/kafka-acl.js';
import { removeKafkaByPrefix } from '../helpers/pipeline.js';
import { kafkaFor, stack, uid, type StackEndpoints } from '../helpers/stack.js';

const noRetry = { retry: { retries: 0 }, connectionTimeout: 5_000 };

/** A test id with the services' ACL rows granted on its names and the commands topic made by admin. */
async function setup(t: TestContext): Promise<{ s: StackEndpoints; id: string; names: Record<string, string>; admin: Kafka }> {
  const s = await stack();
  assert.ok(s.env.KAFKA_ADMIN_PASSWORD, 'the stack file has Kafka principals (KAFKA_ADMIN_PASSWORD): run npm run stack -- up');
  const id = uid('acl');
  const admin = kafkaFor(s, id);
  const revoke = await grantTestAcls(s, admin, id);
  t.after(async () => { await removeKafkaByPrefix(admin, id); await revoke(); });
  const names = testAclNames(id);
  const a = admin.admin();
  await a.connect();
  try { await ensureTopics(a, [names.commands!, names.vitals!], 1); } finally { await a.disconnect(); }
  return { s, id, names, admin };
}

test('an unauthenticated client is refused on the services\' Kafka listener', async () => {
  const s = await stack();
  const anonymous = new Kafka({ clientId: uid('anon'), brokers: s.kafkaBrokers, logLevel: logLevel.NOTHING, ...noRetry }).admin();
  await assert.rejects(async () => { await anonymous.connect(); await anonymous.listTopics(); }, /./, 'a client without SASL may not list topics');
  await anonymous.disconnect().catch(() => undefined);
});

test('a wrong password is refused, the right one accepted', async () => {
  const s = await stack();
  const password = s.env.KAFKA_INGEST_PASSWORD;
  assert.ok(password, 'the stack file has the ingest\'s Kafka principal (KAFKA_INGEST_PASSWORD)');
  const as = (username: string, pw: string) => new Kafka({ clientId: uid('pw'), brokers: s.kafkaBrokers, logLevel: logLevel.NOTHING, ...noRetry, sasl: { mechanism: 'scram-sha-512', username, password: pw } }).admin();
  const right = as('ingest', password);
  await right.connect();
  assert.ok(Array.isArray(await right.listTopics()));
  await right.disconnect();
  await assert.rejects(as('ingest', `${password}x`).connect(), /SASL|authentication|Authentication/);
  await assert.rejects(as('nobody', password).connect(), /SASL|authentication|Authentication/);
});

test('the ingest principal cannot produce alert commands; the API principal can', async (t) => {
  const { s, id, names } = await setup(t);
  const ingest = kafkaFor(s, `${id}-ingest`, 'ingest', { retry: { retries: 1 } }).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await ingest.connect();
  t.after(() => ingest.disconnect());
  const command = { key: 'p1', value: JSON.stringify({ action: 'resolve', alertId: 'x' }) };
  await assert.rejects(ingest.send({ topic: names.commands!, acks: -1, messages: [command] }), /authoriz/i, 'ingest writes no commands (this test\'s topic)');
  await assert.rejects(ingest.send({ topic: 'vitals.v1.alert-commands', acks: -1, messages: [command] }), /authoriz/i, 'nor the stack\'s');
  // Its own topic is fine, and the API may write the commands topic: the refusal above is the ACL.
  const [own] = await ingest.send({ topic: names.vitals!, acks: -1, messages: [{ key: 'p1', value: 'x' }] });
  assert.equal(own?.errorCode, 0);
  const api = kafkaFor(s, `${id}-api`, 'api').producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await api.connect();
  t.after(() => api.disconnect());
  const [sent] = await api.send({ topic: names.commands!, acks: -1, messages: [command] });
  assert.equal(sent?.errorCode, 0);
});

test('the writer principal cannot read the commands topic; the alert worker\'s can', async (t) => {
  const { s, id, names, admin } = await setup(t);
  const producer = admin.producer();
  await producer.connect();
  await producer.send({ topic: names.commands!, acks: -1, messages: [{ key: 'p1', value: 'command' }] });
  await producer.disconnect();
  // In the writer's own group (which it may use), the commands topic is still refused.
  const writer = kafkaFor(s, `${id}-writer`, 'writer', noRetry).consumer({ groupId: names['writer-group']!, maxWaitTimeInMs: 100 });
  t.after(() => writer.disconnect());
  await writer.connect();
  await assert.rejects(async () => {
    await writer.subscribe({ topic: names.commands!, fromBeginning: true });
    await writer.run({ eachMessage: async () => { throw new Error('the writer read a command'); } });
    await new Promise((_resolve, reject) => {
      writer.on(writer.events.CRASH, (e) => reject(e.payload.error));
      // Refused within 20 s, or this fails with the reason.
      setTimeout(() => reject(new Error('the writer\'s principal was not refused the commands topic within 20 s')), 20_000);
    });
  }, /authoriz/i);
  const offsets = kafkaFor(s, `${id}-writer-admin`, 'writer', noRetry).admin();
  await offsets.connect();
  t.after(() => offsets.disconnect());
  await assert.rejects(offsets.fetchTopicOffsets(names.commands!), /authoriz|not authorized|does not host/i, 'nor its offsets');
  // The alert worker's principal reads it in its group.
  const alerts = kafkaFor(s, `${id}-alerts`, 'alerts').consumer({ groupId: names['alerts-group']!, maxWaitTimeInMs: 100 });
  t.after(() => alerts.disconnect());
  await alerts.connect();
  await alerts.subscribe({ topic: names.commands!, fromBeginning: true });
  const got = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the alert worker\'s principal read nothing in 60 s')), 60_000);
    void alerts.run({ eachMessage: async ({ message }) => { clearTimeout(timer); resolve(String(message.value)); } });
  });
  assert.equal(got, 'command');
  // Leave the group now: the setup's clean-up (registered first, so run first) deletes it, and
  // Kafka refuses to delete a group that still has a member (the leftovers check saw it stay).
  await alerts.disconnect();
  await writer.disconnect();
});

test('a service principal may not create ACLs or use another service\'s consumer group', async (t) => {
  const { s, id, names } = await setup(t);
  const api = kafkaFor(s, `${id}-api`, 'api', noRetry).admin();
  await api.connect();
  t.after(() => api.disconnect());
  await assert.rejects(api.createAcls({ acl: [{ resourceType: 2, resourceName: names.commands!, resourcePatternType: 3, principal: 'User:ingest', host: '*', operation: 4, permissionType: 3 }] as never }), /authoriz|cluster/i);
  // The ingest may not look into (or commit for) the writer's group; the writer may, with the
  // same call and retries. (kafkajs reports the GROUP_AUTHORIZATION_FAILED of FindCoordinator
  // as "failed to find group coordinator".)
  const ingest = kafkaFor(s, `${id}-ingest`, 'ingest', { retry: { retries: 2 } }).admin();
  await ingest.connect();
  t.after(() => ingest.disconnect());
  await assert.rejects(ingest.fetchOffsets({ groupId: names['writer-group']!, topics: [names.vitals!] }), /group coordinator|authoriz/i);
  await assert.rejects(ingest.setOffsets({ groupId: names['writer-group']!, topic: names.vitals!, partitions: [{ partition: 0, offset: '0' }] }), /group coordinator|authoriz/i);
  const writer = kafkaFor(s, `${id}-writer`, 'writer', { retry: { retries: 2 } }).admin();
  await writer.connect();
  t.after(() => writer.disconnect());
  const [committed] = await writer.fetchOffsets({ groupId: names['writer-group']!, topics: [names.vitals!] });
  assert.equal(committed?.topic, names.vitals);
});
