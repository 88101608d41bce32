import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Projection, ProjectionName } from '../projection.ts';
import { rebuildGroups } from './rebuild-groups.ts';

const named = (...names: ProjectionName[]): Projection[] =>
  names.map((name) => ({ name, topics: ['stations'], tables: [], apply: async () => undefined }));
const names = (groups: Projection[][]) => groups.map((group) => group.map((p) => p.name));

test('projections are dealt round-robin into the groups asked for', () => {
  assert.deepEqual(names(rebuildGroups(named('connections', 'commands', 'billing', 'tariffs', 'rerates'), 2)),
    [['connections', 'billing', 'rerates'], ['commands', 'tariffs']]);
});

test('never more groups than projections, and at least one', () => {
  assert.deepEqual(names(rebuildGroups(named('connections'), 4)), [['connections']]);
  assert.deepEqual(names(rebuildGroups(named('connections', 'commands'), 0)), [['connections', 'commands']]);
});
