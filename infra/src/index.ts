export * from './env.ts';
export * from './logger.ts';
export * from './kafka.ts';
export * from './postgres.ts';
export { migrate } from './migrate.ts';
export { DatabaseExistsError, createDatabase, databaseUrlOn, dropDatabase } from './databases.ts';
export { createOpsServer, type OpsServerOptions } from './ops-server.ts';
export {
  consumerMetrics, groupOffsets, sampleConsumerLag, type ConsumerMetrics, type LagSource,
} from './consumer-lag.ts';
export {
  connectReplaceableProducer, createReplaceableProducer, topicMessages, type MessageSender, type OutgoingMessage, type ProducerState, type ReplaceableProducer,
} from './replaceable-producer.ts';
export {
  kafkaProbe, postgresProbe, registryProbe, watchDependencies, type DependencyHealth, type DependencyName, type DependencyProbe,
  type DependencyState,
} from './dependency-health.ts';
export { repeatUnref, sampleEvery, type RepeatUnref, type Sampler } from './repeat.ts';
export { watchGroupMembership, type GroupWatch, type GroupWatchOptions } from './group-watch.ts';
export { followTopic, type FollowOptions, type Follower } from './topic-follower.ts';
export { followCompactedTable, type CompactedTable, type CompactedTableOptions } from './compacted-table.ts';
export * from './security/station-passwords.ts';
export * from './security/sealed-secrets.ts';
export { isTransientError } from './errors/transient.ts';
export { BatchRetryError, retriableByKafkajs, retriedByKafkajs } from './errors/batch-retry.ts';
export { partitionOf, keyOnSamePartition } from './partition-of.ts';
export * from './dead-letters.ts';
export * from './security/certificates/index.ts';
export { STAGE_SECONDS_BUCKETS, secondsSince, secondsSinceTimestamp, stageHistogram, type StageObserver } from './stage-timing.ts';
