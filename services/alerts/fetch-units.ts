// The alert worker's unit of work: the partition batches of one fetch, evaluated together
// under the worker's lock, made durable together (dead letters, alerts, state) and resolved
// together, or rolled back together.
import type { EachBatchPayload, Message } from 'kafkajs';
import type { Logger } from '../common/logger.js';
import type { AlertRecord } from './engine.js';
import type { PatientStates } from './patient-states.js';
import type { AlertProcessor, Processed } from './processor.js';

export interface FetchUnitsDeps {
  /** Records of one fetch evaluated before their effects are written (a whole partition batch at least). */
  unitMessages: number;
  /** Batches, inactivity ticks and state reloads run one at a time (they share the patients' state). */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  memory: Pick<PatientStates, 'begin' | 'rollback'>;
  processor: Pick<AlertProcessor, 'process'>;
  /** Settles once the current assignment's state is loaded (heartbeating meanwhile). */
  loaded: (heartbeat: () => Promise<void>) => Promise<void>;
  /** Writes malformed commands to the dead-letter topic; resolves once durable. */
  deadLetter: (dead: Message[]) => Promise<void>;
  /** Publishes the alert changes, then persists the dirty patients' state; resolves once both are durable. */
  emit: (changes: AlertRecord[], dirty: Set<string>, receivedAt: number) => Promise<void>;
  log: Logger;
}

interface Joining { payload: EachBatchPayload; resolve: () => void; reject: (err: unknown) => void }

/**
 * kafkajs hands a fetch's partition batches to concurrent eachBatch calls in the same turn
 * of the event loop (`partitionsConsumedConcurrently` = 3 x partitions). They are handled
 * together: evaluated in fetch order, then one alerts write (if any changed), one state write
 * and (in the consumer host) one offset commit for all of them, instead of one of each per
 * partition batch (issue 17: those round trips were most of the worker's cost and, in series,
 * most of its share of the publish -> alert latency).
 */
export function createFetchUnits({ unitMessages, exclusive, memory, processor, loaded, deadLetter, emit, log }: FetchUnitsDeps) {
  /** Batches of the fetch under way, waiting to be handled together. */
  let joining: Joining[] = [];

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
        const undo = memory.begin();
        try {
          const changes: AlertRecord[] = [];
          const dirty = new Set<string>();
          const dead: Processed['dead'] = [];
          let lastReceived = 0;
          const last: (string | null)[] = [];
          for (const { payload: { batch, isRunning, isStale } } of group) {
            const r = processor.process(batch, undo, () => isRunning() && !isStale());
            for (const c of r.changes) changes.push(c);
            for (const p of r.dirty) dirty.add(p);
            for (const d of r.dead) dead.push(d);
            lastReceived = Math.max(lastReceived, r.lastReceived);
            last.push(r.last);
          }
          // Before the offsets move: a failed send rolls the batches back and they are read
          // again (a dead letter may then be written twice: at least once, like every record here).
          if (dead.length > 0) await deadLetter(dead);
          await emit(changes, dirty, lastReceived);
          return last;
        } catch (err) {
          // Nothing of these batches is known to be persisted: forget them, so that their
          // redelivery (same records, from the last committed offsets) raises the same alerts again.
          memory.rollback(undo);
          const { batch } = group[0]!.payload;
          log.warn({ err, batches: group.length, topic: batch.topic, partition: batch.partition, offset: batch.firstOffset(), patients: undo.touched.size }, 'alert batch not persisted; in-memory state rolled back for a retry');
          throw err;
        }
      });
    } catch (err) {
      for (const j of group) j.reject(err);
      return err ?? new Error('alert batch failed');
    }
    // From here the state store holds these batches' effects: a failed commit means a
    // redelivery that the engine recognises (device sequences) and ignores.
    group.forEach((j, i) => {
      const last = lastOffsets[i];
      if (last != null) j.payload.resolveOffset(last); // committed by the consumer host once all have resolved
      j.resolve();
    });
    return null;
  }

  return {
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
