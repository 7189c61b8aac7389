// A group consumer that crashes while Kafka is down gets its partitions back promptly once Kafka
// returns (issue 17: "stop kafka 60 s" took 20 s to recover). The crashed consumer cannot leave
// the group while Kafka is down, and the coordinator reloads the group with that member from
// its log: a consumer that joins as a new member then waits out the old member's session (the
// writer's 20 s) before it gets a partition. Real Kafka, stopped and started by the stack
// script; the consumer is the services' own (createGroupConsumer) on a client with a short
// retry budget, so it gives up within seconds of Kafka going down rather than the services' 35 s.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { createGroupConsumer } from '../../services/common/group-consumer.js';
import { ensureTopics } from '../../services/common/kafka.js';
import { patchKafkaRejoin } from '../../services/common/kafka-rejoin.js';
import { createLogger } from '../../services/common/logger.js';
import { removeKafkaByPrefix, waitFor } from '../helpers/pipeline.js';
import { REPO_ROOT, kafkaFor, stack, uid } from '../helpers/stack.js';

const stackCmd = (...args: string[]) => new Promise<void>((resolve, reject) => {
  execFile('bash', [`${REPO_ROOT}infra/local/stack.sh`, ...args], { timeout: 180_000 }, (err, _out, stderr) => (err ? reject(new Error(`stack ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve()));
});

const SESSION_MS = 20_000; // the writer's sessionTimeout (services/writer/app.ts)

test('a consumer that crashed while Kafka was down rejoins as the same member, without waiting out its old session', { timeout: 240_000 }, async (t) => {
  const s = await stack();
  const id = uid('rejoin');
  const topic = `${id}.records`;
  const admin = kafkaFor(s, `${id}-admin`);
  // Short budgets: the consumer crashes a few seconds into the outage (kafkajs gives up, and it
  // is restarted or replaced), as the services' consumers do after about 35 s.
  const short = { retry: { initialRetryTime: 100, maxRetryTime: 500, retries: 3 } };
  const client = kafkaFor(s, `${id}-consumer`, 'admin', short);
  assert.ok(patchKafkaRejoin(), 'kafkajs patched as createKafka patches it for every service');
  // After hooks run in order: Kafka is back whatever happens, then the consumer and the
  // producer stop, then the test's topic and group go.
  let kafkaDown = false;
  t.after(async () => { if (kafkaDown) await stackCmd('up', 'kafka'); });
  const a = admin.admin();
  await a.connect();
  try {
    await ensureTopics(a, [topic], 3);
  } finally {
    await a.disconnect();
  }

  const seen = new Set<string>();
  const joins: { at: number; memberId: string; durationMs: number }[] = [];
  let crashes = 0;
  const log = createLogger({ name: 'rejoin-test', level: 'silent' });
  const group = createGroupConsumer({
    kafka: { consumer: (config) => {
      const c = client.consumer(config);
      c.on(c.events.GROUP_JOIN, (e: { payload: { memberId: string; duration: number } }) => joins.push({ at: Date.now(), memberId: e.payload.memberId, durationMs: e.payload.duration }));
      return c;
    } },
    log,
    config: { groupId: `${id}-group`, maxWaitTimeInMs: 100, sessionTimeout: SESSION_MS, heartbeatInterval: 1_000 },
    topics: [topic],
    run: { eachMessage: async ({ message }) => { seen.add(message.value!.toString()); } },
    hooks: { crashed: () => { crashes++; } },
    replaceAfterMs: 200,
  });
  t.after(() => group.stop());
  await group.start();

  const producer = admin.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  t.after(() => producer.disconnect());
  t.after(() => removeKafkaByPrefix(admin, id));
  const send = (value: string) => producer.send({ topic, acks: -1, messages: [0, 1, 2].map((p) => ({ partition: p, value: `${value}#${p}` })) });
  await send('before');
  await waitFor('records before the outage consumed', () => (['before#0', 'before#1', 'before#2'].every((v) => seen.has(v)) ? true : undefined), 60_000, 50);
  const member = joins.at(-1)!.memberId;

  kafkaDown = true;
  await stackCmd('down', 'kafka');
  await waitFor('the consumer crashed while Kafka is down', () => (crashes > 0 ? true : undefined), 60_000, 100);
  const joinsBefore = joins.length;
  await stackCmd('up', 'kafka');
  kafkaDown = false;
  const upAt = Date.now();
  await send('after');
  await waitFor('records after the outage consumed', () => (['after#0', 'after#1', 'after#2'].every((v) => seen.has(v)) ? true : undefined), 120_000, 50);
  const recoverMs = Date.now() - upAt;
  const rejoin = joins[joinsBefore];
  assert.ok(rejoin, 'the consumer joined again');
  t.diagnostic(`crashes ${crashes}; rejoined ${rejoin.at - upAt} ms after Kafka was up (join took ${rejoin.durationMs} ms), same member: ${rejoin.memberId === member}; records after the outage consumed ${recoverMs} ms after Kafka was up`);
  assert.equal(rejoin.memberId, member, 'rejoined as the member it was before the outage');
  // Well inside the old member's session: a new member would wait most of it out.
  assert.ok(recoverMs < SESSION_MS / 2, `consumed ${recoverMs} ms after Kafka was up (session ${SESSION_MS} ms)`);
});
