import { InfluxDB } from '@influxdata/influxdb-client';
import type { InfluxConfig } from './config.js';

export function createInflux(config: Pick<InfluxConfig, 'INFLUX_URL' | 'INFLUX_TOKEN'>): InfluxDB {
  return new InfluxDB({ url: config.INFLUX_URL, token: config.INFLUX_TOKEN, timeout: 30_000 });
}

/** Escapes a tag key/value or measurement for line protocol. */
export const escapeTag = (s: string) => s.replace(/[,= \\]/g, (c) => `\\${c}`);
