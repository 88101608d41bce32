import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newestVersion, orderedVersions, versionAt } from './tariff-versions.ts';
import { HOUR, T0, tariff } from './test-builders.ts';

describe('Given two versions that share the earliest validFrom', () => {
  const ordered = orderedVersions([tariff([], { version: 2, validFrom: T0 }), tariff([], { version: 1, validFrom: T0 }), tariff([], { version: 3, validFrom: T0 + HOUR })]);
  it('When an instant is at or after it, then the highest of them is in force until the next validFrom', () => {
    assert.equal(versionAt(ordered, T0).version, 2);
    assert.equal(versionAt(ordered, T0 + HOUR - 1).version, 2);
    assert.equal(versionAt(ordered, T0 + HOUR).version, 3);
  });
  it('When an instant is before it, then the version in force at that validFrom prices it, not the lower one', () => {
    assert.equal(versionAt(ordered, T0 - 1).version, 2);
    assert.equal(versionAt(ordered, T0 - HOUR).version, 2);
  });
});

describe('Given a tariff\'s versions in any order', () => {
  it('When the newest is asked for, then it is the highest number, and none of none', () => {
    assert.equal(newestVersion([tariff([], { version: 2 }), tariff([], { version: 1 })])?.version, 2);
    assert.equal(newestVersion([]), undefined);
  });
});
