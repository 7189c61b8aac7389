// Prints `deviceId:password` lines for the simulated device pool (dev-00001 ...).
// A device's password is derived from the stack's device secret, so the simulator
// can compute it and no list of device passwords is ever stored in plain text.
import { createHmac } from 'node:crypto';

// The secret comes from the environment, not argv (every local user can read argv).
const secret = process.env.MQTT_DEVICE_SECRET;
const [count] = process.argv.slice(2);
if (!secret || !count) {
  console.error('usage: MQTT_DEVICE_SECRET=... device-passwords.mjs COUNT');
  process.exit(2);
}
for (let i = 1; i <= Number(count); i++) {
  const id = `dev-${String(i).padStart(5, '0')}`;
  console.log(`${id}:${createHmac('sha256', secret).update(id).digest('base64url').slice(0, 32)}`);
}
