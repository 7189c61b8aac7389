import http from 'node:http';
import https from 'node:https';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { VitalsError } from './errors.js';

const gzipAsync = promisify(gzip);

export interface InfluxWriterOptions {
  url: string;
  token: string;
  org: string;
  bucket: string;
  /**
   * Compress request bodies above 1 KiB. 'auto' compresses unless InfluxDB is on this host,
   * where it would only cost CPU on both ends. @defaultValue 'auto'
   */
  gzip?: boolean | 'auto';
  /** @defaultValue 30_000 (ms) */
  timeoutMs?: number;
}

/** Statuses that say the writer's token or bucket is wrong, not the data. */
export const OPERATOR_STATUS = new Set([401, 403, 404]);

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Writes line protocol with one HTTP request per call and tells the caller exactly
 * whether InfluxDB accepted it (204): the writer commits Kafka offsets only then.
 * 5xx, 429 and network errors are retriable. 401, 403 and 404 (a rotated token, a deleted
 * bucket) are the operator's to fix, not the record's fault: retriable too, flagged
 * `operator` so the writer alarms and holds offsets instead of dead-lettering acknowledged
 * readings (issue 16). Other 4xx (400 bad line, 413) are about the records: not retriable.
 *
 * Plain node:http with a keep-alive agent: fetch (undici, web streams, AbortSignal per
 * request) cost several times more CPU per write in the writer's profile.
 */
export function createInfluxWriter(options: InfluxWriterOptions) {
  const base = new URL(options.url);
  const path = `${base.pathname.replace(/\/$/, '')}/api/v2/write?org=${encodeURIComponent(options.org)}&bucket=${encodeURIComponent(options.bucket)}&precision=ms`;
  const secure = base.protocol === 'https:';
  const agent = new (secure ? https : http).Agent({ keepAlive: true, maxSockets: 4 });
  const compress = options.gzip === 'auto' || options.gzip === undefined ? !LOOPBACK.has(base.hostname) : options.gzip;
  const timeoutMs = options.timeoutMs ?? 30_000;

  function post(body: Buffer, gzipped: boolean): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request({
        agent,
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        timeout: timeoutMs,
        headers: {
          Authorization: `Token ${options.token}`,
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': body.length,
          ...(gzipped ? { 'Content-Encoding': 'gzip' } : {}),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => { if (chunks.length < 16) chunks.push(c); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    async write(lines: string[]): Promise<void> {
      if (lines.length === 0) return;
      const text = Buffer.from(lines.join('\n'), 'utf8');
      const gzipped = compress && text.length > 1024;
      let res: { status: number; text: string };
      try {
        res = await post(gzipped ? await gzipAsync(text) : text, gzipped);
      } catch (err) {
        throw new VitalsError('WRITER_ERR_INFLUX', `influxdb unreachable: ${(err as Error).message}`, { retriable: true, cause: err });
      }
      if (res.status === 204) return;
      const operator = OPERATOR_STATUS.has(res.status);
      throw Object.assign(
        new VitalsError(operator ? 'WRITER_ERR_INFLUX_ACCESS' : 'WRITER_ERR_INFLUX', `influxdb write HTTP ${res.status}: ${res.text.slice(0, 300)}`, { retriable: operator || res.status >= 500 || res.status === 429 }),
        { statusCode: res.status, operator },
      );
    },
    close(): void {
      agent.destroy();
    },
  };
}

export type InfluxWriter = ReturnType<typeof createInfluxWriter>;
