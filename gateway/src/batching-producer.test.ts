import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBatchingProducer, messageBytes, type OutgoingMessage } from './batching-producer.ts';

interface Rec { key: string; n: number }

/** A fake produce port: every call waits until the test releases it. */
function fakeKafka() {
  const calls: { messages: readonly OutgoingMessage[]; release(error?: Error): void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = (messages: readonly OutgoingMessage[]) => new Promise<void>((resolve, reject) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    calls.push({ messages, release: (error) => { inFlight -= 1; if (error) reject(error); else resolve(); } });
  });
  return { send, calls, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((r) => setImmediate(r));
const values = (messages: readonly OutgoingMessage[]) => messages.map((m) => `${m.key}:${m.value.toString()}`);

const encode = async (r: Rec): Promise<OutgoingMessage> => ({ topic: 't', key: r.key, value: Buffer.from(String(r.n)) });

function producer(kafka: ReturnType<typeof fakeKafka>, maxBatchSize = 100, maxBatchBytes = 1_000_000) {
  return createBatchingProducer<Rec>({ send: kafka.send, maxBatchSize, maxBatchBytes, orderingKeyOf: (r) => r.key, encode });
}

describe('batching producer', () => {
  it('keeps one request in flight and batches what queued meanwhile, in order', async () => {
    const kafka = fakeKafka();
    const p = producer(kafka);
    const acks: number[] = [];
    const enqueue = (key: string, n: number) => p.enqueue({ key, n }).then(() => acks.push(n));
    const first = enqueue('A', 1);
    await tick();
    const all = [first, enqueue('A', 2), enqueue('B', 3), enqueue('A', 4)];
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
    const all = [p.enqueue({ key: 'A', n: 1 })];
    await tick();
    all.push(...[2, 3, 4, 5].map((n) => p.enqueue({ key: 'A', n })));
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
    const first = track('A', 1);
    await tick();
    const all = [first, track('A', 2), track('B', 3)];
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
      send: kafka.send, maxBatchSize: 10, maxBatchBytes: 1_000_000, orderingKeyOf: (r) => r.key,
      encode: async (r) => { if (r.n === 1) throw new Error('bad record'); return encode(r); },
    });
    const first = p.enqueue({ key: 'A', n: 1 });
    await assert.rejects(first, /bad record/);
    const second = p.enqueue({ key: 'A', n: 2 });
    await tick();
    kafka.calls[0]!.release();
    await second;
    assert.deepEqual(values(kafka.calls[0]!.messages), ['A:2']);
  });

  it('never puts more bytes in one request than allowed', async () => {
    const kafka = fakeKafka();
    const one = messageBytes({ topic: 't', key: 'A', value: Buffer.from('1') });
    const p = producer(kafka, 100, 2 * one);
    const all = [p.enqueue({ key: 'A', n: 1 })];
    await tick();
    all.push(...[2, 3, 4, 5].map((n) => p.enqueue({ key: 'A', n })));
    for (let i = 0; i < 3; i += 1) {
      await tick();
      kafka.calls[i]!.release();
    }
    await Promise.all(all);
    assert.deepEqual(kafka.calls.map((c) => c.messages.length), [1, 2, 2]);
  });

  it('refuses a record larger than a request may hold, and the later ones of its key, without sending them', async () => {
    const kafka = fakeKafka();
    const p = createBatchingProducer<Rec>({
      send: kafka.send, maxBatchSize: 10, maxBatchBytes: 200, orderingKeyOf: (r) => r.key,
      encode: async (r) => ({ topic: 't', key: r.key, value: Buffer.alloc(r.n) }),
    });
    const results: string[] = [];
    const track = (key: string, n: number) => p.enqueue({ key, n }).then(
      () => results.push(`${key}${n} ok`), (e: Error & { code?: string }) => results.push(`${key}${n} ${e.code ?? e.message}`));
    const all = [track('A', 10), track('A', 500), track('A', 11), track('B', 12)];
    await tick();
    kafka.calls[0]!.release();
    await tick();
    kafka.calls[1]?.release();
    await Promise.all(all);
    assert.deepEqual(results.sort(), ['A10 ok', 'A11 RECORD_TOO_LARGE', 'A500 RECORD_TOO_LARGE', 'B12 ok']);
    assert.ok(kafka.calls.every((c) => c.messages.every((m) => m.value.length < 500)));
  });

  it('keeps going when its metrics callback throws: records settle and later ones are still sent', async () => {
    const kafka = fakeKafka();
    const p = createBatchingProducer<Rec>({
      send: kafka.send, maxBatchSize: 10, maxBatchBytes: 1_000_000, orderingKeyOf: (r) => r.key, encode,
      onBatch: () => { throw new Error('a broken metric'); },
    });
    const settled: string[] = [];
    const track = (n: number) => p.enqueue({ key: 'A', n }).then(() => settled.push(`${n} ok`), () => settled.push(`${n} failed`));
    const first = track(1);
    await tick();
    kafka.calls[0]!.release();
    await first;
    const second = track(2);
    await tick();
    assert.equal(kafka.calls.length, 2, 'a fresh drain sends the next record');
    kafka.calls[1]!.release(new Error('broker down'));
    await second;
    const third = track(3);
    await tick();
    kafka.calls[2]!.release();
    await third;
    assert.deepEqual(settled, ['1 ok', '2 failed', '3 ok']);
    await p.flush();
  });

  it('fails a record whose encoding cannot be measured, and sends the next', async () => {
    const kafka = fakeKafka();
    const p = createBatchingProducer<Rec>({
      send: kafka.send, maxBatchSize: 10, maxBatchBytes: 1_000_000, orderingKeyOf: (r) => r.key,
      // A broken encoder: a message without a value.
      encode: async (r) => (r.n === 1 ? ({ topic: 't', key: r.key } as OutgoingMessage) : encode(r)),
    });
    await assert.rejects(p.enqueue({ key: 'A', n: 1 }));
    const next = p.enqueue({ key: 'B', n: 2 });
    await tick();
    kafka.calls[0]!.release();
    await next;
    assert.deepEqual(values(kafka.calls[0]!.messages), ['B:2']);
  });

  it('flush waits for everything queued', async () => {
    const kafka = fakeKafka();
    const p = producer(kafka);
    void p.enqueue({ key: 'A', n: 1 });
    await tick();
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
    assert.equal(kafka.calls.length, 2, 'nothing left to send');
  });
});
