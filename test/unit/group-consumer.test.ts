// services/common/group-consumer.ts against a small fake consumer: the hooks it relays, and a
// replacement that a stop overtakes does not leave a consumer running.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroupConsumer } from '../../services/common/group-consumer.js';
import type { KafkaConsumer } from '../../services/common/kafka.js';
import { createLogger } from '../../services/common/logger.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakes(connectMs = 0) {
  const made: { handlers: Map<string, (e: { payload: unknown }) => void>; state: string }[] = [];
  const consumer = (): KafkaConsumer => {
    const me = { handlers: new Map<string, (e: { payload: unknown }) => void>(), state: 'new' };
    made.push(me);
    return {
      events: { GROUP_JOIN: 'join', REBALANCING: 'rebalancing', FETCH: 'fetch', CRASH: 'crash', END_BATCH_PROCESS: 'end-batch' },
      on: (ev, fn) => { me.handlers.set(ev, fn); },
      connect: async () => { await sleep(connectMs); me.state = 'connected'; },
      subscribe: async () => undefined,
      run: async () => { if (me.state === 'connected') me.state = 'running'; },
      disconnect: async () => { me.state = 'disconnected'; },
    };
  };
  return { kafka: { consumer }, made };
}

const log = createLogger({ name: 'group-test', level: 'silent' });

test('hooks: join (clears a problem), rebalancing, fetch, crash, end of batch', async () => {
  const f = fakes();
  const heard: string[] = [];
  const g = createGroupConsumer({
    kafka: f.kafka, log, config: { groupId: 'g' }, topics: ['t'], run: {},
    hooks: {
      joined: (a) => heard.push(`joined ${JSON.stringify(a)}`), rebalancing: () => heard.push('rebalancing'), fetched: () => heard.push('fetched'),
      crashed: () => heard.push('crashed'), batchEnded: (b) => heard.push(`ended ${b.partition} ${b.offsetLag}`),
    },
  });
  await g.start();
  const h = f.made[0]!.handlers;
  h.get('crash')!({ payload: { error: new Error('x'), restart: true } });
  assert.match(g.problem() ?? '', /consumer crashed: Error: x/);
  h.get('join')!({ payload: { memberAssignment: { t: [1] } } });
  assert.equal(g.problem(), null);
  h.get('rebalancing')!({ payload: {} });
  h.get('fetch')!({ payload: {} });
  h.get('end-batch')!({ payload: { topic: 't', partition: 1, offsetLag: '0' } });
  assert.deepEqual(heard, ['crashed', 'joined {"t":[1]}', 'rebalancing', 'fetched', 'ended 1 0']);
  g.fail('state load failed: y');
  assert.equal(g.problem(), 'state load failed: y');
  await g.stop();
  assert.equal(f.made[0]!.state, 'disconnected');
});

test('a stop that overtakes a replacement leaves no consumer running', async () => {
  const f = fakes(50);
  const g = createGroupConsumer({ kafka: f.kafka, log, config: { groupId: 'g' }, topics: ['t'], run: {}, replaceAfterMs: 1 });
  await g.start();
  f.made[0]!.handlers.get('crash')!({ payload: { error: new Error('Failed to find group coordinator'), restart: false } });
  await sleep(20); // the replacement is connecting
  assert.equal(f.made.length, 2);
  await g.stop();
  await sleep(100);
  assert.deepEqual(f.made.map((m) => m.state), ['disconnected', 'disconnected']);
});
