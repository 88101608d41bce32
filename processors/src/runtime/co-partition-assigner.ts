// A kafkajs partition assigner that gives partition p of every subscribed topic to the same
// member. The processors consume ocpp.inbound and csms.command-requests (same key, same partition
// count) in one group; a command for a station must be decided by the member that holds the
// station's inbound partition, against the same state and under the same transactional producer.
// kafkajs's round-robin assigner deals topic-partitions one by one and would split them.
import { AssignerProtocol, type Assigner, type Cluster, type GroupMemberAssignment } from 'kafkajs';

export const CO_PARTITION_ASSIGNER_NAME = 'CsmsCoPartitionAssigner';
const VERSION = 0;

export type Assignment = Record<string, number[]>;

/**
 * Partition p of every topic goes to the (p mod n)-th member by id; every member is listed, even
 * with nothing. Topics with fewer partitions than others simply lack the higher ones.
 */
export function coPartitionAssignment(
  memberIds: readonly string[], partitionsByTopic: ReadonlyMap<string, readonly number[]>,
): Map<string, Assignment> {
  const members = [...memberIds].sort();
  const result = new Map<string, Assignment>(
    members.map((id) => [id, Object.fromEntries([...partitionsByTopic.keys()].map((topic) => [topic, []]))]),
  );
  for (const [topic, partitions] of partitionsByTopic) {
    for (const partition of [...partitions].sort((a, b) => a - b)) {
      const member = members[partition % members.length];
      if (member !== undefined) result.get(member)?.[topic]?.push(partition);
    }
  }
  return result;
}

/** Registered with `kafka.consumer({ partitionAssigners: [coPartitionAssigner] })`. */
export function coPartitionAssigner({ cluster }: { cluster: Pick<Cluster, 'findTopicPartitionMetadata'> }): Assigner {
  return {
    name: CO_PARTITION_ASSIGNER_NAME,
    version: VERSION,
    async assign({ members, topics }): Promise<GroupMemberAssignment[]> {
      const partitionsByTopic = new Map(topics.map((topic) => [
        topic, cluster.findTopicPartitionMetadata(topic).map((metadata) => metadata.partitionId),
      ] as const));
      const assignment = coPartitionAssignment(members.map((member) => member.memberId), partitionsByTopic);
      return [...assignment].map(([memberId, topicPartitions]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: VERSION, assignment: topicPartitions, userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: CO_PARTITION_ASSIGNER_NAME,
        metadata: AssignerProtocol.MemberMetadata.encode({ version: VERSION, topics, userData: Buffer.alloc(0) }),
      };
    },
  };
}
