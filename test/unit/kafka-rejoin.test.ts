// services/common/kafka-rejoin.ts on kafkajs 2.2.4's own ConsumerGroup and Runner, with a fake
// coordinator: a member id that a stopped consumer could not hand back goes to the next
// consumer of the group (once), a stale one falls back to a fresh join, and a consumer that
// left cleanly leaves nothing behind. The real rejoin after a Kafka outage is in
// test/integration/consumer-rejoin.test.ts.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { keepMemberId, patchKafkaRejoin, takeMemberId } from '../../services/common/kafka-rejoin.js';

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any */
const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup.js') as new (opts: any) => { memberId: string | null; joinAndSync(): Promise<void> };
const Runner = require('kafkajs/src/consumer/runner.js') as new (opts: any) => { running: boolean; stop(): Promise<void> };
const { createErrorFromCode } = require('kafkajs/src/protocol/error.js') as { createErrorFromCode(code: number): Error };
const { KafkaJSNonRetriableError } = require('kafkajs/src/errors.js') as { KafkaJSNonRetriableError: new (m: string) => Error };
/* eslint-enable @typescript-eslint/no-explicit-any */

const UNKNOWN_MEMBER_ID = 25;
const quiet = { namespace: () => quiet, info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };

/** A ConsumerGroup whose coordinator records each JoinGroup's member id; `stale` ids are unknown to it. */
function group(groupId: string, stale = new Set<string>()) {
  const sent: string[] = [];
  const coordinator = {
    joinGroup: async ({ memberId }: { memberId: string }) => {
      sent.push(memberId);
      if (stale.has(memberId)) throw createErrorFromCode(UNKNOWN_MEMBER_ID);
      return { generationId: 1, leaderId: 'someone-else', memberId: memberId || `${groupId}-fresh`, members: [], groupProtocol: 'RoundRobinAssigner' };
    },
    // The join is what is under test: the sync ends it.
    syncGroup: async () => { throw new KafkaJSNonRetriableError('sync not faked'); },
  };
  const g = new ConsumerGroup({
    retry: { initialRetryTime: 10, retries: 2 }, cluster: { findGroupCoordinator: async () => coordinator }, groupId, topics: [], topicConfigurations: {},
    logger: quiet, instrumentationEmitter: { emit: () => undefined }, assigners: [{ name: 'RoundRobinAssigner', protocol: () => ({ name: 'RoundRobinAssigner', metadata: Buffer.alloc(0) }) }],
    sessionTimeout: 20_000, rebalanceTimeout: 60_000,
  });
  return { g, sent, join: () => g.joinAndSync().catch((err: Error) => assert.match(err.message, /sync not faked/)) };
}

/** A kafkajs Runner, running, whose ConsumerGroup holds `memberId` and whose LeaveGroup fails or succeeds. */
function runner(groupId: string, memberId: string, leaveFails: boolean) {
  const consumerGroup = {
    groupId, memberId: memberId as string | null,
    async leave() { if (leaveFails) throw new Error('connect ECONNREFUSED'); consumerGroup.memberId = null; },
  };
  const r = new Runner({ logger: quiet, consumerGroup, instrumentationEmitter: { emit: () => undefined }, heartbeatInterval: 1000, retry: {}, onCrash: () => undefined, concurrency: 1, eachMessage: async () => undefined });
  r.running = true;
  return { r, consumerGroup };
}

test('kept member ids: per group, in order, each handed out once', () => {
  keepMemberId('g1', 'a');
  keepMemberId('g1', 'b');
  keepMemberId('g1', 'a'); // already kept
  keepMemberId('g2', 'c');
  assert.equal(takeMemberId('g1'), 'a');
  assert.equal(takeMemberId('g1'), 'b');
  assert.equal(takeMemberId('g1'), null);
  assert.equal(takeMemberId('g2'), 'c');
  assert.equal(takeMemberId('g2'), null);
});

test('patched: a consumer stopped without leaving (Kafka down) hands its member id to the next consumer of the group', async () => {
  assert.equal(patchKafkaRejoin(), true);
  const { r, consumerGroup } = runner('g-down', 'member-1', true);
  await r.stop();
  assert.equal(consumerGroup.memberId, null, 'the stopped group no longer holds the member id');
  const next = group('g-down');
  await next.join();
  assert.deepEqual(next.sent, ['member-1'], 'the next consumer joins as that member');
  const another = group('g-down');
  await another.join();
  assert.deepEqual(another.sent, [''], 'handed out once: a second consumer joins as a new member');
});

test('patched: a clean leave keeps nothing; an id the coordinator dropped falls back to a fresh join', async () => {
  assert.equal(patchKafkaRejoin(), true);
  const { r } = runner('g-clean', 'member-2', false);
  await r.stop();
  const next = group('g-clean');
  await next.join();
  assert.deepEqual(next.sent, [''], 'after a clean leave the next consumer joins as a new member');

  keepMemberId('g-stale', 'expired');
  const after = group('g-stale', new Set(['expired']));
  await after.join();
  assert.deepEqual(after.sent, ['expired', ''], 'UNKNOWN_MEMBER_ID: kafkajs joins again without the id');
});

test('patched: only a consumer\'s first join takes a kept id, not a later rejoin of a running consumer', async () => {
  assert.equal(patchKafkaRejoin(), true);
  const running = group('g-first');
  await running.join();
  keepMemberId('g-first', 'left-behind');
  running.g.memberId = null; // as kafkajs does on UNKNOWN_MEMBER_ID before it rejoins
  await running.join();
  assert.deepEqual(running.sent, ['', ''], 'the running consumer rejoined without the kept id');
  assert.equal(takeMemberId('g-first'), 'left-behind', 'still there for the next consumer');
});
