// How a rebuild of many projections runs side by side, each group replaying the topics it folds
// into shadow tables of its own, on a connection of its own: four groups rebuild faster than one (README,
// levers). Dealt round-robin, so each group has a share of the projections of the busiest topics.
import type { Projection, ProjectionName } from '../projection.ts';
import { rebuildProjections, type RebuildOptions, type RebuildResult } from './rebuild-projections.ts';

export function rebuildGroups(projections: readonly Projection[], groups: number): Projection[][] {
  const count = Math.max(1, Math.min(groups, projections.length));
  const dealt: Projection[][] = Array.from({ length: count }, () => []);
  projections.forEach((projection, index) => dealt[index % count]!.push(projection));
  return dealt;
}

export interface GroupOutcome {
  readonly projections: readonly ProjectionName[];
  readonly outcome: PromiseSettledResult<RebuildResult>;
}

export interface GroupedRebuildOptions extends Omit<RebuildOptions, 'groupId'> {
  /** Up to this many groups side by side. */
  readonly parallel: number;
  /** Each group's consumer group is this, followed by its number. */
  readonly groupIdPrefix: string;
}

/**
 * Every group run to its end, swapped in or dropped, before this returns: one group's failure
 * must not cut the others short (their dead-letter writes included) or hide which committed.
 */
export async function rebuildInGroups(options: GroupedRebuildOptions): Promise<GroupOutcome[]> {
  const groups = rebuildGroups(options.projections, options.parallel);
  const outcomes = await Promise.allSettled(groups.map((group, index) => rebuildProjections({
    ...options, projections: group, groupId: `${options.groupIdPrefix}-${index}`,
  })));
  return outcomes.map((outcome, index) => ({ projections: groups[index]!.map((p) => p.name), outcome }));
}
