import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFrameSupply, type FrameSupplyOptions } from './frame-supply.ts';
import { textFrame } from './fuzz-frame.ts';

function supplyAt(options: Partial<FrameSupplyOptions> = {}) {
  const time = { now: 1000 };
  const supply = createFrameSupply({
    frames: 10, ratePerSecond: 0, storms: null, clock: () => time.now,
    generate: (index) => textFrame(index % 2 === 0 ? 'broken-framing' : 'orphan-answer', 'v', `frame ${index}`),
    ...options,
  });
  return { supply, time };
}

describe('the frame supply', () => {
  it('hands out frames in index order until N are written, and counts them by family', () => {
    const { supply } = supplyAt({ frames: 3 });
    const tickets = [supply.take(false)!, supply.take(false)!, supply.take(false)!];
    assert.deepEqual(tickets.map((t) => t.index), [0, 1, 2]);
    assert.equal(supply.take(false), null, 'all three in flight');
    assert.equal(supply.exhausted(), false);
    tickets.forEach((ticket) => supply.settle(ticket, true));
    assert.equal(supply.exhausted(), true);
    assert.equal(supply.written['broken-framing'], 2);
    assert.equal(supply.written['orphan-answer'], 1);
    assert.equal(supply.written.oversize, 0);
  });

  it('replaces a frame that could not be written with the next index', () => {
    const { supply } = supplyAt({ frames: 1 });
    supply.settle(supply.take(false)!, false);
    assert.equal(supply.unwritten(), 1);
    assert.equal(supply.exhausted(), false);
    const next = supply.take(false)!;
    assert.equal(next.index, 1);
    supply.settle(next, true);
    assert.equal(supply.exhausted(), true);
  });

  it('paces frames at the rate, bursts at once, and stops catching up after a second behind', () => {
    const { supply, time } = supplyAt({ ratePerSecond: 100 });
    assert.deepEqual([supply.take(false)!.dueAt, supply.take(false)!.dueAt], [1010, 1020]);
    assert.equal(supply.take(true)!.dueAt, 1000, 'a burst frame is due now');
    time.now = 5000;
    assert.equal(supply.take(false)!.dueAt, 4000, 'at most a second of backlog');
  });

  it('calls a storm every so many frames', () => {
    const { supply } = supplyAt({ frames: 100, storms: { everyFrames: 4, burstFrames: 2 } });
    const seen: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      supply.settle(supply.take(false)!, true);
      seen.push(supply.storms());
    }
    assert.deepEqual(seen, [0, 0, 0, 0, 1, 1, 1, 1, 2]);
  });

  it('hands out nothing once stopped', () => {
    const { supply } = supplyAt();
    supply.stop();
    assert.equal(supply.take(false), null);
    assert.equal(supply.exhausted(), true);
  });
});
