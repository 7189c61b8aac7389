import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VitalsBatch } from '../../services/common/proto.js';
import { batchToLines, batchToText } from '../../services/common/line-protocol.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';

test('one line per sample plus a device line, timestamps in ms, float values', () => {
  const batch = VitalsBatch.decode(encodeBatch(makeBatch({ sequence: 12 }, 1_700_000_000_000)));
  const lines = batchToLines(batch);
  assert.equal(lines.length, 4);
  assert.equal(lines[0], 'vitals,device_id=dev-00001,kind=heart_rate,patient_id=pat-00001,unit=/min value=72.0,seq=12i 1699999999000');
  assert.equal(lines[2], 'vitals,device_id=dev-00001,kind=temperature,patient_id=pat-00001,unit=Cel value=36.8,seq=12i 1699999999000');
  assert.equal(lines[3], 'device,device_id=dev-00001,patient_id=pat-00001 battery=87.5,samples=3i,seq=12i 1700000000000');
});

test('the same batch yields identical lines (redelivery overwrites, adds nothing)', () => {
  const bytes = encodeBatch(makeBatch());
  assert.deepEqual(batchToLines(VitalsBatch.decode(bytes)), batchToLines(VitalsBatch.decode(bytes)));
});

test('tag values are escaped', () => {
  const batch = VitalsBatch.decode(encodeBatch(makeBatch({ patientId: 'a b,c=d' })));
  assert.match(batchToLines(batch)[0]!, /patient_id=a\\ b\\,c\\=d/);
});

test('a newline in a tag cannot end the line and forge another (issue 16)', () => {
  const batch = VitalsBatch.decode(encodeBatch(makeBatch({ patientId: 'p\nvitals,device_id=x value=1 1', sequence: 1 }, 1_700_000_000_000)));
  for (const line of batchToLines(batch)) {
    assert.ok(!line.includes('\n') && !line.includes('\r'), line);
    assert.ok(line.includes('patient_id=p\\\\nvitals\\,device_id\\=x\\ value\\=1\\ 1'), line);
  }
});

test("the writer's form: one string per batch, its lines joined by newlines, and their count", () => {
  const batch = VitalsBatch.decode(encodeBatch(makeBatch({ sequence: 12 }, 1_700_000_000_000)));
  assert.deepEqual(batchToText(batch), {
    text: [
      'vitals,device_id=dev-00001,kind=heart_rate,patient_id=pat-00001,unit=/min value=72.0,seq=12i 1699999999000',
      'vitals,device_id=dev-00001,kind=spo2,patient_id=pat-00001,unit=% value=97.0,seq=12i 1699999999000',
      'vitals,device_id=dev-00001,kind=temperature,patient_id=pat-00001,unit=Cel value=36.8,seq=12i 1699999999000',
      'device,device_id=dev-00001,patient_id=pat-00001 battery=87.5,samples=3i,seq=12i 1700000000000',
    ].join('\n'),
    lines: 4,
  });
  const unassigned = VitalsBatch.decode(encodeBatch(makeBatch({ patientId: '', samples: [] }, 1_700_000_000_000)));
  assert.deepEqual(batchToText(unassigned), { text: 'device,device_id=dev-00001 battery=87.5,samples=0i,seq=1i 1700000000000', lines: 1 });
});
