// What the test suite leaves behind on the stack: Kafka topics and consumer groups, InfluxDB
// buckets, persistent MQTT sessions. `snapshot FILE` records the state before the suite,
// `check FILE` fails (exit 1, naming each leftover) if the suite added anything to it.
//   node --import tsx test/leftovers/leftovers.ts snapshot|check FILE
import { readFileSync, writeFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { kafkaFor, stack, type StackEndpoints } from '../helpers/stack.js';

interface State { topics: string[]; groups: string[]; buckets: string[]; persistentSessions: number }

async function persistentSessions(s: StackEndpoints): Promise<number> {
  // Mosquitto 2.0 publishes $SYS/broker/clients/total (kept sessions included) and
  // .../connected, retained, when they change, at most every sys_interval (10 s). Listen for
  // one full interval so the last value seen is current; kept-but-disconnected sessions are
  // total - connected (our own probe is in both).
  const c = await mqtt.connectAsync(s.mqttUrl, { ...s.mqttAdmin, clientId: `leftovers-${process.pid}`, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
  try {
    const last: Record<string, number> = {};
    c.on('message', (topic, payload) => { last[topic.split('/').at(-1)!] = Number(payload.toString()); });
    await c.subscribeAsync(['$SYS/broker/clients/total', '$SYS/broker/clients/connected'], { qos: 0 });
    await new Promise((r) => setTimeout(r, 11_000));
    if (last.total === undefined || last.connected === undefined) throw new Error('Mosquitto published no $SYS/broker/clients/total or /connected');
    return last.total - last.connected;
  } finally {
    await c.endAsync();
  }
}

async function read(): Promise<State> {
  const s = await stack();
  const kafka = kafkaFor(s, `leftovers-${process.pid}`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__')).sort();
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
    const r = await fetch(`${s.influx.url}/api/v2/buckets?limit=100`, { headers: { Authorization: `Token ${s.influx.token}` } });
    if (!r.ok) throw new Error(`InfluxDB GET /api/v2/buckets: ${r.status}`);
    const buckets = ((await r.json()) as { buckets: { name: string; type: string }[] }).buckets.filter((b) => b.type !== 'system').map((b) => b.name).sort();
    return { topics, groups, buckets, persistentSessions: await persistentSessions(s) };
  } finally {
    await admin.disconnect();
  }
}

const [mode, file] = process.argv.slice(2);
if ((mode !== 'snapshot' && mode !== 'check') || !file) {
  console.error('usage: leftovers.ts snapshot|check FILE');
  process.exit(2);
}
const now = await read();
if (mode === 'snapshot') {
  writeFileSync(file, JSON.stringify(now, null, 1));
  console.log(`[leftovers] before the suite: ${now.topics.length} topics, ${now.groups.length} consumer groups, ${now.buckets.length} buckets, ${now.persistentSessions} kept MQTT sessions`);
} else {
  const before = JSON.parse(readFileSync(file, 'utf8')) as State;
  const added = (k: 'topics' | 'groups' | 'buckets') => now[k].filter((x) => !before[k].includes(x));
  const problems = [
    ...added('topics').map((x) => `Kafka topic ${x}`),
    ...added('groups').map((x) => `Kafka consumer group ${x}`),
    ...added('buckets').map((x) => `InfluxDB bucket ${x}`),
    ...(now.persistentSessions > before.persistentSessions ? [`${now.persistentSessions - before.persistentSessions} more persistent MQTT session(s) (${before.persistentSessions} -> ${now.persistentSessions})`] : []),
  ];
  if (problems.length > 0) {
    console.error(`[leftovers] the test suite left ${problems.length} thing(s) behind:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`[leftovers] none: ${now.topics.length} topics, ${now.groups.length} groups, ${now.buckets.length} buckets, ${now.persistentSessions} kept MQTT sessions, as before the suite`);
}
