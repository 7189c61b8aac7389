// kafkajs 2.2.4 encodes a produce request in layers: every record, every record header, the
// record batch, each partition, each topic and the request get their own Encoder, each layer
// copies the one below it, every varint is a `Buffer.from(array)`, and the record's timestamp
// delta goes through Long arithmetic. Issue 17: a loop producing the ingest's records (620
// bytes, five headers, acks=all, idempotent) to the real Kafka took 200-240 us of CPU per record
// in produce requests of 8 records, and 75-85 us in requests of 128; the ingest sends about 8 a
// request at 12,000 samples/s, so this was the largest share of its CPU per sample.
//
// Here the whole request body (Produce v3; v4-v7 reuse v3's encoder) is written in two passes
// into one buffer of its exact size: a sizing pass, then the bytes, with the batch's CRC-32C
// over the written bytes (the slice-by-8 of kafkajs-crc32c.ts). The bytes are kafkajs's own
// (test/unit/kafkajs-produce.test.ts compares them with an unpatched kafkajs). What it was not
// read for goes to kafkajs's encoder unchanged: compression, message timestamps (kafkajs sorts
// them as strings), and keys, values or header values other than a string or a Buffer (an
// array of header values, a number, a null header value). Record batch format: KIP-98,
// https://kafka.apache.org/documentation/#recordbatch.
// Installed by services/common/kafka.ts before kafkajs's produce request modules load (they
// load on the first produce).
import { createRequire } from 'node:module';
import { crc32c } from './kafkajs-crc32c.js';

type Bytes = string | Buffer | null | undefined;
interface Message { key?: unknown; value?: unknown; headers?: unknown; timestamp?: unknown }
interface PartitionData { partition: number; firstSequence?: number; messages: Message[] }
interface TopicData { topic: string; partitions: PartitionData[] }
export interface ProduceArgs {
  acks: number;
  timeout: number;
  transactionalId?: string | null;
  producerId?: unknown;
  producerEpoch?: number;
  compression?: number;
  topicData: TopicData[];
}
interface LongLike { getHighBits(): number; getLowBits(): number }
interface EncoderLike { buf: Buffer; offset: number }
interface ProduceRequest { encode: () => Promise<EncoderLike> }

/** Bytes of a zig-zag varint (kafkajs's `sizeOfVarInt`). */
function varIntSize(v: number): number {
  let z = ((v << 1) ^ (v >> 31)) >>> 0;
  let n = 1;
  while (z >= 0x80) { z >>>= 7; n++; }
  return n;
}

function writeVarInt(buf: Buffer, at: number, v: number): number {
  let z = ((v << 1) ^ (v >> 31)) >>> 0;
  while (z >= 0x80) { buf[at++] = (z & 0x7f) | 0x80; z >>>= 7; }
  buf[at++] = z;
  return at;
}

/** Byte length of a key, value or header value; -1 for null; NaN when kafkajs's own encoder must take it. */
function bytesLength(v: unknown): number {
  if (v == null) return -1;
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (Buffer.isBuffer(v)) return v.length;
  return NaN;
}

/** Writes varint(length) and the bytes of a key, value or header value whose length is `len`. */
function writeBytes(buf: Buffer, at: number, v: Bytes, len: number): number {
  at = writeVarInt(buf, at, len);
  if (len <= 0) return at;
  if (typeof v === 'string') buf.write(v, at, len, 'utf8');
  else (v as Buffer).copy(buf, at);
  return at + len;
}

function writeInt64(buf: Buffer, at: number, high: number, low: number): number {
  buf.writeInt32BE(high | 0, at);
  buf.writeInt32BE(low | 0, at + 4);
  return at + 8;
}

// The sizing pass's per-record figures, read back by the writing pass (encoding is synchronous).
let lengths: number[] = [];

/**
 * The body of a Produce v3-v7 request as kafkajs 2.2.4 writes it, or null when the request
 * holds anything this encoder does not take (see the top of the file). `now` is kafkajs's
 * `Date.now()` for the batches' first and max timestamp.
 */
