// Writes or updates Mosquitto's dynamic-security file (plugins/dynamic-security, 2.0.11 format,
// unchanged in 2.0.21):
//   MQTT_*_PASSWORD=... MQTT_DEVICE_SECRET=... node dynsec-config.mjs FILE DEVICE_COUNT
// Secrets come from the environment, never argv. An existing file is the broker's live registry
// (devices registered, rotated or revoked at runtime through $CONTROL/dynamic-security/v1):
// it is only completed, never rewritten, so a revoked device stays revoked across restarts.
//
// Identity model (issue 15):
// - every device account is bound to its client id (username = client id = device id) and has
//   its own role, whose literal topics are that device's only; Mosquitto's dynsec (2.0.11; its
//   ACL matching is the same in 2.0.21) does not substitute %u in ACLs (checked), hence one
//   role per device, `device/<id>`.
// - service accounts (ingest, alerts, telegraf, clinician) have roles without device topics:
//   they cannot publish telemetry or status as a "device"; each is bound to one client id too
//   (its username), because dynsec binds an account to an id, not an id to an account.
// - the ingest has one account per MQTT connection, bound to that connection's client id
//   (vitals-ingest-1-0 ...), so no other account can take over its persistent session.
// - nothing is delivered that a role does not grant (publishClientReceive defaults to deny),
//   so a session in the wrong hands receives nothing.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

const [file, countArg] = process.argv.slice(2);
const env = process.env;
if (!file || !countArg || !env.MQTT_DEVICE_SECRET || !env.MQTT_ADMIN_PASSWORD) {
  console.error('usage: MQTT_ADMIN_PASSWORD=... MQTT_DEVICE_SECRET=... dynsec-config.mjs FILE DEVICE_COUNT');
  process.exit(2);
}

// Mosquitto's own default (mosquitto_ctrl): every CONNECT pays it, and 10,000 devices reconnect at once.
const ITERATIONS = 101;
const hashed = (password) => {
  const salt = randomBytes(12); // dynsec's salt length
  return { password: pbkdf2Sync(password, salt, ITERATIONS, 64, 'sha512').toString('base64'), salt: salt.toString('base64'), iterations: ITERATIONS };
};
const allow = (acltype, topic) => ({ acltype, topic, allow: true });
const deviceRole = (id) => ({
  rolename: `device/${id}`,
  acls: [
    allow('publishClientSend', `vitals/v1/devices/${id}/telemetry`),
    allow('publishClientSend', `bench/v1/devices/${id}/telemetry`),
    allow('publishClientSend', `vitals/v1/devices/${id}/status`),
    allow('subscribeLiteral', `vitals/v1/devices/${id}/status`),
    allow('publishClientReceive', `vitals/v1/devices/${id}/status`),
  ],
});
const sub = (topic) => [allow('subscribePattern', topic), allow('subscribePattern', `$share/+/${topic}`), allow('publishClientReceive', topic)];
const serviceRoles = [
  { rolename: 'admin', acls: [
    allow('publishClientSend', '$CONTROL/dynamic-security/#'), allow('publishClientReceive', '$CONTROL/dynamic-security/#'),
    allow('subscribePattern', '$CONTROL/dynamic-security/#'), allow('subscribePattern', '$SYS/#'), allow('publishClientReceive', '$SYS/#'),
    allow('publishClientSend', '#'), allow('subscribePattern', '#'), allow('publishClientReceive', '#'),
  ] },
  // The API's device registry: the control topic only (which is still the power to create accounts).
  { rolename: 'registry', acls: [
    allow('publishClientSend', '$CONTROL/dynamic-security/v1'), allow('publishClientReceive', '$CONTROL/dynamic-security/v1/response'),
    allow('subscribeLiteral', '$CONTROL/dynamic-security/v1/response'),
  ] },
  { rolename: 'ingest', acls: [...sub('vitals/v1/devices/+/telemetry'), ...sub('vitals/v1/devices/+/status')] },
  { rolename: 'alerts', acls: [...sub('vitals/v1/devices/+/status'), allow('publishClientSend', 'alerts/v1/#')] },
  { rolename: 'telegraf', acls: [...sub('vitals/v1/devices/+/telemetry'), ...sub('bench/v1/devices/+/telemetry')] },
  { rolename: 'clinician', acls: [...sub('alerts/v1/#')] },
];
// [username, password, role]: the role is the username's unless named.
const services = [
  ['admin', env.MQTT_ADMIN_PASSWORD], ['alerts', env.MQTT_ALERTS_PASSWORD],
  ['clinician', env.MQTT_CLINICIAN_PASSWORD], ['telegraf', env.MQTT_TELEGRAF_PASSWORD], ['registry', env.MQTT_REGISTRY_PASSWORD],
];
// Alert-worker replicas 2..N (issue 17): each its own account and client id (alerts-2 ...) with
// the `alerts` role, so two replicas never take over each other's connection (on one shared
// account they did: 51 failed deliveries in one scale round). Passwords MQTT_ALERTS_<i>_PASSWORD.
for (let i = 2; i <= Number(env.MQTT_ALERTS_REPLICAS || 1); i++) services.push([`alerts-${i}`, env[`MQTT_ALERTS_${i}_PASSWORD`], 'alerts']);

