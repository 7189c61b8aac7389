import type { ConsumerHost } from '../common/consumer-host.js';
import type { GroupConsumerHooks } from '../common/group-consumer.js';
import { isRetriable } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { retry } from '../common/retry.js';
import type { PatientStates } from './patient-states.js';

export interface AssignmentDeps {
  vitalsTopic: string;
  memory: Pick<PatientStates, 'reassigned' | 'isCurrent' | 'load' | 'replace' | 'states'>;
  /** The consumer host this assignment's hooks are given to (built after them, hence a getter). */
  host: () => Pick<ConsumerHost, 'committedLag' | 'resetLag' | 'fail' | 'running' | 'problem' | 'caughtUp'>;
  /** Batches, ticks and reloads run one at a time (they share the patients' state). */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  tickMs: number;
  log: Logger;
  now: () => number;
}

/**
 * This member's share of the patients (the co-partitioned assignment): on every join the
 * assigned patients' state is read back from the store, and until then the worker is
 * paused. It also knows whether the worker sees the data at all, so that silence in it can
 * be taken for the devices' (inactivity alarms) rather than the worker's own.
 */
export function createAssignment({ vitalsTopic, memory, host: hostOf, exclusive, tickMs, log, now }: AssignmentDeps) {
  /** True while partitions are (re)assigned and their state reloaded, or the consumer is down. */
  let paused = true;
  let loadedAt = 0;
  /** Last successful fetch: a consumer that cannot fetch (broker down) sees no vitals, which is not the devices' silence. */
  let lastFetchAt = 0;
  /** Settles once the current assignment's state is loaded (batches wait for it). */
  let loading: Promise<void> = Promise.resolve();
  /** Whether `loading` has settled: batches then await it without the heartbeat timer. */
  let settled = true;

  const hooks: Required<Omit<GroupConsumerHooks, 'batchEnded'>> = {
    joined(assignment) {
      const mine = new Set(assignment[vitalsTopic] ?? []);
      // Whatever memory holds that the store does not (a batch that failed midway, a tick)
      // is dropped: the assigned patients' state is read back from the store. Ticks stay
      // off until then, and the reload waits for a batch or tick in flight.
      paused = true;
      const gen = memory.reassigned();
      const host = hostOf();
      loading = exclusive(async () => {
        // Retriable (a partition's leader not yet elected right after the topics were created:
        // NOT_LEADER_FOR_PARTITION from ListOffsets once ended the worker in a bench run).
        const [loaded, lag] = await retry(() => Promise.all([memory.load(mine), host.committedLag(mine)]), {
          retries: 8, initialMs: 250, maxMs: 5_000, isRetriable, aborted: () => !memory.isCurrent(gen) || !host.running(),
          onRetry: (err, attempt, delayMs) => log.warn({ err, attempt, delayMs }, 'state load failed; retrying'),
        });
        if (!memory.isCurrent(gen)) return; // superseded by a newer assignment
        memory.replace(loaded);
        host.resetLag(lag);
        loadedAt = now();
        paused = false;
        log.info({ partitions: [...mine], patients: memory.states.size, lag: Object.fromEntries(lag) }, 'alert state loaded');
      }).catch((err: unknown) => { host.fail(`state load failed: ${(err as Error).message}`); log.error({ err }, 'state load failed'); throw err; });
      // Awaited by every batch (which then fails and is retried by kafkajs); until then its
      // rejection is unobserved and must not end the process as an unhandled rejection.
      settled = false;
      const current = loading;
      current.then(() => { if (loading === current) settled = true; }, () => { if (loading === current) settled = true; });
    },
    // The consumer is (re)joining or down: no ticks until the next join has reloaded.
    rebalancing() { paused = true; },
    fetched() { lastFetchAt = now(); },
    crashed() { paused = true; },
  };

  return {
    hooks,
    /**
     * Settles when the current assignment's state is loaded; rejects if that load failed.
     * While a load is under way the caller heartbeats every second (whileHeartbeating).
     */
    loaded: (heartbeat: () => Promise<void>) => (settled ? loading : whileHeartbeating(loading, heartbeat)),
    /** Started, assigned and loaded: the worker may change its patients' state. */
    active: () => hostOf().running() && !paused,
    /** Whether silence in the data is the devices' and not this worker's (reloading, behind, or cut off from Kafka). */
    canJudgeSilence(): boolean {
      const host = hostOf();
      return host.running() && !paused && !host.problem() && now() - loadedAt >= 2 * tickMs && now() - lastFetchAt <= 5 * tickMs && host.caughtUp();
    },
  };
}

/**
 * Awaits `work`, heartbeating every second meanwhile: a state reload slower than the session
 * timeout must not get this live member evicted (a rebalance that reloads again). A heartbeat
 * that fails (the group is rebalancing) ends the wait with its error, as kafkajs expects.
 */
export async function whileHeartbeating<T>(work: Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const beats = new Promise<never>((_, reject) => {
    const beat = () => {
      timer = setTimeout(() => { if (!done) heartbeat().then(() => { if (!done) beat(); }, reject); }, 1_000);
    };
    beat();
  });
  try {
    return await Promise.race([work, beats]);
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
