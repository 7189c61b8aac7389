// `npm run bench:produce`: the CPU a kafkajs producer spends per record, with kafkajs's own
// produce request encoder against ours (services/common/kafkajs-produce.ts), alternated in one
// command against the real local Kafka. Each run is a child process that produces the ingest's
// records (620-byte value, a patient key, its five headers) in produce requests of B records,
// idempotent, acks=all, one request in flight (the ingest's producer), and reports its own CPU
// (process.cpuUsage) per record after a warm-up. Medians over the rounds, and their ratio.
// Knobs: PRODUCE_BATCHES (1,8,32), PRODUCE_RECORDS (16000 a run), PRODUCE_ROUNDS (3).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

interface Result { encoder: string; batch: number; records: number; cpuUsPerRecord: number; userUs: number; systemUs: number; requestsPerS: number }

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

async function child(): Promise<void> {
  const encoder = process.env.PRODUCE_ENCODER!;
  const batch = Number(process.env.PRODUCE_BATCH);
  const records = Number(process.env.PRODUCE_RECORDS);
  if (encoder === 'kafkajs') {
    // The other patches as every service has them, then kafkajs's produce request loaded
    // before ours can replace it: patchKafkajs() reports it 'late' and leaves kafkajs's.
    await import('../../services/common/kafkajs-encoder.js');
    await import('../../services/common/kafkajs-crc32c.js');
    createRequire(import.meta.url)('kafkajs/src/protocol/requests/produce/v3/request.js');
  }
  const { stack, kafkaFor, uid } = await import('../helpers/stack.js');
  const { patchKafkajs } = await import('../../services/common/kafka.js');
  const missing = patchKafkajs();
  const expected = encoder === 'kafkajs' ? ['produce encoder (late)'] : [];
  if (JSON.stringify(missing) !== JSON.stringify(expected)) throw new Error(`patches not as expected for ${encoder}: ${JSON.stringify(missing)}`);
  const s = await stack();
  const admin = kafkaFor(s, 'bench-produce-admin').admin();
  await admin.connect();
  const topic = uid('bench-produce');
  await admin.createTopics({ topics: [{ topic, numPartitions: 12 }], waitForLeaders: true });
  const producer = kafkaFor(s, 'bench-produce').producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const value = Buffer.alloc(620, 7);
  const record = (i: number) => ({
    key: `patient-${i % 80}`, value,
    headers: { 'mqtt-topic': `vitals/v1/devices/dev-${i % 80}/telemetry`, 'received-at-ms': String(Date.now()), 'device-id': `dev-${i % 80}`, sequence: String(i), attribution: 'assigned' },
  });
  const send = async (from: number, n: number) => {
    for (let i = from; i < from + n; i += batch) {
      await producer.sendBatch({ topicMessages: [{ topic, messages: Array.from({ length: batch }, (_, j) => record(i + j)) }], acks: -1 });
    }
  };
  try {
    await send(0, Math.max(2000, batch * 50)); // warm-up: the JIT and the connection
    const c0 = process.cpuUsage();
    const t0 = Date.now();
    await send(0, records);
    const c = process.cpuUsage(c0);
    const wall = Date.now() - t0;
    const r: Result = {
      encoder, batch, records, cpuUsPerRecord: (c.user + c.system) / records, userUs: c.user / records, systemUs: c.system / records,
      requestsPerS: records / batch / (wall / 1000),
    };
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

function main(): void {
  const batches = (process.env.PRODUCE_BATCHES ?? '1,8,32').split(',').map(Number);
  const records = Number(process.env.PRODUCE_RECORDS ?? 16_000);
  const rounds = Number(process.env.PRODUCE_ROUNDS ?? 3);
  const results: Result[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const batch of batches) {
      // Alternated, and the order flipped every round, so drift in the machine's load falls on both.
      const order = round % 2 ? ['kafkajs', 'ours'] : ['ours', 'kafkajs'];
      for (const encoder of order) {
        const out = execFileSync(process.execPath, ['--max-semi-space-size=32', '--min-semi-space-size=16', '--import', 'tsx', 'test/bench/produce-cost.ts'], {
          encoding: 'utf8', env: { ...process.env, PRODUCE_CHILD: '1', PRODUCE_ENCODER: encoder, PRODUCE_BATCH: String(batch), PRODUCE_RECORDS: String(Math.ceil(records / batch) * batch) },
        });
        const r = JSON.parse(out.trim().split('\n').pop()!) as Result;
        results.push(r);
        console.log(`round ${round} batch ${batch} ${encoder.padEnd(7)}: ${r.cpuUsPerRecord.toFixed(1)} us CPU a record (user ${r.userUs.toFixed(1)}, system ${r.systemUs.toFixed(1)}), ${r.requestsPerS.toFixed(0)} requests/s`);
      }
    }
  }
  console.log('\n| records a request | kafkajs encoder: CPU us a record (median; runs) | ours | ours / kafkajs |');
  console.log('|---|---|---|---|');
  for (const batch of batches) {
    const of = (e: string) => results.filter((r) => r.batch === batch && r.encoder === e).map((r) => r.cpuUsPerRecord);
    const k = of('kafkajs'), o = of('ours');
    const fmt = (xs: number[]) => `${median(xs).toFixed(1)} (${xs.map((x) => x.toFixed(0)).join(', ')})`;
    console.log(`| ${batch} | ${fmt(k)} | ${fmt(o)} | ${(median(o) / median(k)).toFixed(2)} |`);
  }
}

if (process.env.PRODUCE_CHILD === '1') await child();
else main();
