/** Capped exponential backoff with full jitter (defaults after kafkajs `src/retry/defaults.js`). */
export interface RetryOptions {
  /** @defaultValue 200 (ms) */
  initialMs?: number;
  /** @defaultValue 10_000 (ms) */
  maxMs?: number;
  /** @defaultValue Infinity */
  retries?: number;
  /** Stop retrying once this returns true (e.g. the service is stopping). */
  aborted?: () => boolean;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  isRetriable?: (err: unknown) => boolean;
}

export function backoffDelay(attempt: number, initialMs = 200, maxMs = 10_000, random = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? Infinity;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const canRetry = (opts.isRetriable ?? (() => true))(err);
      if (!canRetry || attempt >= retries || opts.aborted?.()) throw err;
      const delay = backoffDelay(attempt, opts.initialMs, opts.maxMs);
      opts.onRetry?.(err, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
