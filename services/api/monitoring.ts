/**
 * "Monitoring interrupted" (issue 14), judged by the API itself so that it reaches the ward
 * even while Kafka (and so the alerts topic) is down: the live feed is stale when the API's
 * own Kafka consumers have not completed a fetch for `staleMs`, and the alert worker is
 * behind when its consumer group lags the vitals topic by more than `maxWorkerLag` records.
 * A technical alarm condition in IEC 60601-1-8 terms; shown as the ward's banner and badge.
 */
import type { EventEmitter } from 'node:events';

export interface MonitoringStatus {
  state: 'live' | 'interrupted' | 'starting';
  /** When monitoring was last known to be complete (ms); set while interrupted. */
  since: number | null;
  reasons: string[];
}

export interface MonitoringOptions {
  /** @defaultValue 10_000 (ms) */
  staleMs: number;
  /** Records the alert worker may lag the vitals topic by. @defaultValue 5000 */
  maxWorkerLag: number;
}

export function createMonitoringWatch(deps: {
  feedAt: () => number;
  /** The alert worker group's lag on the vitals topic (records), or null when not configured. */
  workerLag?: (() => Promise<number | null>) | undefined;
  events: EventEmitter;
  options: MonitoringOptions;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  let lag: { records: number; since: number } | null = null;
  let lagError = false;
  let last = '';
  let timer: NodeJS.Timeout | null = null;
  let lagTimer: NodeJS.Timeout | null = null;

  function status(): MonitoringStatus {
    const t = now();
    const feed = deps.feedAt();
    const reasons: string[] = [];
    let since: number | null = null;
    if (feed === 0) {
      if (t - startedAt < deps.options.staleMs) return { state: 'starting', since: null, reasons: [] };
      reasons.push('live feed from Kafka never started');
      since = startedAt;
    } else if (t - feed > deps.options.staleMs) {
      reasons.push('Kafka unreachable: the live feed has stopped');
      since = feed;
    }
    if (lag && lag.records > deps.options.maxWorkerLag) {
      reasons.push(`alert worker behind by ${lag.records} records`);
      since = Math.min(since ?? lag.since, lag.since);
    }
    return reasons.length > 0 ? { state: 'interrupted', since, reasons } : { state: 'live', since: null, reasons: [] };
  }

  async function checkLag(): Promise<void> {
    if (!deps.workerLag) return;
    try {
      const records = await deps.workerLag();
      lagError = false;
      if (records === null || records <= deps.options.maxWorkerLag) lag = records === null ? null : { records, since: now() };
      else lag = { records, since: lag && lag.records > deps.options.maxWorkerLag ? lag.since : now() };
    } catch {
      lagError = true; // Kafka unreachable: the feed check says so
    }
  }

  return {
    status,
    lagError: () => lagError,
    /** Asks the worker's lag now (also every 5 s once started). */
    checkLag,
    start() {
      timer = setInterval(() => {
        const s = status();
        const key = `${s.state}|${s.since ?? ''}|${s.reasons.join(';')}`;
        if (key !== last) { last = key; deps.events.emit('monitoring', s); }
      }, 1000);
      if (deps.workerLag) lagTimer = setInterval(() => { void checkLag(); }, 5000);
    },
    stop() {
      if (timer) clearInterval(timer);
      if (lagTimer) clearInterval(lagTimer);
    },
  };
}

export type MonitoringWatch = ReturnType<typeof createMonitoringWatch>;
