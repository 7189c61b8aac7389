import type { Registry } from 'prom-client';
import { VitalsError } from './errors.js';
import type { Logger } from './logger.js';
import { startOpsServer } from './ops-server.js';
import { retry } from './retry.js';

export interface RunnableService {
  start(): Promise<void>;
  stop(): Promise<void>;
  readiness(): string[];
  registry: Registry;
}

/**
 * Composition-root helper: starts a service (retrying an unreachable dependency with
 * backoff for `bootTimeoutMs`), serves /metrics, /healthz, /readyz, and drains on SIGTERM/SIGINT.
 * Boot failures exit non-zero with one line that says what to fix. A drain that takes longer
 * than `drainTimeoutMs` (@defaultValue 30_000 ms; the supervisor kills at 35 s) exits 1.
 */
export async function runService(name: string, service: RunnableService, log: Logger, ops: { host: string; port: number; bootTimeoutMs?: number; drainTimeoutMs?: number }): Promise<void> {
  const deadline = Date.now() + (ops.bootTimeoutMs ?? 60_000);
  try {
    await retry(() => service.start(), {
      initialMs: 500,
      maxMs: 5_000,
      aborted: () => Date.now() > deadline,
      onRetry: (err, attempt) => log.warn({ err, attempt }, 'start failed; retrying'),
    });
  } catch (err) {
    const what = err instanceof VitalsError ? err.message : (err as Error).message;
    console.error(`${name}: cannot start: ${what}. Check that the stack is up (npm run stack -- status) and the MQTT_*, KAFKA_*, INFLUX_* settings.`);
    process.exit(1);
  }
  const server = await startOpsServer({ host: ops.host, port: ops.port, registry: service.registry, ready: () => service.readiness() });
  log.info({ opsPort: server.port }, 'ops server listening');
  let stopping = false;
  const drainTimeoutMs = ops.drainTimeoutMs ?? 30_000;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Armed before anything else can throw or stall, and not unref'd: a drain that hangs with
    // no other handle left must still end in exit 1, not a silent exit 0 (issue 13).
    setTimeout(() => { log.error({ drainTimeoutMs }, 'drain timed out; exiting'); process.exit(1); }, drainTimeoutMs);
    log.info({ signal }, 'draining');
    try {
      await service.stop();
      await server.close();
    } catch (err) {
      log.error({ err }, 'error while stopping');
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
