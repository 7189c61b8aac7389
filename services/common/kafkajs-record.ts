// kafkajs 2.2.4 encodes each record it produces with one Encoder for the record and one per
// header, turns the headers object into an array of objects first, sizes and writes its
// timestamp delta through Long arithmetic, and writes every varint as a new array copied
// into a new Buffer (`writeUVarInt`): about 14 small Buffers per record of the ingest (five
// headers). In the ingest's profile at 12,000 samples/s (issue 17, 2026-11-30 21:55) the
// record encode was 5.3 % of its busy time (16 us a record) plus a share of the GC (12.6 %).
// This writes the same bytes (Kafka's Record v0, KIP-82 headers) into one buffer of the exact
// size, and leaves any input it was not read for (a timestamp delta past 2^30 ms, a key,
// value or header value that is neither a string nor a Buffer, an array of header values)
// to kafkajs's own encoder.
// Put in place before kafkajs's produce request module loads (it loads on the first produce,
// `requests/produce/index.js` requires its versions lazily): that module holds the function it
// found when it loaded.
import { createRequire } from 'node:module';

interface EncoderLike { buf: Buffer; offset: number; readonly buffer: Buffer }
type EncoderClass = new (initialSize?: number) => EncoderLike;
type HeaderValue = string | Buffer | null | undefined | (string | Buffer)[];
/** What kafkajs passes to its Record encoder (requests/produce/v3/request.js). */
export interface RecordInput {
  offsetDelta?: number;
  timestampDelta?: number;
  key?: string | Buffer | null;
  value?: string | Buffer | null;
  headers?: Record<string, HeaderValue>;
  [other: string]: unknown;
}
type RecordEncoder = (input: RecordInput) => EncoderLike;

/** Timestamp deltas up to this (ms, about 12 days) zigzag the same in 32 and 64 bits. */
const SMALL = 2 ** 30 - 1;

const sizeOfUVarInt = (v: number) => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);
/** Zigzag of a signed 32-bit value (Kafka's varint). */
const zigzag = (v: number) => ((v << 1) ^ (v >> 31)) >>> 0;

function writeUVarInt(buf: Buffer, at: number, v: number): number {
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[at++] = v;
  return at;
}

const plain = (v: unknown): v is string | Buffer => typeof v === 'string' || Buffer.isBuffer(v);
/** Byte length of a key, value or header value (-1: null, a key or value only). */
const bytesOf = (v: string | Buffer | null | undefined) => (v == null ? -1 : typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : v.length);

function writeBytes(buf: Buffer, at: number, v: string | Buffer | null | undefined, n: number): number {
  if (v == null) return writeUVarInt(buf, at, zigzag(-1));
  at = writeUVarInt(buf, at, zigzag(n));
  if (typeof v === 'string') buf.write(v, at, n, 'utf8');
  else v.copy(buf, at);
  return at + n;
}

/** One record's bytes, the same as kafkajs's `recordBatch/record/v0`, in one buffer; null when the input is not one it handles. */
function encodeRecord(Encoder: EncoderClass, input: RecordInput): EncoderLike | null {
  const { offsetDelta = 0, timestampDelta = 0, key, value, headers = {} } = input;
  if (!Number.isInteger(timestampDelta) || Math.abs(timestampDelta) > SMALL) return null;
  if (!Number.isInteger(offsetDelta) || offsetDelta < 0 || offsetDelta > SMALL) return null;
  if ((key != null && !plain(key)) || (value != null && !plain(value))) return null;
  const names = Object.keys(headers);
  const headerSizes: number[] = [];
  let headersSize = sizeOfUVarInt(zigzag(names.length));
  for (const name of names) {
    const v = headers[name];
    // kafkajs sizes a null header value with Buffer.byteLength, which throws: left to it.
    if (!plain(v)) return null;
    const k = Buffer.byteLength(name, 'utf8');
    const n = bytesOf(v);
    headerSizes.push(k, n);
    headersSize += sizeOfUVarInt(zigzag(k)) + k + sizeOfUVarInt(zigzag(n)) + n;
  }
  const keyBytes = bytesOf(key);
  const valueBytes = bytesOf(value);
  const body = 1 + sizeOfUVarInt(zigzag(timestampDelta)) + sizeOfUVarInt(zigzag(offsetDelta))
    + (keyBytes < 0 ? 1 : sizeOfUVarInt(zigzag(keyBytes)) + keyBytes)
    + (valueBytes < 0 ? 1 : sizeOfUVarInt(zigzag(valueBytes)) + valueBytes)
    + headersSize;
  const total = sizeOfUVarInt(zigzag(body)) + body;
  const enc = new Encoder(total);
  const buf = enc.buf;
  let at = writeUVarInt(buf, 0, zigzag(body));
  buf[at++] = 0; // attributes: none used
  at = writeUVarInt(buf, at, zigzag(timestampDelta));
  at = writeUVarInt(buf, at, zigzag(offsetDelta));
  at = writeBytes(buf, at, key, keyBytes);
  at = writeBytes(buf, at, value, valueBytes);
  at = writeUVarInt(buf, at, zigzag(names.length));
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const k = headerSizes[2 * i]!;
    at = writeUVarInt(buf, at, zigzag(k));
    buf.write(name, at, k, 'utf8');
    at += k;
    at = writeBytes(buf, at, headers[name] as string | Buffer, headerSizes[2 * i + 1]!);
  }
  enc.offset = at;
  return enc;
}

let applied: 'full' | 'late' | 'no' | null = null;
let original: RecordEncoder | null = null;

/**
 * Makes kafkajs's produce requests encode their records with `encodeRecord`. 'full' when its
 * produce request module had not loaded yet, 'late' when it had (kafkajs keeps its own
 * encoder), 'no' for another kafkajs version than the one read (2.2.4).
 */
export function fastKafkaRecord(): 'full' | 'late' | 'no' {
  if (applied) return applied;
  const require = createRequire(import.meta.url);
  if ((require('kafkajs/package.json') as { version: string }).version !== '2.2.4') return (applied = 'no');
  if (require.cache[require.resolve('kafkajs/src/protocol/requests/produce/v3/request.js')]) return (applied = 'late');
  const path = require.resolve('kafkajs/src/protocol/recordBatch/record/v0/index.js');
  const kafkajsRecord = require(path) as RecordEncoder;
  const Encoder = require('kafkajs/src/protocol/encoder.js') as EncoderClass;
  original = kafkajsRecord;
  const fast: RecordEncoder = (input) => encodeRecord(Encoder, input) ?? kafkajsRecord(input);
  require.cache[path]!.exports = fast;
  return (applied = 'full');
}

/** The new encoder alone (null: handed back to kafkajs), for the unit test. */
export function encodeKafkaRecord(input: RecordInput): EncoderLike | null {
  const require = createRequire(import.meta.url);
  return encodeRecord(require('kafkajs/src/protocol/encoder.js') as EncoderClass, input);
}

/** kafkajs's own record encoder (for the unit test that compares bytes); null before `fastKafkaRecord`. */
export function kafkajsRecordEncoder(): RecordEncoder | null {
  return original;
}