export function encodeProduceRequest(args: ProduceArgs, toLong: (v: unknown) => LongLike, now = Date.now()): Buffer | null {
  if ((args.compression ?? 0) !== 0) return null;
  const transactionalId = args.transactionalId ?? null;
  const txLen = transactionalId === null ? 0 : Buffer.byteLength(transactionalId, 'utf8');
  let size = 2 + txLen + 2 + 4 + 4;
  let li = 0;
  for (const t of args.topicData) {
    size += 2 + Buffer.byteLength(t.topic, 'utf8') + 4;
    for (const p of t.partitions) {
      let body = 36 + 4;
      let i = 0;
      for (const m of p.messages) {
        if (m.timestamp != null) return null;
        const headers = m.headers === undefined ? {} : m.headers;
        if (headers === null || typeof headers !== 'object') return null;
        const keyLen = bytesLength(m.key), valueLen = bytesLength(m.value);
        if (Number.isNaN(keyLen) || Number.isNaN(valueLen)) return null;
        const names = Object.keys(headers);
        // attributes, timestamp delta 0 (one byte), offset delta, key, value, header count
        let recordBody = 1 + 1 + varIntSize(i) + varIntSize(keyLen) + Math.max(keyLen, 0) + varIntSize(valueLen) + Math.max(valueLen, 0) + varIntSize(names.length);
        lengths[li++] = keyLen;
        lengths[li++] = valueLen;
        for (const name of names) {
          const value = (headers as Record<string, unknown>)[name];
          if (value === null || value === undefined) return null;
          const nameLen = Buffer.byteLength(name, 'utf8'), valueLen2 = bytesLength(value);
          if (Number.isNaN(valueLen2)) return null;
          recordBody += varIntSize(nameLen) + nameLen + varIntSize(valueLen2) + valueLen2;
          lengths[li++] = nameLen;
          lengths[li++] = valueLen2;
        }
        lengths[li++] = recordBody;
        body += varIntSize(recordBody) + recordBody;
        i++;
      }
      lengths[li++] = body;
      // partition, record-set size, first offset, batch length, leader epoch, magic, crc, body
      size += 4 + 4 + 8 + 4 + 4 + 1 + 4 + body;
    }
  }

  const buf = Buffer.allocUnsafe(size);
  const producerId = toLong(args.producerId ?? -1);
  const epoch = args.producerEpoch ?? 0;
  const attributes = transactionalId ? 16 : 0; // no compression, create time, transactional bit
  const nowHigh = Math.floor(now / 0x1_0000_0000), nowLow = now - nowHigh * 0x1_0000_0000;
  let at = 0;
  if (transactionalId === null) at = buf.writeInt16BE(-1, at);
  else { at = buf.writeInt16BE(txLen, at); at += buf.write(transactionalId, at, txLen, 'utf8'); }
  at = buf.writeInt16BE(args.acks, at);
  at = buf.writeInt32BE(args.timeout, at);
  at = buf.writeInt32BE(args.topicData.length, at);
  // The sizing pass again, in the same order: its lengths come back out of `lengths`.
  li = 0;
  for (const t of args.topicData) {
    const nameLen = Buffer.byteLength(t.topic, 'utf8');
    at = buf.writeInt16BE(nameLen, at);
    at += buf.write(t.topic, at, nameLen, 'utf8');
    at = buf.writeInt32BE(t.partitions.length, at);
    for (const p of t.partitions) {
      // Records first (their lengths precede the batch's in `lengths`), then the batch header.
      const headerAt = at;
      at += 4 + 4 + 8 + 4 + 4 + 1 + 4;
      const bodyAt = at;
      at += 36 + 4;
      let i = 0;
      for (const m of p.messages) {
        const keyLen = lengths[li++]!, valueLen = lengths[li++]!;
        const headers = (m.headers ?? {}) as Record<string, Bytes>;
        const names = Object.keys(headers);
        // The record's length goes first: read ahead to it (after its header lengths).
        const recordBody = lengths[li + names.length * 2]!;
        at = writeVarInt(buf, at, recordBody);
        buf[at++] = 0; // attributes
        buf[at++] = 0; // timestamp delta 0 (zig-zag varlong)
        at = writeVarInt(buf, at, i);
        at = writeBytes(buf, at, m.key as Bytes, keyLen);
        at = writeBytes(buf, at, m.value as Bytes, valueLen);
        at = writeVarInt(buf, at, names.length);
        for (const name of names) {
          const nameLen2 = lengths[li++]!, headerValueLen = lengths[li++]!;
          at = writeVarInt(buf, at, nameLen2);
          at += buf.write(name, at, nameLen2, 'utf8');
          at = writeBytes(buf, at, headers[name], headerValueLen);
        }
        li++; // the record's length, written above
        i++;
      }
      const body = lengths[li++]!;
      if (at - bodyAt !== body) throw new Error(`produce request encoder: batch of ${at - bodyAt} bytes, sized ${body}`);
      // Batch body: attributes, last offset delta, first and max timestamp, producer, epoch, first sequence, record count.
      let b = bodyAt;
      b = buf.writeInt16BE(attributes, b);
      b = buf.writeInt32BE(p.messages.length - 1, b);
      b = writeInt64(buf, b, nowHigh, nowLow);
      b = writeInt64(buf, b, nowHigh, nowLow);
      b = writeInt64(buf, b, producerId.getHighBits(), producerId.getLowBits());
      b = buf.writeInt16BE(epoch, b);
      b = buf.writeInt32BE(p.firstSequence ?? 0, b);
      buf.writeInt32BE(p.messages.length, b);
      const batchLength = 4 + 1 + 4 + body;
      let h = headerAt;
      h = buf.writeInt32BE(p.partition, h);
      h = buf.writeInt32BE(8 + 4 + batchLength, h); // the record set's size
      h = writeInt64(buf, h, 0, 0); // first offset
      h = buf.writeInt32BE(batchLength, h);
      h = buf.writeInt32BE(0, h); // partition leader epoch (kafkajs writes 0)
      buf[h++] = 2; // magic
      buf.writeUInt32BE(crc32c(buf.subarray(bodyAt, at)), h);
    }
  }
  if (at !== size) throw new Error(`produce request encoder: wrote ${at} bytes, sized ${size}`);
  if (lengths.length > 65_536) lengths = [];
  return buf;
}

