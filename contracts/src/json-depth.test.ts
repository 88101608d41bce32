import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exceedsJsonDepth } from './json-depth.ts';

describe('JSON depth', () => {
  it('counts nested arrays and objects', () => {
    assert.equal(exceedsJsonDepth('[2,"a","X",{"a":[{"b":1}]}]', 4), false);
    assert.equal(exceedsJsonDepth('[2,"a","X",{"a":[{"b":1}]}]', 3), true);
    assert.equal(exceedsJsonDepth('"plain"', 0), false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    assert.equal(exceedsJsonDepth('["[[[[{{{{", "\\"[[[[", "\\\\"]', 1), false);
    assert.equal(exceedsJsonDepth('["\\\\", [[1]]]', 2), true, 'an escaped backslash ends before the quote');
  });

  it('scans 60,000 levels without recursing', () => {
    const text = `${'['.repeat(60_000)}${']'.repeat(60_000)}`;
    assert.equal(exceedsJsonDepth(text, 32), true);
    assert.equal(exceedsJsonDepth(text, 60_000), false);
  });
});
