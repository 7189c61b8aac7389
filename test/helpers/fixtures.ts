import { VitalKind, VitalsBatch, type VitalsBatchInit } from '../../services/common/proto.js';

export function makeBatch(overrides: Partial<VitalsBatchInit> = {}, now = Date.now()): VitalsBatchInit {
  return {
    deviceId: 'dev-00001',
    patientId: 'pat-00001',
    sequence: 1,
    sentAtMs: now,
    batteryPercent: 87.5,
    firmware: '1.4.2',
    samples: [
      { kind: VitalKind.VITAL_KIND_HEART_RATE, value: 72, unit: '/min', measuredAtMs: now - 1000 },
      { kind: VitalKind.VITAL_KIND_SPO2, value: 97, unit: '%', measuredAtMs: now - 1000 },
      { kind: VitalKind.VITAL_KIND_BODY_TEMPERATURE, value: 36.8, unit: 'Cel', measuredAtMs: now - 1000 },
    ],
    ...overrides,
  };
}

export const encodeBatch = (init: VitalsBatchInit): Uint8Array => VitalsBatch.encode(VitalsBatch.create(init)).finish();
