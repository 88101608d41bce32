import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Producer, ProducerBatch } from 'kafkajs';
import pino from 'pino';
import { createReplaceableProducer, topicMessages } from './replaceable-producer.ts';

interface FakeProducer {
  readonly id: number;
  sent: ProducerBatch[];
  disconnected: boolean;
}

/** kafkajs producers as an I/O port: each fails its sends while `failing` holds. */
function fakeProducers(options: { failConnect?: () => boolean; failSend: (id: number) => boolean }) {
  const made: FakeProducer[] = [];
  const createProducer = (): Producer => {
    const fake: FakeProducer = { id: made.length, sent: [], disconnected: false };
    made.push(fake);
    const port = {
      connect: async () => { if (options.failConnect?.()) throw new Error('broker unreachable'); },
      sendBatch: async (batch: ProducerBatch) => {
        if (options.failSend(fake.id)) throw new Error('OUT_OF_ORDER_SEQUENCE_NUMBER');
        fake.sent.push(batch);
        return [];
      },
      disconnect: async () => { fake.disconnected = true; },
    };
    return port as unknown as Producer;
  };
  return { made, createProducer };
}

const logger = pino({ level: 'silent' });
const message = (n: number) => ({ topic: 'ocpp.inbound', key: `CP${n}`, value: Buffer.from(String(n)) });

describe('replaceable producer', () => {
  it('groups a request by topic, keeping the order within each', () => {
    const grouped = topicMessages([message(1), { ...message(2), topic: 'csms.security' }, message(3)]);
    assert.deepEqual(grouped.map((t) => [t.topic, t.messages.map((m) => m.key)]), [
      ['ocpp.inbound', ['CP1', 'CP3']], ['csms.security', ['CP2']],
    ]);
  });

  it('passes a record\'s headers and a missing key on as they are', () => {
    const [grouped] = topicMessages([{ topic: 'ocpp.inbound', key: null, value: Buffer.from('x'), headers: { 'csms-redrive-of': 'letter-1' } }, message(1)]);
    assert.deepEqual(grouped?.messages.map((m) => [m.key, m.headers]), [[null, { 'csms-redrive-of': 'letter-1' }], ['CP1', undefined]]);
  });

  it('never uses a producer again after one of its sends failed', async () => {
    const kafka = fakeProducers({ failSend: (id) => id === 0 });
    let replaced = 0;
    const writer = createReplaceableProducer({ createProducer: kafka.createProducer, logger, onReplaced: () => { replaced += 1; } });
    await writer.connect();
    await assert.rejects(writer.send([message(1)]), /OUT_OF_ORDER/);
    assert.equal(writer.state(), 'down');
    await writer.send([message(2)]);
    assert.equal(writer.state(), 'up');
    assert.equal(replaced, 1);
    assert.equal(kafka.made.length, 2);
    assert.equal(kafka.made[0]!.disconnected, true);
    assert.deepEqual(kafka.made[1]!.sent.map((b) => b.topicMessages?.[0]?.messages[0]?.key), ['CP2']);
  });

  it('says up only after a write succeeded: a connected producer proves nothing', async () => {
    const kafka = fakeProducers({ failSend: (id) => id < 2 });
    const writer = createReplaceableProducer({ createProducer: kafka.createProducer, logger });
    await writer.connect();
    assert.equal(writer.state(), 'starting');
    await assert.rejects(writer.send([message(1)]));
    await assert.rejects(writer.send([message(2)]), 'a fresh producer connects, and its write fails too');
    assert.equal(writer.state(), 'down');
    await writer.send([message(3)]);
    assert.equal(writer.state(), 'up');
  });
});
