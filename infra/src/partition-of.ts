// Which partition kafkajs's default partitioner (murmur2 of the key, as the Java client) gives a
// key: tests use it to put two stations on one partition, so that one cannot stall the other
// without the test seeing it.
import { Partitioners, type PartitionMetadata } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();

export function partitionOf(key: string, partitions: number): number {
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0],
  }));
  return partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
}

/** The first `${prefix}-<n>` whose partition is that of `key`. */
export function keyOnSamePartition(key: string, prefix: string, partitions: number): string {
  const wanted = partitionOf(key, partitions);
  for (let n = 1; ; n += 1) {
    const candidate = `${prefix}-${n}`;
    if (candidate !== key && partitionOf(candidate, partitions) === wanted) return candidate;
  }
}
