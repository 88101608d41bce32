import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { profilerArgs, repoRoot } from './services.ts';

describe('the services launcher', () => {
  it('runs a service under the CPU profiler, into a folder of its own, only when CSMS_CPU_PROF_DIR says where', () => {
    assert.deepEqual(profilerArgs('gateway-1', { CSMS_CPU_PROF_DIR: 'bench-results/profiles' }),
      ['--cpu-prof', `--cpu-prof-dir=${join(repoRoot, 'bench-results/profiles/gateway-1')}`]);
    assert.deepEqual(profilerArgs('api', { CSMS_CPU_PROF_DIR: '/tmp/p' }), ['--cpu-prof', '--cpu-prof-dir=/tmp/p/api']);
    assert.deepEqual(profilerArgs('api', { CSMS_CPU_PROF_DIR: '' }), []);
  });
});
