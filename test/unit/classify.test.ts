import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LIMITS } from '../../services/common/validate.js';
import { classify } from '../../services/ingest/classify.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';

const topics = { vitals: 'v', status: 's', deadLetter: 'dlq' };
const NOW = 1_780_000_000_000;

test('a valid batch becomes a vitals record keyed by patient with the original bytes', () => {
  const bytes = Buffer.from(encodeBatch(makeBatch({ sequence: 5 }, NOW)));
  const c = classify('vitals/v1/devices/dev-00001/telemetry', bytes, NOW, topics, DEFAULT_LIMITS);
  assert.equal(c.kind, 'vitals');
  assert.equal(c.record.topic, 'v');
  assert.equal(c.record.key, 'pat-00001');
  assert.equal(c.record.value, bytes);
  assert.equal(c.record.headers['device-id'], 'dev-00001');
  assert.equal(c.record.headers.sequence, '5');
});

test('bad input becomes a dead-letter record with reason, topic, time and original bytes', () => {
  const bytes = Buffer.from([1, 2, 3, 4]);
  const c = classify('vitals/v1/devices/dev-00001/telemetry', bytes, NOW, topics, DEFAULT_LIMITS);
  assert.equal(c.kind, 'dead-letter');
  assert.equal(c.record.topic, 'dlq');
  assert.equal(c.record.value, bytes);
  assert.equal(c.record.headers.reason, 'INGEST_ERR_DECODE');
  assert.equal(c.record.headers['mqtt-topic'], 'vitals/v1/devices/dev-00001/telemetry');
  assert.equal(c.record.headers['received-at-ms'], String(NOW));
  assert.ok(c.record.headers.detail!.length > 0);
});

test('an unexpected topic is dead-lettered, not dropped', () => {
  const c = classify('vitals/v1/devices/a/b/telemetry', Buffer.from('x'), NOW, topics, DEFAULT_LIMITS);
  assert.equal(c.kind, 'dead-letter');
  assert.equal(c.record.headers.reason, 'INGEST_ERR_TOPIC');
});
