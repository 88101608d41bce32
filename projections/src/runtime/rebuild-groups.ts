// How a rebuild of many projections is split to run side by side. A replay spends most of its
// time waiting on PostgreSQL round trips within its one transaction, so a few replays with a
// connection each keep both the database and this process busy. Dealt round-robin, so each
// group has a share of the projections of the busiest topics.
import type { Projection } from '../projection.ts';

export function rebuildGroups(projections: readonly Projection[], groups: number): Projection[][] {
  const count = Math.max(1, Math.min(groups, projections.length));
  const dealt: Projection[][] = Array.from({ length: count }, () => []);
  projections.forEach((projection, index) => dealt[index % count]!.push(projection));
  return dealt;
}
