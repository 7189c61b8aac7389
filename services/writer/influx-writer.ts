import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { VitalsError } from '../common/errors.js';

const gzipAsync = promisify(gzip);

export interface InfluxWriterOptions {
  url: string;
  token: string;
  org: string;
  bucket: string;
  /** Compress bodies above this size. @defaultValue 1024 (bytes) */
  gzipThreshold?: number;
  /** @defaultValue 30_000 (ms) */
  timeoutMs?: number;
}

/**
 * Writes line protocol with one HTTP request per call and tells the caller exactly
 * whether InfluxDB accepted it (204): the writer commits Kafka offsets only then.
 * 5xx, 429 and network errors are retriable; other 4xx are not.
 */
export function createInfluxWriter(options: InfluxWriterOptions) {
  const url = `${options.url.replace(/\/$/, '')}/api/v2/write?org=${encodeURIComponent(options.org)}&bucket=${encodeURIComponent(options.bucket)}&precision=ms`;
  const threshold = options.gzipThreshold ?? 1024;
  return {
    async write(lines: string[]): Promise<void> {
      if (lines.length === 0) return;
      const text = lines.join('\n');
      const compress = text.length > threshold;
      const body = compress ? await gzipAsync(text) : text;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            Authorization: `Token ${options.token}`,
            'Content-Type': 'text/plain; charset=utf-8',
            ...(compress ? { 'Content-Encoding': 'gzip' } : {}),
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (err) {
        throw new VitalsError('WRITER_ERR_INFLUX', `influxdb unreachable: ${(err as Error).message}`, { retriable: true, cause: err });
      }
      if (res.status === 204) return;
      const detail = (await res.text().catch(() => '')).slice(0, 300);
      throw Object.assign(
        new VitalsError('WRITER_ERR_INFLUX', `influxdb write HTTP ${res.status}: ${detail}`, { retriable: res.status >= 500 || res.status === 429 }),
        { statusCode: res.status },
      );
    },
  };
}

export type InfluxWriter = ReturnType<typeof createInfluxWriter>;
