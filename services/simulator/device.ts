// One simulated wearable: connects with its own credentials and Last Will, publishes its
// batches on schedule with QoS 1, and plays its scenarios (network cuts, reboots, clock faults).
import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { deviceIdFor, devicePassword, patientIdFor } from '../common/device-credentials.js';
import { batchToLines } from '../common/line-protocol.js';
import { connectMqtt } from '../common/mqtt.js';
import { DeviceState, DeviceStatus, VitalKind, VitalsBatch, type VitalsBatchInit } from '../common/proto.js';
import { statusTopic, telemetryTopic } from '../common/topics.js';
import type { DeviceSummary, Progress, ScenarioSpec, SimulateOptions } from './options.js';
import { Patient, toSamples, type Episode } from './physiology.js';

function addRange(ranges: [number, number][], seq: number): void {
  const last = ranges[ranges.length - 1];
  if (last && last[1] + 1 === seq) last[1] = seq;
  else { ranges.push([seq, seq]); ranges.sort((a, b) => a[0] - b[0]); }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  if (signal?.aborted) return resolve();
  const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
  const timer = setTimeout(done, ms);
  signal?.addEventListener('abort', done, { once: true });
});

function statusPayload(deviceId: string, patientId: string, state: DeviceState, reason: string, atMs: number): Buffer {
  return Buffer.from(DeviceStatus.encode({ deviceId, patientId, state, reason, atMs, firmware: 'sim-1.0' }).finish());
}

/**
 * Runs device `i` of the run (index `firstDevice + i`) to the end of its batches and resolves
 * with what the broker acknowledged. `progress` is the run's shared counter; `started` the
 * run's start (the physiology's clock).
 */
