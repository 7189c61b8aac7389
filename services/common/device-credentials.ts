import { createHmac } from 'node:crypto';

/** Simulated device ids: dev-00001 ... (the stack provisions a pool of them in Mosquitto). */
export const deviceIdFor = (index: number) => `dev-${String(index).padStart(5, '0')}`;
export const patientIdFor = (index: number) => `pat-${String(index).padStart(5, '0')}`;

/** Same derivation as infra/local/device-passwords.mjs, which writes the broker's password file. */
export const devicePassword = (secret: string, deviceId: string) =>
  createHmac('sha256', secret).update(deviceId).digest('base64url').slice(0, 32);
