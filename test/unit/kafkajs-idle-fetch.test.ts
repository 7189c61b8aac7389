// The idle fetch (services/common/kafkajs-idle-fetch.ts): the rule, and the patch through
// kafkajs 2.2.4's own consumer Runner.fetch with a fake consumer group that records the
// settings each fetch was made with. The whole path, against Kafka, runs in every integration
// test with a writer or an alert worker (test/helpers/stack.ts applies the patches).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { nextFetchSettings, patchKafkaIdleFetch, setIdleFetchWait } from '../../services/common/kafkajs-idle-fetch.js';

const batching = { minBytes: 64 * 1024, maxWaitTime: 100 };

test('the next fetch: the configured one unless the group opted in and its last fetch brought nothing', () => {
  assert.deepEqual(nextFetchSettings(batching, false, 1000, 0, 1000, 500), batching, 'records came');
  assert.deepEqual(nextFetchSettings(batching, true, undefined, 0, 1000, 500), batching, 'not opted in');
  assert.deepEqual(nextFetchSettings(batching, true, 80, 0, 1000, 500), batching, 'an idle wait no longer than the configured one');
  // Idle: the first byte, and a wait that ends just past the heartbeat's due time.
  assert.deepEqual(nextFetchSettings(batching, true, 1000, 10_000, 1000, 10_300), { minBytes: 1, maxWaitTime: 705 });
  assert.deepEqual(nextFetchSettings(batching, true, 1000, 10_000, 1000, 10_000), { minBytes: 1, maxWaitTime: 1000 }, 'never past the idle wait');
  assert.deepEqual(nextFetchSettings(batching, true, 250, 10_000, 1000, 10_000), { minBytes: 1, maxWaitTime: 250 }, 'the idle wait caps it (an alert worker ticking every 250 ms)');
  assert.deepEqual(nextFetchSettings(batching, true, 5000, 10_000, 1000, 10_000), { minBytes: 1, maxWaitTime: 1000 }, 'never past the heartbeat interval');
  assert.deepEqual(nextFetchSettings(batching, true, 1000, 10_000, 1000, 10_990), { minBytes: 1, maxWaitTime: 100 }, 'never shorter than the configured wait');
  assert.deepEqual(nextFetchSettings(batching, true, 1000, 10_000, 1000, 12_000), { minBytes: 1, maxWaitTime: 100 }, 'a heartbeat overdue');
  assert.deepEqual(nextFetchSettings({ minBytes: 1, maxWaitTime: 100 }, true, 1000, 0, 1000, 0), { minBytes: 1, maxWaitTime: 1000 }, 'a consumer fetching the first byte anyway waits longer');
});

interface FakeGroup { groupId: string; minBytes: number; maxWaitTime: number; lastRequest: number; seen: { minBytes: number; maxWaitTime: number }[]; next: { rawMessages: unknown[] }[][]; fetch(nodeId: number): Promise<{ rawMessages: unknown[] }[]> }

function fakeRunner(groupId: string, results: { rawMessages: unknown[] }[][]) {
  const group: FakeGroup = {
    groupId, ...batching, lastRequest: Date.now(), seen: [], next: results,
    async fetch() { this.seen.push({ minBytes: this.minBytes, maxWaitTime: this.maxWaitTime }); return this.next.shift() ?? []; },
  };
  const require = createRequire(import.meta.url);
  const Runner = require('kafkajs/src/consumer/runner.js') as { prototype: { fetch(this: unknown, nodeId: number): Promise<unknown[]> } };
  const runner = { consumerGroup: group, heartbeatInterval: 1000, running: true, instrumentationEmitter: { emit: () => true }, heartbeat: async () => undefined };
  return { group, fetch: () => Runner.prototype.fetch.call(runner, 0) };
}

const empty = [{ rawMessages: [] }, { rawMessages: [] }];
const data = [{ rawMessages: [] }, { rawMessages: [{ offset: '7' }] }];

test("through kafkajs's Runner.fetch: idle fetches of an opted-in group wait for the first byte, a fetch with records restores the batching", async () => {
  assert.equal(patchKafkaIdleFetch(), true, 'kafkajs 2.2.4');
  setIdleFetchWait('opted-in', 1000);
  const { group, fetch } = fakeRunner('opted-in', [empty, empty, data, [], data]);
  for (let i = 0; i < 5; i++) await fetch();
  assert.deepEqual(group.seen.map((s) => s.minBytes), [64 * 1024, 1, 1, 64 * 1024, 1]);
  assert.equal(group.seen[0]!.maxWaitTime, 100);
  assert.ok(group.seen[1]!.maxWaitTime > 100 && group.seen[1]!.maxWaitTime <= 1000, `idle wait ${group.seen[1]!.maxWaitTime}`);
  assert.equal(group.seen[3]!.maxWaitTime, 100, 'records came: the batching settings again');
  setIdleFetchWait('opted-in', null);
  await fetch();
  assert.deepEqual(group.seen.at(-1), batching, 'opted out');
});

test('a group that did not opt in always fetches as configured', async () => {
  patchKafkaIdleFetch();
  const { group, fetch } = fakeRunner('not-opted-in', [empty, empty, empty]);
  for (let i = 0; i < 3; i++) await fetch();
  assert.deepEqual(group.seen, [batching, batching, batching]);
});
