export * from './env.ts';
export * from './logger.ts';
export * from './kafka.ts';
export * from './postgres.ts';
export { migrate, ensureDatabase } from './migrate.ts';
export { createOpsServer, type OpsServerOptions } from './ops-server.ts';
export { watchGroupMembership, type GroupWatch, type GroupWatchOptions } from './group-watch.ts';
export { followTopic, type FollowOptions, type Follower } from './topic-follower.ts';
export { followCompactedTable, type CompactedTable, type CompactedTableOptions } from './compacted-table.ts';
