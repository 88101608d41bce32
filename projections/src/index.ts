export type { Projection, ProjectionName, ProjectedTopic, ProjectionRecord, Position } from './projection.ts';
export type { Db } from './db.ts';
export type { Page, PageRequest } from './page.ts';
export { projections, findProjection, projectionNames } from './runtime/registry.ts';
export { startLiveProjections, projectionsGroupId, type RunningProjection } from './runtime/live-consumer.ts';
export { rebuildProjections, type RebuildResult } from './runtime/rebuild-projections.ts';
