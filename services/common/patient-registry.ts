// The shared reader of the patients and assignments topics (issue 15): loads both compacted
// topics to their end before `start()` resolves (so a service is never ready on a partial
// registry), then follows them live. Ingest, alert worker and API each hold one.
import { EventEmitter } from 'node:events';
import type { Admin, Kafka } from 'kafkajs';
import { createGroupConsumer } from './group-consumer.js';
import { ensureTopics } from './kafka.js';
import type { Logger } from './logger.js';
import {
  assignedAt, assignmentRecordSchema, parseRecord, patientRecordSchema,
  type AssignmentRecord, type PatientRecord,
} from './patient-records.js';

export interface PatientTopics { patients: string; assignments: string }

export type RegistryChange =
  | { kind: 'patient'; before: PatientRecord | undefined; after: PatientRecord }
  | { kind: 'assignment'; before: AssignmentRecord | undefined; after: AssignmentRecord };

export interface PatientRegistry {
  /** Creates the topics if missing, loads them to their end, then follows them. Idempotent. */
  start(): Promise<void>;
  stop(): Promise<void>;
  loaded(): boolean;
  patient(patientId: string): PatientRecord | undefined;
  patients(): PatientRecord[];
  /** Current ward of an admitted (not discharged) patient. */
  wardOf(patientId: string): string | undefined;
  /** Patient assigned to the device at that time (ms), or null. */
  assignmentAt(deviceId: string, measuredAtMs: number): string | null;
  assignments(deviceId: string): AssignmentRecord | undefined;
  /** Devices whose history names the patient. */
  devicesOf(patientId: string): AssignmentRecord[];
  /** Fires 'change' with a {@link RegistryChange} for every record applied after loading. */
  events: EventEmitter;
}

/** Creates the two compacted topics (one partition each: a small registry, total order). */
export async function ensurePatientTopics(kafka: Kafka, topics: PatientTopics): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [topics.patients, topics.assignments], 1, [{ name: 'cleanup.policy', value: 'compact' }]);
  } finally {
    await admin.disconnect();
  }
}

