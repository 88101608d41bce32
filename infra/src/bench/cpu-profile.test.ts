import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortLocation, summarizeProfiles, type CpuProfile } from './cpu-profile.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });
// Samples every 1000 µs from 10_000: idle, parse, parse, send, idle, parse.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('parse', 'file:///repo/contracts/src/ocpp-framer.ts', 41) },
    { id: 4, callFrame: frame('send', 'file:///repo/node_modules/kafkajs/src/producer/index.js', 9) },
  ],
  startTime: 10_000, endTime: 16_000,
  samples: [2, 3, 3, 4, 2, 3],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
};

describe('a CPU profile summary', () => {
  it('adds self time per function, busiest first, as a share of the time not idle', () => {
    const summary = summarizeProfiles([profile], { startUs: 0, endUs: 100_000 }, '/repo/');
    assert.equal(summary.windowed, true);
    assert.equal(summary.windowMs, 6);
    assert.equal(summary.busyMs, 4);
    assert.deepEqual(summary.top, [
      { name: 'parse contracts/src/ocpp-framer.ts:42', selfMs: 3, share: 0.75 },
      { name: 'send kafkajs/src/producer/index.js:10', selfMs: 1, share: 0.25 },
    ]);
  });

  it('keeps only the samples taken in the window', () => {
    const summary = summarizeProfiles([profile], { startUs: 12_500, endUs: 14_500 }, '/repo/');
    assert.deepEqual(summary.top.map((f) => [f.name.split(' ')[0], f.selfMs]), [['send', 1]]);
    assert.equal(summary.windowMs, 2);
  });

  it('summarizes the whole profile, and says so, when the window missed it', () => {
    const summary = summarizeProfiles([profile], { startUs: 50_000, endUs: 60_000 }, '/repo/');
    assert.equal(summary.windowed, false);
    assert.equal(summary.busyMs, 4);
  });

  it('adds up the threads of a service', () => {
    const worker: CpuProfile = { ...profile, samples: [3, 2, 2, 2, 2, 2] };
    const summary = summarizeProfiles([profile, worker], { startUs: 0, endUs: 100_000 }, '/repo/');
    assert.equal(summary.busyMs, 5);
    assert.equal(summary.windowMs, 6);
    assert.deepEqual(summary.top[0], { name: 'parse contracts/src/ocpp-framer.ts:42', selfMs: 4, share: 0.8 });
  });

  it('shortens locations to the repository or the package', () => {
    assert.equal(shortLocation('', 0, '/repo/'), '');
    assert.equal(shortLocation('node:internal/streams/readable', 4, '/repo/'), ' node:internal/streams/readable:5');
  });
});
