// The writer and the alert worker fetch with minBytes 64 KiB and a short maxWaitTimeInMs (250
// and 100 ms) so that, under load, a fetch brings many records and each costs one InfluxDB
// write, one state write, one offset commit (issue 17). With nothing to read, that same fetch
// came back empty 4 and 10 times a second, each a request and response of every assigned
// partition. With this (and the event-loop monitor at 100 ms, process-metrics.ts) the idle
// writer went from 5 to 2 Kafka requests a second and 1.3 to 0.7 % of a core, the alert worker
// from 10.8 to 2 and 2.5 to 0.9 % (issue 17, idle cost; docs/benchmarks.md).
// A consumer group that opts in (`setIdleFetchWait`): when a fetch brought nothing, the next
// asks for the first byte (minBytes 1) and may wait longer, up to the opted-in wait and never
// past the next heartbeat's due time. Kafka answers it as soon as a record arrives, so a
// record never waits longer than under the batching settings (it waits less: not for the
// batching deadline), and the heartbeat goes out on time, as kafkajs sends it after an empty
// fetch. The first fetch that brings a record switches back to the batching settings. Groups
// that do not opt in keep their fetch cadence (the API's live view, for one, reads its
// consumer's liveness from it; the alert worker judges device silence only after a recent fetch).
import { createRequire } from 'node:module';

/** A consumer's fetch settings as kafkajs's ConsumerGroup reads them on every fetch. */
export interface FetchSettings { minBytes: number; maxWaitTime: number }

/** Past the heartbeat's due time, so the check after the fetch finds it due (ms). */
const HEARTBEAT_MARGIN_MS = 5;

/**
 * The settings of the next fetch: the configured ones, unless the group opted in (`idleWaitMs`)
 * and its last fetch brought nothing; then minBytes 1 and a wait that ends when the next
 * heartbeat is due, never shorter than the configured wait, never longer than `idleWaitMs`
 * or the heartbeat interval.
 */
export function nextFetchSettings(configured: FetchSettings, lastFetchEmpty: boolean, idleWaitMs: number | undefined, lastHeartbeatAt: number, heartbeatIntervalMs: number, now: number): FetchSettings {
  if (!lastFetchEmpty || idleWaitMs === undefined) return configured;
  const longest = Math.min(idleWaitMs, heartbeatIntervalMs);
  if (!(longest > configured.maxWaitTime)) return configured;
  const untilHeartbeat = lastHeartbeatAt + heartbeatIntervalMs - now + HEARTBEAT_MARGIN_MS;
  return { minBytes: 1, maxWaitTime: Math.min(longest, Math.max(configured.maxWaitTime, untilHeartbeat)) };
}

/** Longest idle fetch per opted-in group id (ms). */
const idleWaits = new Map<string, number>();

/**
 * Opts a consumer group of this process in (or out, with null): once a fetch of it brings
 * nothing, the next waits for the first byte, up to `maxWaitMs` (see the file).
 */
export function setIdleFetchWait(groupId: string, maxWaitMs: number | null): void {
  if (maxWaitMs === null) idleWaits.delete(groupId);
  else idleWaits.set(groupId, maxWaitMs);
}

interface BatchLike { rawMessages: unknown[] }
interface GroupLike extends FetchSettings { groupId: string; lastRequest: number; [IDLE]?: { configured: FetchSettings; empty: boolean } }
interface RunnerProto { consumerGroup: GroupLike; heartbeatInterval: number; fetch(this: RunnerProto, nodeId: number): Promise<BatchLike[]> }

const IDLE = Symbol('vitals.idleFetch');
let patched = false;

/**
 * Installs the idle fetch in kafkajs 2.2.4's consumer runner (read in that version only:
 * `Runner.fetch` calls `ConsumerGroup.fetch`, which reads `minBytes` and `maxWaitTime` from
 * the group on every call, and heartbeats after an empty fetch once `heartbeatInterval` has
 * passed since the group's `lastRequest`). Returns whether it is in place.
 */
export function patchKafkaIdleFetch(): boolean {
  if (patched) return true;
  const require = createRequire(import.meta.url);
  if ((require('kafkajs/package.json') as { version: string }).version !== '2.2.4') return false;
  const proto = (require('kafkajs/src/consumer/runner.js') as { prototype: RunnerProto }).prototype;
  const original = proto.fetch;
  proto.fetch = async function fetch(this: RunnerProto, nodeId: number) {
    const group = this.consumerGroup;
    const state = (group[IDLE] ??= { configured: { minBytes: group.minBytes, maxWaitTime: group.maxWaitTime }, empty: false });
    const next = nextFetchSettings(state.configured, state.empty, idleWaits.get(group.groupId), group.lastRequest, this.heartbeatInterval, Date.now());
    group.minBytes = next.minBytes;
    group.maxWaitTime = next.maxWaitTime;
    const batches = await original.call(this, nodeId);
    // Nothing at all came back (a batch of only filtered records still counts as data).
    state.empty = batches.every((b) => b.rawMessages.length === 0);
    return batches;
  };
  patched = true;
  return true;
}
