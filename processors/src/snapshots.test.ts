import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverlay, createOverlay, emptyPartitionMemory } from './partition-memory.ts';
import { restoreSnapshot, snapshotsOf } from './snapshots.ts';

describe('snapshots of the next inbound offset', () => {
  it('are written when a batch moves the offset and restored by the partition\'s next owner', () => {
    const memory = emptyPartitionMemory();
    const overlay = createOverlay(memory);
    overlay.nextOffset = 9_007_199_254_740_993n;
    const snapshots = snapshotsOf(overlay);
    assert.deepEqual(snapshots.map((s) => s.key), ['offset:inbound']);
    const restored = emptyPartitionMemory();
    for (const snapshot of snapshots) restoreSnapshot(restored, snapshot.key, snapshot.value);
    assert.equal(restored.nextOffset, 9_007_199_254_740_993n, 'beyond 2^53 without rounding');
    applyOverlay(overlay);
    assert.equal(memory.nextOffset, 9_007_199_254_740_993n);
    assert.deepEqual(snapshotsOf(createOverlay(memory)), [], 'nothing moved, nothing written');
  });
});
