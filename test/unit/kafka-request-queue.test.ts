// services/common/kafka.ts patchKafkaRequestQueue against kafkajs 2.2.4's own request queue:
// an idle queue arms no timer (the 1 ms loop of tulios/kafkajs#1556), while a request held
// back by client-side throttling or by the in-flight limit is still sent.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { patchKafkaRequestQueue } from '../../services/common/kafka.js';

interface Queue {
  pending: unknown[];
  throttleCheckTimeoutId: unknown;
  push(r: { entry: { correlationId: number; resolve(): void }; expectResponse: boolean; sendRequest(): void }): void;
  fulfillRequest(r: { correlationId: number; payload: unknown; size: number }): void;
  checkPendingRequests(): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
}
const RequestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as new (o: object) => Queue;
const silent = { debug: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined };
const queue = (maxInFlightRequests: number | null = null) => new RequestQueue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 't', broker: 'b', logger: silent });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('patched: an idle request queue arms no timer after a check', () => {
  assert.equal(patchKafkaRequestQueue(), true);
  const q = queue();
  try {
    q.checkPendingRequests();
    assert.equal(q.throttleCheckTimeoutId, null, 'no timer while nothing is pending');
  } finally {
    q.destroy();
  }
});

test('patched: a request held back by client-side throttling is sent once the throttle ends', async () => {
  patchKafkaRequestQueue();
  const q = queue();
  const sent: number[] = [];
  try {
    q.maybeThrottle(30);
    q.push({ entry: { correlationId: 1, resolve: () => undefined }, expectResponse: true, sendRequest: () => sent.push(1) });
    assert.deepEqual(sent, [], 'throttled: enqueued');
    await sleep(80);
    assert.deepEqual(sent, [1]);
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    await sleep(5);
    assert.equal(q.throttleCheckTimeoutId, null, 'idle again: no timer');
  } finally {
    q.destroy();
  }
});

test('patched: a request over the in-flight limit is sent when the one in flight is answered', () => {
  patchKafkaRequestQueue();
  const q = queue(1);
  const sent: number[] = [];
  try {
    q.push({ entry: { correlationId: 1, resolve: () => undefined }, expectResponse: true, sendRequest: () => sent.push(1) });
    q.push({ entry: { correlationId: 2, resolve: () => undefined }, expectResponse: true, sendRequest: () => sent.push(2) });
    assert.deepEqual(sent, [1]);
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    assert.deepEqual(sent, [1, 2]);
  } finally {
    q.destroy();
  }
});
