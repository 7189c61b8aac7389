import { createHmac } from 'node:crypto';

/** Simulated device ids: dev-00001 ... (the stack provisions a pool of them in Mosquitto). */
export const deviceIdFor = (index: number) => `dev-${String(index).padStart(5, '0')}`;
export const patientIdFor = (index: number) => `pat-${String(index).padStart(5, '0')}`;

/** Same derivation as infra/local/dynsec-config.mjs (the broker's dynamic-security accounts) and device-passwords.mjs (Docker). */
export const devicePassword = (secret: string, deviceId: string) =>
  createHmac('sha256', secret).update(deviceId).digest('base64url').slice(0, 32);
