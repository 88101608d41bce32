import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LiveEvent } from './live-event.ts';
import { createReadModelGate } from './read-model-gate.ts';

const event = (chargePointId: string): LiveEvent => ({ topic: 'stations', type: 'StationConnected', chargePointId, at: 'x' });

/** The projections' progress as the test sets it, and a sleep that ends when the test says. */
function harness(options: { maxHeld?: number } = {}) {
  const folded = new Map<string, bigint>();
  const released: string[] = [];
  const asked: string[] = [];
  let failing = false;
  let wake: (() => void) | null = null;
  const gate = createReadModelGate({
    progress: async (topic, partitions) => {
      asked.push(`${topic}:${[...partitions].join(',')}`);
      if (failing) throw new Error('database away');
      return new Map(partitions.map((p) => [p, folded.get(`${topic}:${p}`) ?? 0n]));
    },
    release: (e) => released.push(e.chargePointId),
    logger: { warn: () => undefined },
    sleep: () => new Promise((resolve) => { wake = resolve; }),
    ...options,
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  /** The gate's next read of the progress, and what it released by then. */
  const poll = async () => {
    const sleeping = wake;
    wake = null;
    sleeping?.();
    await settle();
  };
  return { gate, folded, released, asked, poll, settle, fail: (value: boolean) => { failing = value; } };
}

test('an event waits until every projection folding its topic has passed its record', async () => {
  const { gate, folded, released, poll, settle } = harness();
  gate.hold('csms.stations', 3, 41n, event('CP1'));
  await settle();
  assert.deepEqual(released, [], 'the projections are at offset 0');
  folded.set('csms.stations:3', 41n);
  await poll();
  assert.deepEqual(released, [], 'offset 41 is the next to fold, not folded');
  folded.set('csms.stations:3', 42n);
  await poll();
  assert.deepEqual(released, ['CP1']);
  assert.equal(gate.held, 0);
});

test('each partition goes out in offset order, apart from the others', async () => {
  const { gate, folded, released, poll, settle } = harness();
  gate.hold('csms.stations', 0, 5n, event('A5'));
  gate.hold('csms.stations', 0, 6n, event('A6'));
  gate.hold('csms.stations', 1, 9n, event('B9'));
  gate.hold('csms.commands', 0, 2n, event('C2'));
  await settle();
  folded.set('csms.stations:0', 6n);
  folded.set('csms.commands:0', 3n);
  await poll();
  assert.deepEqual(released, ['A5', 'C2']);
  folded.set('csms.stations:1', 10n);
  folded.set('csms.stations:0', 7n);
  await poll();
  assert.deepEqual(released, ['A5', 'C2', 'A6', 'B9']);
});

test('reads the progress only while events wait, one partition list per topic', async () => {
  const { gate, folded, asked, settle } = harness();
  folded.set('csms.stations:2', 100n);
  gate.hold('csms.stations', 2, 7n, event('CP1'));
  await settle();
  assert.deepEqual(asked, ['csms.stations:2']);
  await settle();
  assert.deepEqual(asked, ['csms.stations:2'], 'nothing waits: no further read');
});

test('a progress that cannot be read leaves the events waiting for the next read', async () => {
  const { gate, folded, released, poll, settle, fail } = harness();
  fail(true);
  folded.set('csms.stations:0', 10n);
  gate.hold('csms.stations', 0, 1n, event('CP1'));
  await settle();
  assert.deepEqual(released, []);
  fail(false);
  await poll();
  assert.deepEqual(released, ['CP1']);
});

test('past the bound, a partition\'s oldest waiting event goes unheard', async () => {
  const { gate, folded, released, poll, settle } = harness({ maxHeld: 2 });
  gate.hold('csms.stations', 0, 1n, event('E1'));
  gate.hold('csms.stations', 0, 2n, event('E2'));
  gate.hold('csms.stations', 0, 3n, event('E3'));
  await settle();
  assert.equal(gate.held, 2);
  folded.set('csms.stations:0', 4n);
  await poll();
  assert.deepEqual(released, ['E2', 'E3']);
});
