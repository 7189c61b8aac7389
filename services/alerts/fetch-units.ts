// The alert worker's unit of work: the partition batches of one fetch, evaluated together
// under the worker's lock, made durable together (dead letters, alerts, state) and resolved
// together, or rolled back together. A unit that changed no alert may wait (deferred) for
// the next one that did, or for the flush interval: see `deferMs`.
import type { EachBatchPayload, Message } from 'kafkajs';
import type { TopicPartitionOffset } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import type { AlertRecord } from './engine.js';
import type { PatientStates, Undo } from './patient-states.js';
import type { AlertProcessor, Processed } from './processor.js';

export interface FetchUnitsDeps {
  /** Records of one fetch evaluated before their effects are written (a whole partition batch at least). */
  unitMessages: number;
  /** Batches, inactivity ticks and state reloads run one at a time (they share the patients' state). */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  memory: Pick<PatientStates, 'begin' | 'rollback' | 'isCurrent'>;
  processor: Pick<AlertProcessor, 'process'>;
  /** Settles once the current assignment's state is loaded (heartbeating meanwhile). */
  loaded: (heartbeat: () => Promise<void>) => Promise<void>;
  /** Writes malformed commands to the dead-letter topic; resolves once durable. */
  deadLetter: (dead: Message[]) => Promise<void>;
  /** Publishes the alert changes, then persists the dirty patients' state; resolves once both are durable. */
  emit: (changes: AlertRecord[], dirty: Set<string>, receivedAt?: number) => Promise<void>;
  /**
   * Longest the state of units that changed no alert (and dead-lettered nothing) may stay
   * unpersisted, their offsets uncommitted (ms); 0 persists and commits every unit.
   * Requires `offsets` (the worker commits itself). @defaultValue 0
   */
  deferMs?: number;
  /** Commit and seek of the worker's consumer (consumer host with `serviceCommits`); required when `deferMs` > 0. */
  offsets?: { commit(offsets: TopicPartitionOffset[]): Promise<void>; seek(targets: TopicPartitionOffset[]): void };
  now?: () => number;
  log: Logger;
}

/**
 * Units processed but not yet durable (deferred): their patients' state is only in memory
 * and their offsets are resolved (kafkajs fetches on) but not committed. A kill -9 or a
 * rebalance loses nothing: the records from the committed offsets on are read again and the
 * engine (pure, on the samples' clock) derives the same state from the persisted one; no
 * alert came out of these units, or they would not have been deferred.
 */
interface Deferred {
  /** One undo for all of them: a failure rolls back every patient they touched. */
  undo: Undo;
  dirty: Set<string>;
  /** Per "topic:partition": the first offset not durable (where to seek back to). */
  from: Map<string, TopicPartitionOffset>;
  since: number;
  records: number;
}

interface Joining { payload: EachBatchPayload; resolve: () => void; reject: (err: unknown) => void }

/**
 * kafkajs hands a fetch's partition batches to concurrent eachBatch calls in the same turn
 * of the event loop (`partitionsConsumedConcurrently` = 3 x partitions). They are handled
 * together: evaluated in fetch order, then one alerts write (if any changed), one state write
 * and one offset commit for all of them, instead of one of each per partition batch (issue 17:
 * those round trips were most of the worker's cost and, in series, most of its share of the
 * publish -> alert latency). With `deferMs`, a unit that changed no alert defers its state
 * write and commit to the next unit that changes one, a tick, or `deferMs` later: one state
 * record per patient and one commit per interval instead of per fetch (about ten a second).
 */
