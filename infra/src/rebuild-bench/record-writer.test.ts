import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProducerBatch } from 'kafkajs';
import { createSerdeOver, inMemorySchemaRegistry, type Serde } from '@csms/contracts';
import { fleetPlan } from './fleet-plan.ts';
import { MAX_BATCH_BYTES, RECORD_FRAMING_BYTES, writeFleet, type LaneProducer } from './record-writer.ts';

const PREFIX = 'rebuildbench-test.';
let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), PREFIX); });

interface Sent { readonly lane: number; readonly batch: ProducerBatch }

/** Producers that keep what they are asked to send, in order, as the broker would receive it. */
function recordingProducers(): { sent: Sent[]; connected: () => number; createProducer: () => LaneProducer } {
  const sent: Sent[] = [];
  let lanes = 0;
  let open = 0;
  return {
    sent,
    connected: () => open,
    createProducer: () => {
      const lane = lanes++;
      return {
        connect: async () => { open += 1; },
        disconnect: async () => { open -= 1; },
        sendBatch: async (batch) => { sent.push({ lane, batch }); return []; },
      };
    },
  };
}

describe('the rebuild benchmark\'s writer', () => {
  const plan = fleetPlan(40_000, 200);

  it('sends every planned record once, to the run\'s topics, acknowledged by all replicas, and closes its producers', async () => {
    const producers = recordingProducers();
    let told = 0;
    await writeFleet({ createProducer: producers.createProducer, serde, topicPrefix: PREFIX, plan, t0: 0, lanes: 3, onWritten: (n) => { told += n; } });
    const messages = producers.sent.flatMap(({ batch }) => batch.topicMessages!.flatMap((t) => t.messages));
    assert.equal(told, plan.events);
    assert.equal(messages.length, plan.events);
    assert.ok(producers.sent.every(({ batch }) => batch.acks === -1));
    assert.deepEqual(new Set(producers.sent.flatMap(({ batch }) => batch.topicMessages!.map((t) => t.topic))), new Set([
      `${PREFIX}csms.config.id-tags`, `${PREFIX}csms.config.charge-points`, `${PREFIX}csms.stations`, `${PREFIX}csms.sessions`,
    ]));
    assert.equal(producers.connected(), 0);
  });

  it('keeps each request small enough for any partition\'s share of it, and sends many records in each', async () => {
    const producers = recordingProducers();
    await writeFleet({ createProducer: producers.createProducer, serde, topicPrefix: PREFIX, plan, t0: 0, lanes: 2, onWritten: () => undefined });
    const sizes = producers.sent.map(({ batch }) => batch.topicMessages!.flatMap((t) => t.messages)
      .reduce((sum, m) => sum + (m.value as Buffer).length + String(m.key).length + RECORD_FRAMING_BYTES, 0));
    // A batch closes on the record that reaches the bound, so it may pass it by that one record.
    assert.ok(sizes.every((size) => size < MAX_BATCH_BYTES + 1_000), `${Math.max(...sizes)}`);
    // Every request but each lane's last is full: thousands of records, not a request per record.
    const full = producers.sent.filter(({ lane }, i) => producers.sent.slice(i + 1).some((later) => later.lane === lane));
    assert.ok(full.length > 0 && full.every(({ batch }) => batch.topicMessages!.flatMap((t) => t.messages).length > 5_000));
  });

  it('writes each station from one lane, in the order it made its facts', async () => {
    const producers = recordingProducers();
    await writeFleet({ createProducer: producers.createProducer, serde, topicPrefix: PREFIX, plan, t0: 0, lanes: 4, onWritten: () => undefined });
    const laneOf = new Map<string, number>();
    const lastAt = new Map<string, number>();
    for (const { lane, batch } of producers.sent) {
      for (const { topic, messages } of batch.topicMessages!) {
        if (!topic.endsWith('csms.stations') && !topic.endsWith('csms.sessions')) continue;
        const logical = topic.endsWith('csms.stations') ? 'stations' : 'sessions';
        for (const message of messages) {
          const key = String(message.key);
          assert.equal(laneOf.get(key) ?? lane, lane);
          laneOf.set(key, lane);
          const { at } = await serde.decode(logical, message.value as Buffer);
          assert.ok(at >= (lastAt.get(`${logical}/${key}`) ?? 0), `${key} out of order on ${logical}`);
          lastAt.set(`${logical}/${key}`, at);
        }
      }
    }
  });
});
