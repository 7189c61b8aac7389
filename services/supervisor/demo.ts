// The demo fleet `vitals start` runs by default, and the example a device maker can publish
// by hand with mosquitto_pub.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deviceIdFor, devicePassword, patientIdFor } from '../common/device-credentials.js';
import { VitalKind, VitalsBatch } from '../common/proto.js';
import { telemetryTopic } from '../common/topics.js';

/** Episodes on a dozen patients: the first ones start within a minute and repeat every 15 min. */
const DEMO_SCENARIOS: { device: number; name: string; startS: number; durationS: number }[] = [
  { device: 2, name: 'desaturation', startS: 20, durationS: 150 },
  { device: 4, name: 'tachycardia', startS: 30, durationS: 120 },
  { device: 6, name: 'fever', startS: 40, durationS: 240 },
  { device: 8, name: 'hypotension', startS: 50, durationS: 120 },
  { device: 10, name: 'spike', startS: 25, durationS: 15 },
];
const EVERY_S = 900;

/** With `apiUrl`, the simulator admits the demo patients and assigns their devices through the API first (issue 15). */
export function demoSimulatorArgs(devices: number, apiUrl?: string): string[] {
  const args = ['simulate', '--forever', '--devices', String(devices), '--interval-ms', '1000', '--seed', '7', ...(apiUrl ? ['--api-url', apiUrl] : [])];
  for (const s of DEMO_SCENARIOS) {
    if (s.device > devices) continue;
    args.push('--scenario', `${s.name}@${s.device}:${s.startS * 1000}:${s.durationS * 1000}:${EVERY_S * 1000}`);
  }
  return args;
}

export const demoScenarioSummary = (devices: number) =>
  DEMO_SCENARIOS.filter((s) => s.device <= devices).map((s) => `${s.name} on ${patientIdFor(s.device)}`).join(', ');

/**
 * Writes one valid vitals.v1 batch (measured now) and the password of a device the demo does
 * not use, so `mosquitto_pub -f` can send it; the password stays in a 600 file, not on screen.
 */
export function writeDeviceExample(dir: string, deviceSecret: string, deviceIndex: number): { deviceId: string; batchFile: string; passwordFile: string; topic: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const deviceId = deviceIdFor(deviceIndex);
  const now = Date.now();
  const samples = [
    { kind: VitalKind.VITAL_KIND_HEART_RATE, value: 72, unit: '/min', measuredAtMs: now },
    { kind: VitalKind.VITAL_KIND_SPO2, value: 97, unit: '%', measuredAtMs: now },
    { kind: VitalKind.VITAL_KIND_RESPIRATORY_RATE, value: 15, unit: '/min', measuredAtMs: now },
    { kind: VitalKind.VITAL_KIND_BODY_TEMPERATURE, value: 36.8, unit: 'Cel', measuredAtMs: now },
  ];
  const bytes = VitalsBatch.encode({ deviceId, patientId: patientIdFor(deviceIndex), sequence: Math.floor(now / 1000), sentAtMs: now, batteryPercent: 80, firmware: 'mosquitto_pub', samples }).finish();
  const batchFile = join(dir, 'example-batch.bin');
  const passwordFile = join(dir, `${deviceId}.password`);
  writeFileSync(batchFile, bytes);
  writeFileSync(passwordFile, devicePassword(deviceSecret, deviceId), { mode: 0o600 });
  chmodSync(passwordFile, 0o600);
  return { deviceId, batchFile, passwordFile, topic: telemetryTopic(deviceId) };
}
