// What the bench's Mosquitto holds before and between the phases: its persistent sessions, what
// they subscribe to and how many messages each has queued, read from the broker's own save file.
// An offline persistent session on the telemetry filter keeps a copy of every reading the bench
// publishes, and with `autosave_on_changes` every save rewrites all of them: the store reached
// about 53 MB during the 2026-11-30 runs and Mosquitto took 65-71 % of a core in Telegraf's phase
// (docs/benchmarks.md, "Issue 17, a fair reference"). So the bench starts only from a broker
// that holds no such backlog, and removes the sessions it creates as soon as a phase ends.
import { readFileSync, statSync } from 'node:fs';
import { STATE } from './context.js';
import { savesSince } from './usage.js';
import { pathToFileURL } from 'node:url';
import mqtt from 'mqtt';
import { createDynsec } from '../../services/common/dynsec.js';
import type { StackEndpoints } from '../helpers/stack.js';

export interface Session { clientId: string; subscriptions: string[]; messages: number }
export interface StoreState { bytes: number; storedMessages: number; retained: number; sessions: Session[] }

// Mosquitto 2.0's save file (src/persist.h, src/persist_write_v5.c, format v6): a 23-byte
// header (15-byte magic, CRC, version), then chunks of { uint32 type, uint32 length } (network
// order) and a fixed struct (C layout, padded) followed by its strings.
const CHUNK = { msgStore: 2, clientMsg: 3, retain: 4, sub: 5, client: 6 } as const;
const PF_CLIENT_MSG = 16; // store_id u64, mid u16, id_len u16, qos, state, retain_dup, direction
const PF_SUB = 12; // identifier u32, id_len u16, topic_len u16, qos, options (+2 padding)
const PF_CLIENT = 24; // session_expiry_time i64, interval u32, last_mid, id_len, listener_port, username_len (+4 padding)

/** Parses a Mosquitto 2.0 save file; an absent file is an empty broker. */
export function readStore(file: string): StoreState {
  let buf: Buffer;
  try { buf = readFileSync(file); } catch { return { bytes: 0, storedMessages: 0, retained: 0, sessions: [] }; }
  const sessions = new Map<string, Session>();
  const session = (id: string) => { let s = sessions.get(id); if (!s) sessions.set(id, (s = { clientId: id, subscriptions: [], messages: 0 })); return s; };
  let storedMessages = 0, retained = 0;
  for (let off = 23; off + 8 <= buf.length;) {
    const type = buf.readUInt32BE(off), len = buf.readUInt32BE(off + 4), p = off + 8;
    if (p + len > buf.length) break; // a save cut short: count what is whole
    if (type === CHUNK.msgStore) storedMessages++;
    else if (type === CHUNK.retain) retained++;
    else if (type === CHUNK.clientMsg) session(buf.toString('utf8', p + PF_CLIENT_MSG, p + PF_CLIENT_MSG + buf.readUInt16BE(p + 10))).messages++;
    else if (type === CHUNK.sub) {
      const idLen = buf.readUInt16BE(p + 4), topicLen = buf.readUInt16BE(p + 6);
      session(buf.toString('utf8', p + PF_SUB, p + PF_SUB + idLen)).subscriptions.push(buf.toString('utf8', p + PF_SUB + idLen, p + PF_SUB + idLen + topicLen));
    } else if (type === CHUNK.client) session(buf.toString('utf8', p + PF_CLIENT, p + PF_CLIENT + buf.readUInt16BE(p + 14)));
    off = p + len;
  }
  return { bytes: statSync(file).size, storedMessages, retained, sessions: [...sessions.values()] };
}

/** Sessions that would keep a copy of the bench's load: a backlog, or a subscription on a device topic. */
export function backlogSessions(state: StoreState, minMessages = 100): Session[] {
  return state.sessions.filter((s) => s.messages >= minMessages || s.subscriptions.some((t) => /devices\/\+\/(telemetry|status)$/.test(t)));
}

export function describe(s: Session): string {
  return `${s.clientId} (${s.messages} messages queued; ${s.subscriptions.join(', ') || 'no subscriptions'})`;
}

/**
 * Ends persistent sessions (MQTT 3.1.1 3.1.2.4: a connection with CleanSession 1 discards the
 * session). The broker binds each account to its client id (issue 15), so a session is ended
 * as its own account: with `password` when the account exists (the ingest accounts share the
 * stack's ingest password), else through a temporary account bound to that client id, removed
 * after. Returns the sessions it could not end.
 */
export async function endSessions(s: Pick<StackEndpoints, 'mqttUrl' | 'env'>, clientIds: string[], password: string): Promise<string[]> {
  const failed: string[] = [];
  const clean = (id: string, pw: string) => mqtt.connectAsync(s.mqttUrl, { username: id, password: pw, clientId: id, clean: true, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10_000 }).then((c) => c.endAsync()).then(() => true, () => false);
  const dynsec = () => createDynsec({ url: s.mqttUrl, username: s.env.MQTT_REGISTRY_USERNAME ?? 'registry', password: s.env.MQTT_REGISTRY_PASSWORD ?? '' });
  for (const id of clientIds) {
    if (await clean(id, password)) continue;
    const d = await dynsec();
    try {
      const created = await d.run({ command: 'createClient', username: id, clientid: id, password }).then(() => true, () => false);
      if (!created || !(await clean(id, password))) failed.push(id);
      if (created) await d.run({ command: 'deleteClient', username: id }).catch(() => undefined);
    } finally {
      await d.close();
    }
  }
  return failed;
}

/**
 * Makes Mosquitto write its save file now: a clean-session connect (ending a session) is not a
 * change it saves for (src/handle_connect.c counts only persistent connects), so the file can
 * lag behind. An empty retained message on the bench's own topic is a change (src/retain.c
 * counts every non-$SYS retained store, deletions too) and leaves nothing behind.
 */
export async function saveNow(s: Pick<StackEndpoints, 'mqttUrl'>, admin: { username: string; password: string }, log: string): Promise<void> {
  const from = statSync(log).size;
  const c = await mqtt.connectAsync(s.mqttUrl, { ...admin, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
  try {
    await c.publishAsync('bench/v1/store-probe', Buffer.alloc(0), { qos: 1, retain: true });
    for (let i = 0; i < 50 && savesSince(from, log) === 0; i++) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await c.endAsync();
  }
}

// `npx tsx test/bench/broker-state.ts [save file]`: the broker's sessions, subscriptions and
// queued messages (default: the local stack's Mosquitto; the file is as of its last save).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2] ?? `${STATE}/mosquitto/data/mosquitto.db`;
  const st = readStore(file);
  console.log(`${file}: ${Math.round(st.bytes / 1024)} KB, ${st.storedMessages} stored messages (${st.retained} retained), ${st.sessions.length} persistent sessions`);
  for (const x of st.sessions) console.log(`  ${backlogSessions({ ...st, sessions: [x] }).length ? '!' : ' '} ${describe(x)}`);
}
