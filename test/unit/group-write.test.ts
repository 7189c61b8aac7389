import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GroupWrite } from '../../services/writer/group-write.js';

const tick = () => new Promise((r) => setImmediate(r));

/** A fake InfluxDB whose requests the test completes by hand. */
function fakeInflux() {
  const requests: { lines: string[]; done: (err?: Error) => void }[] = [];
  let open = 0;
  let maxOpen = 0;
  const send = (lines: string[]) => new Promise<void>((resolve, reject) => {
    open++; maxOpen = Math.max(maxOpen, open);
    requests.push({ lines, done: (err) => { open--; if (err) reject(err); else resolve(); } });
  });
  return { send, requests, maxOpen: () => maxOpen };
}

test('callers of one turn share a request, up to the line limit; each learns its own request\'s outcome', async () => {
  const f = fakeInflux();
  const g = new GroupWrite(f.send, 4, 1);
  const outcomes: string[] = [];
  const track = (name: string, p: Promise<void>) => p.then(() => outcomes.push(`${name} ok`), (e: Error) => outcomes.push(`${name} ${e.message}`));
  const a = track('a', g.write(['a1', 'a2']));
  const b = track('b', g.write(['b1', 'b2']));
  const c = track('c', g.write(['c1']));
  await tick();
  assert.equal(f.requests.length, 1, 'one request at a time');
  assert.deepEqual(f.requests[0]!.lines, ['a1', 'a2', 'b1', 'b2'], 'a and b share it; c would exceed 4 lines');
  f.requests[0]!.done(new Error('HTTP 503'));
  await a; await b; await tick();
  assert.deepEqual(outcomes, ['a HTTP 503', 'b HTTP 503']);
  assert.equal(f.requests.length, 2);
  assert.deepEqual(f.requests[1]!.lines, ['c1']);
  f.requests[1]!.done();
  await c;
  assert.deepEqual(outcomes, ['a HTTP 503', 'b HTTP 503', 'c ok']);
});

test('with two in flight, a slow request does not hold up the next group; never more than two', async () => {
  const f = fakeInflux();
  const g = new GroupWrite(f.send, 2, 2);
  const done: string[] = [];
  const ps = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => g.write([x, x]).then(() => done.push(x)));
  await tick(); await tick();
  assert.equal(f.requests.length, 2, 'two requests went out at once');
  f.requests[1]!.done(); // the second finishes first
  await ps[1]; await tick(); await tick();
  assert.deepEqual(done, ['b']);
  assert.equal(f.requests.length, 3, 'its slot was reused while the first is still out');
  for (let i = 0; i < 10 && done.length < 6; i++) {
    for (const r of f.requests) r.done();
    await tick(); await tick();
  }
  assert.deepEqual([...done].sort(), ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.equal(f.maxOpen(), 2);
});

test('pieces holding several lines each count by their lines, not by the pieces', async () => {
  const f = fakeInflux();
  const g = new GroupWrite(f.send, 5, 1);
  const a = g.write(['a1\na2\na3'], 3);
  const b = g.write(['b1\nb2'], 2);
  const c = g.write(['c1'], 1);
  await tick();
  assert.deepEqual(f.requests[0]!.lines, ['a1\na2\na3', 'b1\nb2'], 'a and b fill the 5 lines; c waits');
  f.requests[0]!.done();
  await a; await b; await tick();
  assert.deepEqual(f.requests[1]!.lines, ['c1']);
  f.requests[1]!.done();
  await c;
});
