// Composition root of `vitals simulate`: prints progress on a terminal and a JSON summary on stdout.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseConfig } from '../common/config.js';
import { loadEnv } from '../common/env-file.js';
import { simulate, type ScenarioSpec } from './app.js';
import { provisionFleet } from './provision.js';
import { SCENARIOS, type ScenarioName } from './physiology.js';

const schema = z.object({
  MQTT_URL: z.string().url(),
  MQTT_DEVICE_SECRET: z.string().min(1),
  MQTT_CA_FILE: z.string().optional(),
  /** With --api-url: provisions the fleet (admits, assigns) through the API with this operator token. */
  API_OPERATOR_TOKEN: z.string().optional(),
});

const USAGE = `usage: vitals simulate [--devices N] [--batches N | --forever] [--interval-ms MS] [--readings N]
                       [--first-device N] [--scenario NAME[@device[:startMs[:durationMs[:everyMs]]]]]... [--seed N]
                       [--api-url URL]  (admit the patients and assign the devices first; token: API_OPERATOR_TOKEN)
scenarios: ${SCENARIOS.join(', ')}`;

function parseScenario(text: string): ScenarioSpec {
  const [name, rest] = text.split('@') as [string, string | undefined];
  if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario ${name}`);
  const [device, startMs, durationMs, everyMs] = (rest ?? '').split(':').map((x) => (x ? Number(x) : undefined));
  return { name: name as ScenarioName, ...(device ? { device } : {}), ...(startMs !== undefined ? { startMs } : {}), ...(durationMs ? { durationMs } : {}), ...(everyMs ? { everyMs } : {}) };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      devices: { type: 'string', default: '10' },
      batches: { type: 'string', default: '60' },
      forever: { type: 'boolean', default: false },
      'interval-ms': { type: 'string', default: '1000' },
      readings: { type: 'string', default: '1' },
      'first-device': { type: 'string', default: '1' },
      scenario: { type: 'string', multiple: true, default: [] },
      seed: { type: 'string', default: '1' },
      keepalive: { type: 'string', default: '30' },
      'api-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) { process.stdout.write(`${USAGE}\n`); return; }
  let config: z.infer<typeof schema>;
  let scenarios: ScenarioSpec[];
  try {
    config = parseConfig(schema, loadEnv(process.env, process.env.VITALS_STACK_ENV ?? '.stack/env'));
    scenarios = values.scenario.map(parseScenario);
  } catch (err) {
    console.error(`simulate: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values['api-url']) {
    // Issue 15: the ingest attributes readings by assignment only; unprovisioned devices' readings belong to nobody.
    const token = config.API_OPERATOR_TOKEN?.split(',')[0];
    if (!token) { console.error('simulate: --api-url needs API_OPERATOR_TOKEN (environment or stack file)'); process.exit(2); }
    try {
      const p = await provisionFleet({ apiUrl: values['api-url'], token, first: Number(values['first-device']), count: Number(values.devices) });
      process.stderr.write(`simulate: fleet provisioned (${p.admitted} admitted, ${p.assigned} assigned, ${p.unchanged} already assigned)\n`);
    } catch (err) {
      console.error(`simulate: provisioning through ${values['api-url']} failed: ${(err as Error).message}`);
      process.exit(4);
    }
  }
  const tty = process.stderr.isTTY === true;
  // SIGTERM/SIGINT end the run cleanly: in-flight batches are acknowledged, devices say offline.
  const abort = new AbortController();
  process.once('SIGTERM', () => abort.abort());
  process.once('SIGINT', () => abort.abort());
  const summary = await simulate({
    signal: abort.signal,
    mqttUrl: config.MQTT_URL,
    caFile: config.MQTT_CA_FILE,
    deviceSecret: config.MQTT_DEVICE_SECRET,
    devices: Number(values.devices),
    batches: values.forever ? Number.MAX_SAFE_INTEGER : Number(values.batches),
    intervalMs: Number(values['interval-ms']),
    readingsPerBatch: Number(values.readings),
    firstDevice: Number(values['first-device']),
    keepaliveS: Number(values.keepalive),
    seed: Number(values.seed),
    scenarios,
    onProgress: (p) => {
      const done = p.acked + p.failed;
      const frac = p.planned > 0 ? Math.min(1, done / p.planned) : 1;
      const bar = '#'.repeat(Math.round(frac * 30)).padEnd(30, '.');
      const line = `[${bar}] ${(frac * 100).toFixed(0).padStart(3)}%  sent ${p.sent}  acked ${p.acked}  failed ${p.failed}`;
      if (tty) process.stderr.write(`\r${line}`);
    },
  });
  if (tty) process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (summary.failed > 0) process.exitCode = 3;
}
