// `vitals api` as the real process, under runService (issue 13): /readyz, /healthz and
// /metrics on its ops port like every other service, the catalogue served, and a drain on SIGTERM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPipeline } from '../helpers/pipeline.js';
import { startService, waitForLog } from '../helpers/process.js';

test('the API process serves /readyz on its ops port and drains on SIGTERM', async (t) => {
  const p = await startPipeline(t, { writer: false, bucket: false });
  const token = p.s.env.API_CLINICIAN_TOKEN!.split(',')[0]!;
  const api = startService(t, 'api', {
    KAFKA_TOPIC_VITALS: p.topics.vitals, KAFKA_TOPIC_STATUS: p.topics.status, KAFKA_TOPIC_ALERTS: p.topics.alerts,
    KAFKA_TOPIC_ALERT_COMMANDS: `${p.topics.alerts}.commands`, KAFKA_TOPIC_ALERT_STATE: `${p.topics.alerts}.state`,
    // The registry and people topics too (issue 15): the test's own, removed with the pipeline.
    KAFKA_TOPIC_PATIENTS: p.patientTopics.patients, KAFKA_TOPIC_ASSIGNMENTS: p.patientTopics.assignments,
    KAFKA_TOPIC_ACCOUNTS: `${p.id}.accounts`, KAFKA_TOPIC_AUDIT: `${p.id}.audit`,
    ALERTS_GROUP_ID: `${p.id}-alerts`, API_PORT: '0', OPS_PORT: '0', API_HOST: '127.0.0.1',
  });
  await waitForLog(api, 'ops server listening');
  const opsPort = Number(/"opsPort":(\d+)/.exec(api.output())![1]);
  const address = /"address":"([^"]+)"/.exec(api.output())![1]!;
  const ops = (path: string) => fetch(`http://127.0.0.1:${opsPort}${path}`);
  assert.equal((await ops('/readyz')).status, 200, 'ready once listening');
  assert.equal((await ops('/healthz')).status, 200);
  assert.match(await (await ops('/metrics')).text(), /vitals_api_requests_total|vitals_api_process_cpu/);
  const vitals = await fetch(`${address}/api/v1/vitals`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(vitals.status, 200);
  assert.ok(((await vitals.json()) as { vitals: unknown[] }).vitals.length >= 6);

  const exited = new Promise<number | null>((resolve) => api.child.once('exit', (code) => resolve(code)));
  api.child.kill('SIGTERM');
  assert.equal(await exited, 0, `clean exit after the drain:\n${api.output().slice(-2000)}`);
  assert.match(api.output(), /"msg":"draining"/);
  assert.doesNotMatch(api.output(), /drain timed out/);
});
