// kafkajs 2.2.4 encodes every record, every record header and every request section with a new
// Encoder whose buffer is `Buffer.alloc(512)` (zero-filled, its own backing store), grown by
// another `Buffer.alloc` and a copy. In the ingest's profile at 24,000 samples/s (issue 17)
// that was 6 % of its busy time in FastBuffer alone plus a share of the GC (14 %): five
// headers per record make six encoders per record. The writer and the alert worker pay the same
// per request (fetch, heartbeat, offset commit) and per record they produce (the alert worker's
// state records, the dead letters). An Encoder only ever exposes the bytes it wrote (`buffer`
// is `buf.slice(0, offset)`, and every write fills the bytes it advances over), so its buffers
// need no zero fill: `Buffer.allocUnsafe` takes them from Node's shared pool.
// Imported first by services/common/kafka.ts, the only module of the services that loads
// kafkajs (eslint.config.js keeps it so): kafkajs's modules must find the pooled Encoder in the
// require cache when they load.
import { createRequire } from 'node:module';

interface EncoderLike { buf: Buffer; offset: number }
interface EncoderClass {
  new (initialSize?: number): EncoderLike;
  nextPowerOfTwo(value: number): number;
  prototype: EncoderLike & { ensureAvailable(this: EncoderLike, length: number): void };
}

let applied: 'full' | 'grow-only' | 'no' | null = null;

/**
 * Makes kafkajs's Encoder take its buffers from Node's pool. 'full' when kafkajs had not
 * loaded yet (its modules get the pooled constructor), 'grow-only' when it had (only the
 * growth path is pooled), 'no' for another kafkajs version than the one read (2.2.4).
 */
export function poolKafkaEncoder(): 'full' | 'grow-only' | 'no' {
  if (applied) return applied;
  const require = createRequire(import.meta.url);
  if ((require('kafkajs/package.json') as { version: string }).version !== '2.2.4') return (applied = 'no');
  const path = require.resolve('kafkajs/src/protocol/encoder.js');
  const loadedBefore = require.cache[path] !== undefined;
  const Encoder = require(path) as EncoderClass;
  Encoder.prototype.ensureAvailable = function ensureAvailable(this: EncoderLike, length: number) {
    if (this.offset + length > this.buf.length) {
      const grown = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(this.offset + length));
      this.buf.copy(grown, 0, 0, this.offset);
      this.buf = grown;
    }
  };
  if (loadedBefore) return (applied = 'grow-only');
  // A plain constructor function (a class's super() would allocate first) with Encoder's
  // prototype and statics: `instanceof Encoder` and the `.buf` duck-typing still hold.
  function PooledEncoder(this: EncoderLike, initialSize = 511) {
    this.buf = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(initialSize));
    this.offset = 0;
  }
  PooledEncoder.prototype = Encoder.prototype;
  Object.setPrototypeOf(PooledEncoder, Encoder);
  require.cache[path]!.exports = PooledEncoder;
  return (applied = 'full');
}

poolKafkaEncoder();
