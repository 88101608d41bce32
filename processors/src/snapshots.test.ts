import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverlay, createOverlay, emptyPartitionMemory } from './partition-memory.ts';
import { restoreSnapshot, snapshotsOf } from './snapshots.ts';

describe('snapshots of the next offsets', () => {
  it('are written when a batch moves the offset and restored by the partition\'s next owner', () => {
    const memory = emptyPartitionMemory();
    const overlay = createOverlay(memory);
    overlay.nextOffsets.inbound = 9_007_199_254_740_993n;
    const snapshots = snapshotsOf(overlay);
    assert.deepEqual(snapshots.map((s) => s.key), ['offset:inbound']);
    const restored = emptyPartitionMemory();
    for (const snapshot of snapshots) restoreSnapshot(restored, snapshot.key, snapshot.value);
    assert.equal(restored.nextOffsets.inbound, 9_007_199_254_740_993n, 'beyond 2^53 without rounding');
    applyOverlay(overlay);
    assert.equal(memory.nextOffsets.inbound, 9_007_199_254_740_993n);
    assert.deepEqual(snapshotsOf(createOverlay(memory)), [], 'nothing moved, nothing written');
  });

  it('keeps one offset per source topic', () => {
    const memory = emptyPartitionMemory();
    const overlay = createOverlay(memory);
    overlay.nextOffsets.commandRequests = 7n;
    const snapshots = snapshotsOf(overlay);
    assert.deepEqual(snapshots.map((s) => s.key), ['offset:commandRequests']);
    const restored = emptyPartitionMemory();
    for (const snapshot of snapshots) restoreSnapshot(restored, snapshot.key, snapshot.value);
    assert.deepEqual(restored.nextOffsets, { inbound: 0n, commandRequests: 7n });
    restoreSnapshot(restored, 'offset:elsewhere', snapshots[0]?.value ?? null);
    assert.deepEqual(restored.nextOffsets, { inbound: 0n, commandRequests: 7n }, 'an unknown topic is ignored');
    assert.equal(memory.nextOffsets.commandRequests, 0n, 'memory moves only when the overlay is applied');
  });
});