export async function runDevice(o: SimulateOptions, i: number, progress: Progress, started: number): Promise<DeviceSummary> {
  const intervalMs = o.intervalMs ?? 1000;
  const readings = o.readingsPerBatch ?? 1;
  const first = o.firstDevice ?? 1;
  const rampMs = o.rampMs ?? Math.min(intervalMs, 1000);
  const index = first + i;
  const deviceId = deviceIdFor(index);
  const patientId = patientIdFor(index);
  const mine = (o.scenarios ?? []).filter((s) => (s.device ?? 1) === i + 1);
  const episodes: Episode[] = mine.map((s) => ({ scenario: s.name, startMs: s.startMs ?? 0, durationMs: s.durationMs ?? 20_000, ...(s.everyMs ? { everyMs: s.everyMs } : {}) }));
  const patient = new Patient((o.seed ?? 1) * 100_003 + index, episodes);
  const summary: DeviceSummary = { deviceId, patientId, lastSequence: 0, acked: [], failed: 0, samplesAcked: 0 };
  const dropout = mine.find((s) => s.name === 'dropout');
  const replay = mine.find((s) => s.name === 'replay');
  // Device-side faults (issue 14): a restart that begins the sequence again, a clock that
  // runs ahead or behind, one batch stamped in the future, a draining battery, a sensor
  // (SpO2 probe) coming off while the device stays connected.
  const reboot = mine.find((s) => s.name === 'reboot');
  const skew = mine.find((s) => s.name === 'clock-skew');
  const future = mine.find((s) => s.name === 'future-batch');
  const lowBattery = mine.find((s) => s.name === 'low-battery');
  const sensorOff = mine.find((s) => s.name === 'sensor-off');
  const sendsBootId = reboot?.bootId !== false;
  let bootId = sendsBootId ? randomUUID() : '';
  let rebooted = false;
  let futureSent = false;
  const inWindow = (s: ScenarioSpec, elapsed: number) => elapsed >= (s.startMs ?? 0) && elapsed < (s.startMs ?? 0) + (s.durationMs ?? 20_000);

  const connect = () => connectMqtt({
    url: o.mqttUrl,
    caFile: o.caFile,
    clientId: deviceId,
    username: deviceId,
    password: devicePassword(o.deviceSecret, deviceId),
    clean: true,
    keepalive: o.keepaliveS ?? 30,
    reconnectPeriod: 1000,
    will: {
      topic: statusTopic(deviceId),
      payload: statusPayload(deviceId, patientId, DeviceState.DEVICE_STATE_OFFLINE, 'last-will', Date.now()),
      qos: 1,
      retain: true,
    },
  });
  const goOnline = async (client: MqttClient) => {
    await client.publishAsync(statusTopic(deviceId), statusPayload(deviceId, patientId, DeviceState.DEVICE_STATE_ONLINE, 'connect', Date.now()), { qos: 1, retain: true });
  };
  /** The network disappears: no DISCONNECT, so the broker publishes the Will. */
  const cutNetwork = (client: MqttClient) => {
    client.options.reconnectPeriod = 0;
    client.stream.destroy();
    client.end(true);
    o.onNetworkCut?.(deviceId, Date.now());
  };

  await sleep((i / Math.max(1, o.devices)) * rampMs);
  let client: MqttClient | null = await connect();
  await goOnline(client);
  const t0 = Date.now();
  const buffered: VitalsBatchInit[] = [];
  let seq = 0;
  let dropped = false;
  let offlineUntil = 0;
  const inFlight: Promise<void>[] = [];
  // A device's clock never stamps two batches (or two readings of a kind) with the same
  // millisecond. When this process falls behind (a stalled event loop, a replayed buffer),
  // several batches go out in one tight loop; equal timestamps would make InfluxDB keep
  // only the last of them (same series and time), which is not what a device does.
  let lastMeasuredAt = 0;
  let lastSentAt = 0;
  const sentClock = () => (lastSentAt = Math.max(Date.now(), lastSentAt + 1));

  // sent-at is the device's clock at publish time: offset (clock-skew scenarios) like its samples' times.
  const publish = (c: MqttClient, init: VitalsBatchInit, clockOffset = 0) => {
    const batch = { ...init, sentAtMs: sentClock() + clockOffset };
    const proto = VitalsBatch.encode(batch).finish();
    const bytes = o.format === 'line' ? Buffer.from(batchToLines(VitalsBatch.decode(proto)).join('\n')) : Buffer.from(proto);
    progress.sent++;
    o.onPublish?.(deviceId, Number(batch.sequence), Date.now(), Math.max(...batch.samples!.map((x) => Number(x.measuredAtMs))));
    const p = c.publishAsync(o.topicFor ? o.topicFor(deviceId) : telemetryTopic(deviceId), bytes, { qos: 1 }).then(
      () => { progress.acked++; addRange(summary.acked, Number(batch.sequence)); summary.samplesAcked += batch.samples!.length; },
      () => { progress.failed++; summary.failed++; },
    );
    inFlight.push(p);
  };

  for (let b = 0; b < o.batches; b++) {
    const due = t0 + (b + 1) * intervalMs;
    await sleep(Math.max(0, due - Date.now()), o.signal);
    if (o.signal?.aborted) { progress.planned -= o.batches - b; break; }
    // Network scenarios count from when this device went online, so a slow connect cannot
    // make the cut come before the first batch.
    const elapsed = Date.now() - t0;
    if (dropout && !dropped && elapsed >= (dropout.startMs ?? 0)) {
      dropped = true;
      cutNetwork(client!);
      client = null;
    }
    if (dropped) { progress.planned--; continue; }
    if (replay && offlineUntil === 0 && elapsed >= (replay.startMs ?? 0)) {
      offlineUntil = Date.now() + (replay.durationMs ?? 20_000);
      cutNetwork(client!);
      client = null;
    }
    if (reboot && !rebooted && elapsed >= (reboot.startMs ?? 0) && client) {
      // A quick restart: the session ends cleanly (no Will), the device comes back with a
      // new boot id (or none) and counts its sequence from 1 again.
      rebooted = true;
      await Promise.all(inFlight.splice(0));
      await client.endAsync();
      client = await connect();
      await goOnline(client);
      seq = 0;
      if (sendsBootId) bootId = randomUUID();
    }
    const now = Math.max(Date.now(), lastMeasuredAt + readings);
    // What the device's clock says: ahead/behind for `clock-skew`, far ahead for one `future-batch`.
    let clockOffset = skew && elapsed >= (skew.startMs ?? 0) ? (skew.offsetMs ?? 120_000) : 0;
    if (future && !futureSent && elapsed >= (future.startMs ?? 0)) { futureSent = true; clockOffset = future.offsetMs ?? 120_000; }
    const samples = [];
    for (let r = readings - 1; r >= 0; r--) {
      // Evenly spaced over the interval, but always after this device's previous reading.
      const at = Math.max(now - r * Math.floor(intervalMs / readings), lastMeasuredAt + readings - r);
      const taken = toSamples(patient.at(at - started), at + clockOffset);
      samples.push(...(sensorOff && inWindow(sensorOff, elapsed) ? taken.filter((x) => x.kind !== VitalKind.VITAL_KIND_SPO2) : taken));
    }
    lastMeasuredAt = now;
    seq++;
    summary.lastSequence = seq;
    // `low-battery`: from 30% down to 4% over the episode, then held there.
    const battery = lowBattery && elapsed >= (lowBattery.startMs ?? 0)
      ? Math.max(4, 30 - (26 * (elapsed - (lowBattery.startMs ?? 0))) / (lowBattery.durationMs ?? 20_000))
      : Math.max(5, 100 - (index % 50) - b * 0.01);
    const init: VitalsBatchInit = { deviceId, patientId, sequence: seq, sentAtMs: now + clockOffset, batteryPercent: battery, firmware: 'sim-1.0', samples, bootId };
    if (offlineUntil > 0 && client === null) {
      buffered.push(init);
      if (now < offlineUntil) continue;
      client = await connect();
      await goOnline(client);
      for (const old of buffered.splice(0)) publish(client, old); // original measured-at times
      continue;
    }
    publish(client!, init, clockOffset);
  }
  await Promise.all(inFlight);
  if (client && !dropped) {
    await client.publishAsync(statusTopic(deviceId), statusPayload(deviceId, patientId, DeviceState.DEVICE_STATE_OFFLINE, 'clean-disconnect', Date.now()), { qos: 1, retain: true }).catch(() => undefined);
    await client.endAsync();
  }
  return summary;
}