export function createFetchUnits({ unitMessages, exclusive, memory, processor, loaded, deadLetter, emit, deferMs = 0, offsets, now = Date.now, log }: FetchUnitsDeps) {
  if (deferMs > 0 && !offsets) throw new Error('deferred state needs the consumer\'s commit and seek');
  /** Batches of the fetch under way, waiting to be handled together. */
  let joining: Joining[] = [];
  /** Units processed and resolved, not yet durable (see `Deferred`). */
  let deferred: Deferred | null = null;
  /** Offsets whose work is durable, not yet committed (a failed commit is retried with the next). */
  const toCommit = new Map<string, TopicPartitionOffset>();
  /** The assignment generation `toCommit` belongs to: after a reassignment the partitions' new owners commit. */
  let commitGen = -1;
  const tp = (topic: string, partition: number) => `${topic}:${partition}`;

  /** The deferred units, if they still belong to the current assignment (a reload replaced their patients' state). */
  function current(): Deferred | null {
    if (deferred && !memory.isCurrent(deferred.undo.generation)) {
      // Their records are read again from the committed offsets by whoever holds the partitions now.
      deferred = null;
      toCommit.clear();
    }
    return deferred;
  }

  /** The timer that makes deferred units durable when no unit or tick did (none while idle). */
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  function arm(): void {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      flushDue().catch((err: unknown) => { log.warn({ err }, 'deferred alert state not persisted; read again from the committed offsets'); });
    }, deferMs);
    timer.unref?.();
  }

  /** Makes the deferred units durable once `deferMs` has passed since the first; commits what is durable. */
  function flushDue(): Promise<void> {
    return exclusive(async () => {
      const d = deferMs > 0 ? current() : null;
      if (d && now() - d.since < deferMs) arm();
      else await flushNow();
    });
  }

  /** Commits what is durable; a failure leaves it for the next commit (the state store is ahead: replays are recognised). */
  async function commitDurable(): Promise<void> {
    if (!offsets || toCommit.size === 0) return;
    if (!memory.isCurrent(commitGen)) { toCommit.clear(); return; }
    const list = [...toCommit.values()];
    toCommit.clear();
    try {
      await offsets.commit(list);
    } catch (err) {
      for (const o of list) if (!toCommit.has(tp(o.topic, o.partition))) toCommit.set(tp(o.topic, o.partition), o);
      log.warn({ err, partitions: list.length }, 'offset commit failed; retried with the next');
      arm();
    }
  }

  /**
   * After a failure: every patient the deferred units touched goes back to its persisted
   * state, and their partitions are read again from their first offset not durable.
   */
  function undoDeferred(d: Deferred): void {
    memory.rollback(d.undo);
    deferred = null;
    for (const k of d.from.keys()) toCommit.delete(k);
    try {
      offsets!.seek([...d.from.values()]);
    } catch (err) {
      log.error({ err }, 'seek back after a failed unit failed');
    }
  }

  /**
   * A fetch's batches in units of at most `unitMessages` records (a whole batch at least),
   * one after another: a worker catching up (fetches of megabytes) still yields to the event
   * loop, heartbeats and persists between units, as it did between partition batches. After a
   * failed unit the rest are failed unprocessed: read again from their committed offsets.
   */
  async function handleInUnits(group: Joining[]): Promise<void> {
    const units: Joining[][] = [];
    let records = Infinity;
    for (const j of group) {
      const n = j.payload.batch.messages.length;
      if (records + n > unitMessages) { units.push([]); records = 0; }
      units.at(-1)!.push(j);
      records += n;
    }
    for (let i = 0; i < units.length; i++) {
      const failed = await handleTogether(units[i]!);
      if (failed) {
        for (const j of units.slice(i + 1).flat()) j.reject(failed);
        return;
      }
    }
  }

  /** Handles `group` as one unit of work; returns the error it failed with (every batch of it rejected), or null. */
  async function handleTogether(group: Joining[]): Promise<unknown> {
    let lastOffsets: (string | null)[];
    try {
      lastOffsets = await exclusive(async () => {
        const before = deferMs > 0 ? current() : null;
        // Deferred units and this one share an undo: a failure rolls all of them back.
        const undo = before?.undo ?? memory.begin();
        try {
          const changes: AlertRecord[] = [];
          const dirty = new Set<string>();
          const dead: Processed['dead'] = [];
          let lastReceived = 0;
          let records = 0;
          const last: (string | null)[] = [];
          for (const { payload: { batch, isRunning, isStale } } of group) {
            const r = processor.process(batch, undo, () => isRunning() && !isStale());
            for (const c of r.changes) changes.push(c);
            for (const p of r.dirty) dirty.add(p);
            for (const d of r.dead) dead.push(d);
            lastReceived = Math.max(lastReceived, r.lastReceived);
            records += batch.messages.length;
            last.push(r.last);
          }
          if (deferMs > 0) {
            const d = before ?? { undo, dirty: new Set<string>(), from: new Map<string, TopicPartitionOffset>(), since: now(), records: 0 };
            for (const p of dirty) d.dirty.add(p);
            d.records += records;
            commitGen = undo.generation;
            group.forEach(({ payload: { batch } }, i) => {
              const key = tp(batch.topic, batch.partition);
              const lastOffset = last[i];
              if (lastOffset == null) return;
              if (!d.from.has(key)) d.from.set(key, { topic: batch.topic, partition: batch.partition, offset: batch.messages[0]!.offset });
              toCommit.set(key, { topic: batch.topic, partition: batch.partition, offset: (BigInt(lastOffset) + 1n).toString() });
            });
            if (!before) arm();
            deferred = d;
            // Nothing to tell anyone and not due: resolved (fetching goes on), neither persisted nor committed.
            if (changes.length === 0 && dead.length === 0 && now() - d.since < deferMs && d.records < unitMessages) return last;
          }
          // Before the offsets move: a failed send rolls the batches back and they are read
          // again (a dead letter may then be written twice: at least once, like every record here).
          if (dead.length > 0) await deadLetter(dead);
          const all = deferred ? deferred.dirty : dirty;
          await emit(changes, all, lastReceived);
          deferred = null;
          await commitDurable();
          return last;
        } catch (err) {
          // Nothing of these batches is known to be persisted: forget them, so that their
          // redelivery (same records, from the last committed offsets) raises the same alerts again.
          if (deferred) undoDeferred(deferred);
          else memory.rollback(undo);
          const { batch } = group[0]!.payload;
          log.warn({ err, batches: group.length, topic: batch.topic, partition: batch.partition, offset: batch.firstOffset(), patients: undo.touched.size }, 'alert batch not persisted; in-memory state rolled back for a retry');
          throw err;
        }
      });
    } catch (err) {
      for (const j of group) j.reject(err);
      return err ?? new Error('alert batch failed');
    }
    // From here the state store holds these batches' effects (or they are deferred, and read
    // again from the committed offsets if they never become durable): a failed commit means a
    // redelivery that the engine recognises (device sequences) and ignores.
    group.forEach((j, i) => {
      const last = lastOffsets[i];
      if (last != null) j.payload.resolveOffset(last); // committed by the consumer host once all have resolved (or by this module, deferring)
      j.resolve();
    });
    return null;
  }

  /**
   * Makes the deferred units durable now (the caller holds the worker's lock): every dirty
   * patient's state, then the offsets. On failure they are rolled back and read again, and
   * the error is the caller's.
   */
  async function flushNow(): Promise<void> {
    const d = deferMs > 0 ? current() : null;
    if (!d) return commitDurable();
    try {
      await emit([], d.dirty);
    } catch (err) {
      undoDeferred(d);
      throw err;
    }
    deferred = null;
    await commitDurable();
  }

  return {
    /**
     * Before a tick (under the worker's lock): the deferred units made durable first, so that
     * what the tick rolls back on a failure (to the persisted state) holds them.
     */
    flushNow,
    /** Makes the deferred units durable once due (takes the lock; the module's own timer calls it). */
    flushDue,
    /** No timer from here on (the worker stops; deferred units are read again by the next owner). */
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    /** The consumer host's eachBatch: joins the fetch's other batches, settles when their unit is durable (or failed). */
    async eachBatch(payload: EachBatchPayload): Promise<void> {
      await loaded(payload.heartbeat);
      await new Promise<void>((resolve, reject) => {
        joining.push({ payload, resolve, reject });
        if (joining.length === 1) setImmediate(() => { const group = joining; joining = []; void handleInUnits(group); });
      });
      await payload.heartbeat();
    },
  };
}
