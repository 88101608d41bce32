import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBatchingProducer, type KeyedMessage } from './batching-producer.ts';

interface Rec { key: string; n: number }

/** A fake produce port: every call waits until the test releases it. */
function fakeKafka() {
  const calls: { messages: readonly KeyedMessage[]; release(error?: Error): void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = (messages: readonly KeyedMessage[]) => new Promise<void>((resolve, reject) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    calls.push({ messages, release: (error) => { inFlight -= 1; if (error) reject(error); else resolve(); } });
  });
  return { send, calls, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((r) => setImmediate(r));
const values = (messages: readonly KeyedMessage[]) => messages.map((m) => `${m.key}:${m.value.toString()}`);

function producer(kafka: ReturnType<typeof fakeKafka>, maxBatchSize = 100) {
  return createBatchingProducer<Rec>({
    send: kafka.send, maxBatchSize, keyOf: (r) => r.key,
    encode: async (r) => Buffer.from(String(r.n)),
  });
}

describe('batching producer', () => {
  it('keeps one request in flight and batches what queued meanwhile, in order', async () => {
    const kafka = fakeKafka();
    const p = producer(kafka);
    const acks: number[] = [];
    const enqueue = (key: string, n: number) => p.enqueue({ key, n }).then(() => acks.push(n));
    const all = [enqueue('A', 1), enqueue('A', 2), enqueue('B', 3), enqueue('A', 4)];
    await tick();
    assert.equal(kafka.calls.length, 1);
    assert.deepEqual(values(kafka.calls[0]!.messages), ['A:1']);
    kafka.calls[0]!.release();
    await tick();
    assert.equal(kafka.calls.length, 2);
    assert.deepEqual(values(kafka.calls[1]!.messages), ['A:2', 'B:3', 'A:4']);
    assert.deepEqual(acks, [1]);
    kafka.calls[1]!.release();
    await Promise.all(all);
    assert.deepEqual(acks, [1, 2, 3, 4]);
    assert.equal(kafka.maxInFlight(), 1);
  });

  it('resolves a record only once Kafka acknowledged it', async () => {
    const kafka = fakeKafka();
    const p = producer(kafka);
    let acked = false;
    const pending = p.enqueue({ key: 'A', n: 1 }).then(() => { acked = true; });
    await tick();
    assert.equal(acked, false);
    kafka.calls[0]!.release();
    await pending;
    assert.equal(acked, true);
  });

  it('caps the batch size', async () => {
    const kafka = fakeKafka();
    const p = producer(kafka, 2);
    const all = [1, 2, 3, 4, 5].map((n) => p.enqueue({ key: 'A', n }));
    for (let i = 0; i < 3; i += 1) {
      await tick();
      kafka.calls[i]!.release();
    }
    await Promise.all(all);
    assert.deepEqual(kafka.calls.map((c) => c.messages.length), [1, 2, 2]);
  });

  it('rejects a failed batch and the queued records of the same keys, and carries on with the others', async () => {
    const kafka = fakeKafka();
    const p = producer(kafka);
    const results: string[] = [];
    const track = (key: string, n: number) => p.enqueue({ key, n }).then(
      () => results.push(`${n} ok`), () => results.push(`${n} failed`));
    const all = [track('A', 1), track('A', 2), track('B', 3)];
    await tick();
    kafka.calls[0]!.release(new Error('broker down'));
    await tick();
    assert.deepEqual(values(kafka.calls[1]!.messages), ['B:3']);
    kafka.calls[1]!.release();
    await Promise.all(all);
    assert.deepEqual(results.sort(), ['1 failed', '2 failed', '3 ok']);
  });

  it('rejects only the record that could not be encoded', async () => {
    const kafka = fakeKafka();
    const p = createBatchingProducer<Rec>({
      send: kafka.send, maxBatchSize: 10, keyOf: (r) => r.key,
      encode: async (r) => { if (r.n === 1) throw new Error('bad record'); return Buffer.from(String(r.n)); },
    });
    const first = p.enqueue({ key: 'A', n: 1 });
    await assert.rejects(first, /bad record/);
    const second = p.enqueue({ key: 'A', n: 2 });
    await tick();
    kafka.calls[0]!.release();
    await second;
    assert.deepEqual(values(kafka.calls[0]!.messages), ['A:2']);
  });

  it('flush waits for everything queued', async () => {
    const kafka = fakeKafka();
    const p = producer(kafka);
    void p.enqueue({ key: 'A', n: 1 });
    void p.enqueue({ key: 'A', n: 2 });
    let flushed = false;
    const flushing = p.flush().then(() => { flushed = true; });
    await tick();
    kafka.calls[0]!.release();
    await tick();
    assert.equal(flushed, false);
    kafka.calls[1]!.release();
    await flushing;
    assert.equal(flushed, true);
    assert.equal(p.queued, 0);
  });
});