/** A topic's offsets; right after creation Kafka may answer NOT_LEADER for a moment (retried). */
async function offsetsOf(admin: Admin, topic: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export function createPatientRegistry(deps: { kafka: Kafka; topics: PatientTopics; log: Logger; groupId: string }): PatientRegistry {
  const { kafka, topics, log } = deps;
  const patients = new Map<string, PatientRecord>();
  const assignments = new Map<string, AssignmentRecord>();
  const events = new EventEmitter();
  let starting: Promise<void> | null = null;
  let isLoaded = false;
  /** Told of every record while loading, so `load` knows when each partition's end is reached. */
  let progress: (topic: string, partition: number, offset: number) => void = () => undefined;

  function apply(topic: string, value: Buffer | null, live: boolean): void {
    if (topic === topics.patients) {
      const rec = parseRecord(patientRecordSchema, value);
      if (!rec) { log.warn({ topic }, 'patient record ignored (malformed)'); return; }
      const before = patients.get(rec.patientId);
      patients.set(rec.patientId, rec);
      if (live) events.emit('change', { kind: 'patient', before, after: rec } satisfies RegistryChange);
    } else if (topic === topics.assignments) {
      const rec = parseRecord(assignmentRecordSchema, value);
      if (!rec) { log.warn({ topic }, 'assignment record ignored (malformed)'); return; }
      const before = assignments.get(rec.deviceId);
      assignments.set(rec.deviceId, rec);
      if (live) events.emit('change', { kind: 'assignment', before, after: rec } satisfies RegistryChange);
    }
  }

  /**
   * Reads both topics from the beginning and follows them. A consumer kafkajs gives up on (a
   * non-retriable crash) is replaced (group-consumer.ts): a registry that silently stopped
   * following would leave new assignments unseen and their patients' readings unattributed
   * (no alarms). The replacement reads from the beginning again (nothing is committed).
   */
  const follower = createGroupConsumer({
    kafka, log, name: 'patient registry',
    // The fetch wait bounds only how often an idle follower asks: the broker answers a fetch as
    // soon as a record arrives (minBytes 1), so a new assignment is seen as fast with 1 s as
    // with 100 ms, and the ingest's and API's idle Kafka requests fall tenfold (issue 17).
    // Under sessionTimeout: kafkajs heartbeats between fetches. Once a fetch brings nothing, the
    // next may wait until the heartbeat (3 s, kafkajs's default) is due: a third of the idle
    // fetches again, a record still seen at once (services/common/kafkajs-idle-fetch.ts).
    config: { groupId: deps.groupId, maxWaitTimeInMs: 1_000, sessionTimeout: 10_000, heartbeatInterval: 3_000 },
    idleFetchWaitMs: 3_000,
    topics: [topics.patients, topics.assignments],
    run: {
      autoCommit: false, // every start reads both topics from the beginning
      eachMessage: async ({ topic, partition, message }) => {
        apply(topic, message.value, isLoaded);
        progress(topic, partition, Number(message.offset));
      },
    },
  });

  async function load(): Promise<void> {
    await ensurePatientTopics(kafka, topics);
    const admin = kafka.admin();
    await admin.connect();
    // The end of each partition now: loaded once every one is reached.
    const pending = new Map<string, number>();
    try {
      for (const topic of [topics.patients, topics.assignments]) {
        for (const p of await offsetsOf(admin, topic)) {
          if (Number(p.high) > Number(p.low)) pending.set(`${topic}:${p.partition}`, Number(p.high));
        }
      }
    } finally {
      await admin.disconnect();
    }
    let done!: () => void;
    const caughtUp = new Promise<void>((resolve) => { done = resolve; });
    const check = () => { if (pending.size === 0 && !isLoaded) { isLoaded = true; done(); } };
    progress = (topic, partition, offset) => {
      const key = `${topic}:${partition}`;
      const end = pending.get(key);
      if (end !== undefined && offset + 1 >= end) { pending.delete(key); check(); }
    };
    await follower.start();
    // Compaction can leave the last offsets empty (tombstones, markers): fall back to the lag.
    const lagCheck = setInterval(() => {
      void (async () => {
        if (isLoaded) { clearInterval(lagCheck); return; }
        const a = kafka.admin();
        await a.connect();
        try {
          for (const key of [...pending.keys()]) {
            const [topic, partition] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
            const high = (await offsetsOf(a, topic)).find((p) => p.partition === partition);
            if (high && Number(high.high) === Number(high.low)) pending.delete(key);
          }
          check();
        } finally {
          await a.disconnect();
        }
      })().catch(() => undefined);
    }, 2000);
    check();
    await caughtUp;
    clearInterval(lagCheck);
    progress = () => undefined;
    log.info({ patients: patients.size, devices: assignments.size }, 'patient registry loaded');
  }

  return {
    events,
    start() {
      starting ??= load();
      return starting;
    },
    async stop() {
      const started = follower.running();
      await follower.stop().catch(() => undefined);
      if (started) {
        // The group holds no offsets; remove it so restarts leave nothing behind.
        const admin = kafka.admin();
        await admin.connect().then(() => admin.deleteGroups([deps.groupId])).catch(() => undefined).finally(() => admin.disconnect());
      }
    },
    loaded: () => isLoaded,
    patient: (id) => patients.get(id),
    patients: () => [...patients.values()],
    wardOf(id) {
      const p = patients.get(id);
      return p && !p.dischargedAt ? p.ward : undefined;
    },
    assignmentAt: (deviceId, atMs) => assignedAt(assignments.get(deviceId), atMs),
    assignments: (deviceId) => assignments.get(deviceId),
    devicesOf: (patientId) => [...assignments.values()].filter((r) => r.history.some((a) => a.patientId === patientId)),
  };
}
