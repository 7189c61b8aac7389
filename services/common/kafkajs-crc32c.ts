// kafkajs 2.2.4 checksums every record batch it produces (CRC-32C over the whole batch) one
// byte at a time through one table: 2.4 ns a byte here. The ingest produces every reading and
// the alert worker a state record of about 1 KB per patient per fetch (issue 17), so that is
// about 2 us of each record. Slice-by-8 (eight tables, eight bytes a step; the same CRC, as in
// Intel's and Kafka's own Java fallback) takes 0.8 ns a byte: kafkajs's produce encode of a
// 921-byte state record 8.5-9.0 -> 7.3-7.8 us with the pooled Encoder (measured apart).
// Put in place before kafkajs loads (services/common/kafka.ts imports this first): its record
// batch module holds the function it found when it loaded.
import { createRequire } from 'node:module';

const POLY = 0x82f63b78; // CRC-32C (Castagnoli), reflected

const T = Array.from({ length: 8 }, () => new Int32Array(256));
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let j = 0; j < 8; j++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[0]![n] = c;
}
for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) T[k]![n] = (T[k - 1]![n]! >>> 8) ^ T[0]![T[k - 1]![n]! & 0xff]!;
const [T0, T1, T2, T3, T4, T5, T6, T7] = T as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];

/** CRC-32C of `buf` as an unsigned 32-bit number (what kafkajs's `crc32C` returns). */
export function crc32c(buf: Uint8Array): number {
  let crc = -1;
  let i = 0;
  const n = buf.length;
  const end8 = n - (n & 7);
  for (; i < end8; i += 8) {
    crc ^= buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24);
    crc = T7[crc & 0xff]! ^ T6[(crc >>> 8) & 0xff]! ^ T5[(crc >>> 16) & 0xff]! ^ T4[crc >>> 24]!
      ^ T3[buf[i + 4]!]! ^ T2[buf[i + 5]!]! ^ T1[buf[i + 6]!]! ^ T0[buf[i + 7]!]!;
  }
  for (; i < n; i++) crc = T0[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

let applied: 'full' | 'late' | 'no' | null = null;

/**
 * Makes kafkajs's record batches use `crc32c`. 'full' when kafkajs's checksum module had not
 * loaded yet, 'late' when it had (kafkajs keeps its own), 'no' for another kafkajs version.
 */
export function fastKafkaCrc32c(): 'full' | 'late' | 'no' {
  if (applied) return applied;
  const require = createRequire(import.meta.url);
  if ((require('kafkajs/package.json') as { version: string }).version !== '2.2.4') return (applied = 'no');
  const index = require.resolve('kafkajs/src/protocol/recordBatch/crc32C/index.js');
  if (require.cache[index]) return (applied = 'late');
  const path = require.resolve('kafkajs/src/protocol/recordBatch/crc32C/crc32C.js');
  require(path);
  require.cache[path]!.exports = crc32c;
  return (applied = 'full');
}

fastKafkaCrc32c();