let applied: 'full' | 'late' | 'no' | null = null;
let warned = false;

/**
 * Makes kafkajs's produce requests (v3-v7) use `encodeProduceRequest`. 'full' when kafkajs's
 * produce request modules had not loaded yet, 'late' when they had (kafkajs keeps its own),
 * 'no' for another kafkajs version.
 */
export function fastKafkaProduce(): 'full' | 'late' | 'no' {
  if (applied) return applied;
  const require = createRequire(import.meta.url);
  if ((require('kafkajs/package.json') as { version: string }).version !== '2.2.4') return (applied = 'no');
  const path = require.resolve('kafkajs/src/protocol/requests/produce/v3/request.js');
  if (require.cache[path]) return (applied = 'late');
  const original = require(path) as (args: ProduceArgs) => ProduceRequest;
  const Encoder = require('kafkajs/src/protocol/encoder.js') as { prototype: object };
  const Long = require('kafkajs/src/utils/long.js') as { fromValue(v: unknown): LongLike };
  const toLong = (v: unknown) => Long.fromValue(v);
  require.cache[path]!.exports = function produceRequestV3(args: ProduceArgs): ProduceRequest {
    const request = original(args);
    const kafkajsEncode = request.encode;
    request.encode = async () => {
      let buf: Buffer | null;
      try {
        buf = encodeProduceRequest(args, toLong);
      } catch (err) {
        // A bug here must not hold the ingest's acknowledgements: kafkajs's encoder takes over,
        // and the warning (once) says so.
        if (!warned) { warned = true; process.emitWarning(`kafkajs-produce: ${(err as Error).message}; kafkajs's own encoder used for this request`, 'VitalsKafkaProduceWarning'); }
        buf = null;
      }
      if (buf === null) return kafkajsEncode();
      // An Encoder holding the bytes: kafkajs's request framing copies `buffer` out of it.
      const e = Object.create(Encoder.prototype) as EncoderLike;
      e.buf = buf;
      e.offset = buf.length;
      return e;
    };
    return request;
  };
  return (applied = 'full');
}