const config = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { clients: [], groups: [], roles: [] };
// Policy, not state: always this file's.
config.defaultACLAccess = { publishClientSend: false, publishClientReceive: false, subscribe: false, unsubscribe: true };
const roles = new Set(config.roles.map((r) => r.rolename));
const clients = new Set(config.clients.map((c) => c.username));
for (const role of serviceRoles) {
  // Service roles follow this file's definition (a newer version of the stack may change them).
  config.roles = config.roles.filter((r) => r.rolename !== role.rolename);
  config.roles.push(role);
}
// Binding is per account: an unbound account may use ANY client id, including the ingest's. So
// every account is bound, except the two superusers (admin, registry), who can rewrite the
// accounts anyway and are never handed to devices, displays or services.
const UNBOUND = new Set(['admin', 'registry']);
for (const [username, password, role = username] of services) {
  if (!password) continue;
  const existing = config.clients.find((c) => c.username === username);
  if (existing) {
    if (!UNBOUND.has(username)) existing.clientid = username;
    continue;
  }
  config.clients.push({ username, ...(UNBOUND.has(username) ? {} : { clientid: username }), textName: `service account: ${username}`, ...hashed(password), roles: [{ rolename: role }] });
}
// Older stacks had one unbound 'ingest' account: any holder could take over any ingest session.
config.clients = config.clients.filter((c) => c.username !== 'ingest');
const ingestPrefix = env.MQTT_INGEST_CLIENT_ID || 'vitals-ingest-1';
for (let i = 0; i < Number(env.MQTT_INGEST_CONNECTIONS || 8); i++) {
  const id = `${ingestPrefix}-${i}`;
  if (!env.MQTT_INGEST_PASSWORD || clients.has(id)) continue;
  config.clients.push({ username: id, clientid: id, textName: 'ingest connection', ...hashed(env.MQTT_INGEST_PASSWORD), roles: [{ rolename: 'ingest' }] });
}
const devicePassword = (id) => createHmac('sha256', env.MQTT_DEVICE_SECRET).update(id).digest('base64url').slice(0, 32);
for (let i = 1; i <= Number(countArg); i++) {
  const id = `dev-${String(i).padStart(5, '0')}`;
  if (!roles.has(`device/${id}`)) config.roles.push(deviceRole(id));
  if (clients.has(id)) continue; // registered, rotated or revoked before: the broker's record stands
  config.clients.push({ username: id, clientid: id, textName: 'simulated device', ...hashed(devicePassword(id)), roles: [{ rolename: `device/${id}` }] });
}
writeFileSync(`${file}.tmp`, JSON.stringify(config, null, 1), { mode: 0o600 });
renameSync(`${file}.tmp`, file);
