import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filesNeeded, openFilesProblem } from './open-files.ts';

describe('the open-file budget', () => {
  it('counts a socket per station, two with the in-process echo floor, and a spare 256', () => {
    assert.equal(filesNeeded({ stations: 5000, echoFloor: false }), 5256);
    assert.equal(filesNeeded({ stations: 5000, echoFloor: true }), 10_256);
  });

  it('lets a run through that fits, up to the limit itself', () => {
    assert.equal(openFilesProblem({ stations: 19_744, echoFloor: false }, 20_000), null);
    assert.equal(openFilesProblem({ stations: 9872, echoFloor: true }, 20_000), null);
    assert.equal(openFilesProblem({ stations: 100_000, echoFloor: true }, Number.POSITIVE_INFINITY), null);
  });

  it('refuses one that does not in one line, saying the gateway needs as many', () => {
    const problem = openFilesProblem({ stations: 10_000, echoFloor: true }, 20_000);
    assert.equal(problem, '--stations 10000 needs 20256 open files (each station\'s socket twice with the in-process echo floor (--no-floor halves it), plus 256) '
      + 'but this process may open 20000 (ulimit -n); the gateway process needs the same, a file per station it holds: raise both limits or run fewer stations');
    assert.doesNotMatch(problem!, /\n/);
    assert.match(openFilesProblem({ stations: 19_745, echoFloor: false }, 20_000)!, /^--stations 19745 needs 20001 open files \(a socket per station plus 256\)/);
  });
});
