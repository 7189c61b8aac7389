// The one provisioning point of the scale tests: which patient each simulated device's
// readings belong to. Today a device is pre-provisioned by the stack (MQTT_DEVICE_POOL) and
// its readings carry the simulator's patient id. Once readings are attributed from the
// registry (a device with no assignment raises no clinical alert), swap the body for the
// registry's assignment; the tests only use the returned map.
import { deviceIdFor, patientIdFor } from '../../services/common/device-credentials.js';
import type { StackEndpoints } from '../helpers/stack.js';

export interface Provisioned {
  /** device id -> the patient its readings (and alerts) are attributed to */
  patientOf: Map<string, string>;
  /** Undoes the provisioning (registered with the test's cleanup). */
  remove: () => Promise<void>;
}

export async function provisionDevices(_s: StackEndpoints, firstDevice: number, count: number): Promise<Provisioned> {
  const patientOf = new Map<string, string>();
  for (let i = 0; i < count; i++) patientOf.set(deviceIdFor(firstDevice + i), patientIdFor(firstDevice + i));
  return { patientOf, remove: async () => undefined };
}
