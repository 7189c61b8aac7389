import { InfluxDB } from '@influxdata/influxdb-client';
import type { InfluxConfig } from './config.js';

export function createInflux(config: Pick<InfluxConfig, 'INFLUX_URL' | 'INFLUX_TOKEN'>): InfluxDB {
  return new InfluxDB({ url: config.INFLUX_URL, token: config.INFLUX_TOKEN, timeout: 30_000 });
}

/**
 * Escapes a tag key/value or measurement for line protocol. Line protocol has no escape
 * for a newline in a tag (it would end the line and start a forged one): `\n` and `\r`
 * are written as the two characters backslash-n / backslash-r. Ids are validated before
 * they get here; this is the second line of defence.
 */
export const escapeTag = (s: string) => s.replace(/[,= \\\n\r]/g, (c) => (c === '\n' ? '\\\\n' : c === '\r' ? '\\\\r' : `\\${c}`));
