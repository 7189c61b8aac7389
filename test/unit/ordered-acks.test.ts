// OrderedAcks against a stand-in for the two MQTT.js members it touches (stream, _sendPacket):
// the ordering logic is pure; the real broker path is covered by the integration and faults tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MqttClient } from 'mqtt';
import { OrderedAcks } from '../../services/ingest/ordered-acks.js';

function fakeClient() {
  const sent: number[] = [];
  const client = {
    connected: true,
    stream: {} as object,
    _sendPacket(packet: { cmd: string; messageId?: number }, cb?: () => void) {
      if (packet.cmd === 'puback') sent.push(packet.messageId!);
      cb?.();
    },
  };
  return { client, sent };
}

/** What MQTT.js does for a QoS 1 PUBLISH: handleMessage's callback sends the PUBACK, whose callback reads on. */
function deliver(acks: OrderedAcks, client: ReturnType<typeof fakeClient>['client'], messageId: number, work: Promise<void>): boolean {
  let readOn = false;
  acks.accept(messageId, work, () => client._sendPacket({ cmd: 'puback', messageId }, () => { readOn = true; }));
  return readOn;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const hooks = (withheld: unknown[] = []) => ({ onWithheld: (e: unknown) => withheld.push(e), onSettled: () => undefined });

test('the connection reads on at once, but each PUBACK waits for its work and they leave in arrival order', async () => {
  const { client, sent } = fakeClient();
  const acks = new OrderedAcks(client as unknown as MqttClient, hooks());
  const d = [deferred(), deferred(), deferred()];
  for (let i = 0; i < 3; i++) assert.equal(deliver(acks, client, i + 1, d[i]!.promise), true, 'next packet is read without waiting');
  assert.equal(acks.inFlight, 3);
  d[2]!.resolve();
  d[1]!.resolve();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sent, [], 'no PUBACK overtakes message 1, whose work is not done');
  d[0]!.resolve();
  await acks.settled();
  assert.deepEqual(sent, [1, 2, 3]);
  assert.equal(acks.inFlight, 0);
});

test('a failed message withholds its PUBACK and every later one on that connection', async () => {
  const { client, sent } = fakeClient();
  const withheld: unknown[] = [];
  const acks = new OrderedAcks(client as unknown as MqttClient, hooks(withheld));
  const d = [deferred(), deferred(), deferred()];
  for (let i = 0; i < 3; i++) deliver(acks, client, i + 1, d[i]!.promise);
  d[0]!.resolve();
  d[1]!.reject(new Error('kafka closed'));
  d[2]!.resolve();
  await acks.settled();
  assert.deepEqual(sent, [1]);
  assert.equal(withheld.length, 1);
  // A new connection starts clean.
  client.stream = {};
  deliver(acks, client, 9, Promise.resolve());
  await acks.settled();
  assert.deepEqual(sent, [1, 9]);
});

test('a PUBACK whose connection dropped is never sent on the next one (the broker redelivers)', async () => {
  const { client, sent } = fakeClient();
  const acks = new OrderedAcks(client as unknown as MqttClient, hooks());
  const d = deferred();
  deliver(acks, client, 1, d.promise);
  client.connected = false;
  client.stream = {};
  d.resolve();
  await acks.settled();
  assert.deepEqual(sent, []);
  client.connected = true;
  deliver(acks, client, 1, Promise.resolve());
  await acks.settled();
  assert.deepEqual(sent, [1]);
});

test('a PUBACK that MQTT.js sends after its callback returned is still held for its work', async () => {
  const { client, sent } = fakeClient();
  const acks = new OrderedAcks(client as unknown as MqttClient, hooks());
  const d = deferred();
  acks.accept(7, d.promise, () => setImmediate(() => client._sendPacket({ cmd: 'puback', messageId: 7 })));
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sent, [], 'not before the work resolved');
  d.resolve();
  await acks.settled();
  assert.deepEqual(sent, [7]);
});

test('packets other than the PUBACK of an accepted message pass straight through', () => {
  const { client, sent } = fakeClient();
  new OrderedAcks(client as unknown as MqttClient, hooks());
  client._sendPacket({ cmd: 'puback', messageId: 4 });
  client._sendPacket({ cmd: 'pingreq' });
  assert.deepEqual(sent, [4]);
});
