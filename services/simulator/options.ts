// The simulator's public shapes: what a run is asked to do (devices, batches, scenarios, hooks)
// and what it reports (per device: acknowledged sequence ranges, failures, samples).
import type { ScenarioName } from './physiology.js';

export interface ScenarioSpec {
  name: ScenarioName;
  /** 1-based device index within this run. @defaultValue 1 */
  device?: number;
  /** @defaultValue 0 (ms after start) */
  startMs?: number;
  /** @defaultValue 20_000 (ms) */
  durationMs?: number;
  /** Repeat the episode this often (ms) after its start. */
  everyMs?: number;
  /**
   * `reboot`: whether the device sends a boot id (false: a device that only restarts its
   * sequence, which the pipeline must recognise from the sequence and sent-at). @defaultValue true
   */
  bootId?: boolean;
  /** `clock-skew` and `future-batch`: how far the device clock is ahead (negative: behind; the ingest refuses more than 300 s ahead). @defaultValue 120_000 (ms) */
  offsetMs?: number;
}

export interface SimulateOptions {
  mqttUrl: string;
  caFile?: string | undefined;
  deviceSecret: string;
  devices: number;
  /** Index of the first device (dev-00001 is 1). @defaultValue 1 */
  firstDevice?: number;
  /** Batches per device. */
  batches: number;
  /** ms between batches of one device. @defaultValue 1000 */
  intervalMs?: number;
  /** Readings (of all six vitals) per batch. @defaultValue 1 */
  readingsPerBatch?: number;
  scenarios?: ScenarioSpec[];
  /** @defaultValue 30 (s) */
  keepaliveS?: number;
  seed?: number;
  /** Parallel connection attempts while connecting. @defaultValue 100 */
  connectConcurrency?: number;
  /** Spread device start times over this window. @defaultValue min(intervalMs, 1000) */
  rampMs?: number;
  onProgress?: (p: Progress) => void;
  /** Called with a batch just before it is published (benchmarks record send times). */
  onPublish?: (deviceId: string, sequence: number, atMs: number, lastMeasuredAtMs: number) => void;
  /**
   * Called when a `dropout` or `replay` scenario cuts a device's network (the stream is
   * destroyed, no DISCONNECT: the broker publishes the Will), with the time of the cut.
   */
  onNetworkCut?: (deviceId: string, atMs: number) => void;
  /**
   * Payload format: the vitals.v1 protobuf contract, or InfluxDB line protocol (the same
   * points the writer stores), used only to feed the reference pipeline in benchmarks.
   * @defaultValue 'protobuf'
   */
  format?: 'protobuf' | 'line';
  /** Publishes to this topic instead of the device's own (benchmarks, reference pipeline). */
  topicFor?: (deviceId: string) => string;
  /**
   * Ends the run early (e.g. on SIGTERM): each device stops after its current batch, waits
   * for its in-flight acknowledgements and disconnects cleanly with an `offline` status.
   */
  signal?: AbortSignal;
}

export interface Progress { planned: number; sent: number; acked: number; failed: number }

export interface DeviceSummary {
  deviceId: string;
  patientId: string;
  lastSequence: number;
  /** Acknowledged sequences as inclusive ranges. */
  acked: [number, number][];
  failed: number;
  samplesAcked: number;
}

export interface SimulationSummary {
  devices: number;
  sent: number;
  acked: number;
  failed: number;
  samplesAcked: number;
  durationMs: number;
  perDevice: DeviceSummary[];
}
