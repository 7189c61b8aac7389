import type { Batch, Message } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';
import { commandDeadLetter, decodeCommand, type AlertCommand } from '../common/alert-contract-commands.js';
import { ValidationError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { DeviceState, DeviceStatus, VitalsBatch } from '../common/proto.js';
import { idsValid } from '../common/topics.js';
import { beforeDischarge, onBatch, onCommand, onDischarge, onObservation, onStatus, type AlertRecord, type EngineConfig } from './engine.js';
import type { PatientStates, Undo } from './patient-states.js';

/** A command from the API: the alert contract's (services/common/alert-contract-commands.ts). */
export type Command = AlertCommand;

/** What one batch did: the alert changes, the patients to persist, the last offset handled. */
export interface Processed {
  changes: AlertRecord[];
  dirty: Set<string>;
  /** The offset to resolve once `changes` and `dirty` are durable, or null if none was handled. */
  last: string | null;
  /** Latest ingest receive time of the batch (ms), for the evaluation latency. */
  lastReceived: number;
  /** Commands the worker cannot apply as written, for the dead-letter topic (with their reason). */
  dead: Message[];
}

export interface ProcessorDeps {
  topics: { vitals: string; status: string; commands: string };
  engine: EngineConfig;
  memory: Pick<PatientStates, 'stateFor'>;
  log: Logger;
  registry: Registry;
}

/** Ids reach MQTT topic names, tags and logs: refuse a record outside the alphabet (issue 16). */
function checkIds(deviceId: string | null, patientId: string): void {
  if (typeof patientId !== 'string' || !idsValid(deviceId, patientId)) throw new Error('device or patient id outside the id alphabet');
}

/**
 * Decode, then engine, then changes: one batch of vitals, device status or alert commands
 * applied to the patients' state (touched patients recorded in the undo). No I/O: the
 * caller publishes the changes and persists the dirty patients, or rolls back.
 */
export function createAlertProcessor({ topics, engine, memory, log, registry }: ProcessorDeps) {
  const counter = new Counter({ name: 'vitals_alerts_records_total', help: 'Records evaluated, by topic kind', labelNames: ['kind'], registers: [registry] });
  // One child per kind, made once: a labelled inc() per record hashed its labels every time.
  const kinds = ['unassigned', 'discharged', 'vitals', 'status', 'command', 'dead-letter', 'invalid'] as const;
  const children = new Map(kinds.map((k) => [k, counter.labels({ kind: k })]));
  const records = { inc: ({ kind }: { kind: (typeof kinds)[number] }) => children.get(kind)!.inc() };

  /** Applies one record; returns the patient whose state changed, or null (skipped). */
  function apply(topic: string, message: Batch['messages'][number], receivedAt: number, undo: Undo, changes: AlertRecord[]): string | null {
    if (topic === topics.vitals) {
      const b = VitalsBatch.decode(message.value!);
      // Readings of an unassigned device (issue 15): stored under the device, nothing clinical.
      if (b.patientId === '') { records.inc({ kind: 'unassigned' }); return null; }
      checkIds(b.deviceId, b.patientId);
      const s = memory.stateFor(b.patientId, undo);
      if (beforeDischarge(s, b)) { records.inc({ kind: 'discharged' }); return null; }
      delete s.dischargedAt; // re-admitted and assigned again
      changes.push(...onBatch(s, engine, b, receivedAt));
      records.inc({ kind: 'vitals' });
      return b.patientId;
    }
    if (topic === topics.status) {
      // A device assigned to nobody (issue 15): no patient to raise "device offline" for.
      if (message.headers?.attribution?.toString() === 'unassigned') { records.inc({ kind: 'unassigned' }); return null; }
      const st = DeviceStatus.decode(message.value!);
      const patientId = st.patientId || message.key?.toString() || st.deviceId;
      checkIds(st.deviceId, patientId);
      const s = memory.stateFor(patientId, undo);
      changes.push(...onStatus(s, engine, st.deviceId, st.state === DeviceState.DEVICE_STATE_ONLINE, st.reason, receivedAt, { retained: message.headers?.retained?.toString() === 'true', atMs: st.atMs }));
      records.inc({ kind: 'status' });
      return patientId;
    }
    if (topic === topics.commands) {
      const cmd = decodeCommand(message.value);
      checkIds(null, cmd.patientId);
      const s = memory.stateFor(cmd.patientId, undo);
      if (cmd.type === 'limits') s.overrides = cmd.overrides;
      else if (cmd.type === 'discharge') changes.push(...onDischarge(s, cmd));
      else if (cmd.type === 'observation' || cmd.type === 'spo2-scale') changes.push(...onObservation(s, engine, cmd));
      else {
        const r = onCommand(s, engine, cmd);
        changes.push(...r.changes);
        if (r.refused) log.warn({ alertId: cmd.alertId, patientId: cmd.patientId, reason: r.refused }, 'alert command refused');
      }
      records.inc({ kind: 'command' });
      return cmd.patientId;
    }
    return null;
  }

  return {
    /** Applies `batch` until `live()` turns false (stopping, or the partition moved). */
    process(batch: Pick<Batch, 'topic' | 'partition' | 'messages'>, undo: Undo, live: () => boolean): Processed {
      const out: Processed = { changes: [], dirty: new Set(), last: null, lastReceived: 0, dead: [] };
      for (const message of batch.messages) {
        if (!live()) break;
        const receivedAt = Number(message.headers?.['received-at-ms']?.toString() ?? message.timestamp);
        out.lastReceived = Math.max(out.lastReceived, receivedAt);
        try {
          const patientId = apply(batch.topic, message, receivedAt, undo, out.changes);
          if (patientId !== null) out.dirty.add(patientId);
        } catch (err) {
          if (err instanceof ValidationError && batch.topic === topics.commands) {
            // A command the worker cannot apply as written: kept with its reason, never dropped.
            records.inc({ kind: 'dead-letter' });
            log.warn({ reason: err.code, detail: err.message, partition: batch.partition, offset: message.offset }, 'alert command dead-lettered');
            out.dead.push(commandDeadLetter(message, batch, err));
          } else {
            // Validated upstream; a record that still fails is skipped, counted and logged once.
            records.inc({ kind: 'invalid' });
            log.warn({ err, topic: batch.topic, partition: batch.partition, offset: message.offset }, 'record skipped');
          }
        }
        out.last = message.offset;
      }
      return out;
    },
  };
}

export type AlertProcessor = ReturnType<typeof createAlertProcessor>;
