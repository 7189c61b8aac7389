import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * prom-client's process metrics (CPU, memory, GC, event-loop lag) as `<prefix>nodejs_*` and
 * `<prefix>process_*`. Event-loop lag is sampled every 100 ms, not prom-client's 10 ms: that
 * timer woke an idle service 100 times a second, 3.3 ms of CPU per second alone (0.3 % of a
 * core per process, measured apart; issue 17, idle cost). A stall shorter than 100 ms can go
 * unseen; the stalls that matter here (a heartbeat missed, a late alarm) are far longer.
 */
export function collectProcessMetrics(registry: Registry, prefix: string): void {
  collectDefaultMetrics({ register: registry, prefix, eventLoopMonitoringPrecision: 100 });
}
