// Every service's process metrics (services/common/process-metrics.ts): prom-client's set,
// under the service's prefix, with the event-loop monitor sampling every 100 ms (its 10 ms
// default woke an idle process 100 times a second: issue 17, idle cost).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { collectProcessMetrics } from '../../services/common/process-metrics.js';

test('process metrics under the prefix, event-loop lag sampled every 100 ms', async (t) => {
  const perfHooks = createRequire(import.meta.url)('perf_hooks') as { monitorEventLoopDelay: (o: { resolution: number }) => unknown };
  const original = perfHooks.monitorEventLoopDelay;
  const resolutions: number[] = [];
  perfHooks.monitorEventLoopDelay = (o) => { resolutions.push(o.resolution); return original(o); };
  t.after(() => { perfHooks.monitorEventLoopDelay = original; });
  const registry = new Registry();
  collectProcessMetrics(registry, 'vitals_test_');
  assert.deepEqual(resolutions, [100]);
  const text = await registry.metrics();
  for (const name of ['vitals_test_process_cpu_seconds_total', 'vitals_test_nodejs_eventloop_lag_max_seconds', 'vitals_test_nodejs_heap_size_used_bytes']) {
    assert.match(text, new RegExp(`^${name} `, 'm'), name);
  }
});
