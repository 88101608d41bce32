import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AssignerProtocol, type PartitionMetadata } from 'kafkajs';
import { coPartitionAssigner, coPartitionAssignment, CO_PARTITION_ASSIGNER_NAME } from './co-partition-assigner.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function metadata(partitionId: number): PartitionMetadata {
  return { partitionErrorCode: 0, partitionId, leader: 1, replicas: [1], isr: [1] };
}

describe('co-partition assignment', () => {
  it('gives partition p of both topics to the same member, spreading partitions evenly', () => {
    const assignment = coPartitionAssignment(['m-b', 'm-a', 'm-c'], new Map([['inbound', range(12)], ['requests', range(12)]]));
    assert.deepEqual([...assignment.keys()], ['m-a', 'm-b', 'm-c']);
    for (const topics of assignment.values()) {
      assert.deepEqual(topics.inbound, topics.requests);
      assert.equal(topics.inbound?.length, 4);
    }
    assert.deepEqual(assignment.get('m-a')?.inbound, [0, 3, 6, 9]);
    const all = [...assignment.values()].flatMap((t) => t.inbound ?? []).sort((a, b) => a - b);
    assert.deepEqual(all, range(12), 'every partition exactly once');
  });

  it('lists a member with nothing when there are more members than partitions', () => {
    const assignment = coPartitionAssignment(['a', 'b', 'c'], new Map([['inbound', [0, 1]], ['requests', [1, 0]]]));
    assert.deepEqual(Object.fromEntries(assignment), {
      a: { inbound: [0], requests: [0] }, b: { inbound: [1], requests: [1] }, c: { inbound: [], requests: [] },
    });
  });

  it('is the same whatever order the members and partitions come in', () => {
    const topics = new Map([['inbound', [5, 1, 3, 0, 2, 4]]]);
    assert.deepEqual(coPartitionAssignment(['x', 'y'], topics), coPartitionAssignment(['y', 'x'], topics));
  });
});

describe('coPartitionAssigner (kafkajs protocol)', () => {
  const cluster = { findTopicPartitionMetadata: (_topic: string) => range(4).map(metadata) };
  const assigner = coPartitionAssigner({ cluster });

  it('encodes each member\'s assignment in the consumer protocol', async () => {
    const members = [{ memberId: 'm2', memberMetadata: Buffer.alloc(0) }, { memberId: 'm1', memberMetadata: Buffer.alloc(0) }];
    const result = await assigner.assign({ members, topics: ['inbound', 'requests'] });
    const decoded = new Map(result.map((r) => [r.memberId, AssignerProtocol.MemberAssignment.decode(r.memberAssignment)?.assignment]));
    assert.deepEqual(decoded.get('m1'), { inbound: [0, 2], requests: [0, 2] });
    assert.deepEqual(decoded.get('m2'), { inbound: [1, 3], requests: [1, 3] });
  });

  it('announces its name and the subscribed topics', () => {
    const state = assigner.protocol({ topics: ['inbound', 'requests'] });
    assert.equal(state.name, CO_PARTITION_ASSIGNER_NAME);
    assert.deepEqual(AssignerProtocol.MemberMetadata.decode(state.metadata)?.topics, ['inbound', 'requests']);
  });
});
