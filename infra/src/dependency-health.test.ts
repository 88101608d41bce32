import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchDependencies, type DependencyName, type DependencyProbe } from './dependency-health.ts';

/** A probe whose next answer the test decides: resolve, reject or never answer. */
function controlled(name: DependencyName) {
  let answer: 'up' | 'down' | 'hang' = 'up';
  let checks = 0;
  const probe: DependencyProbe = {
    name,
    check: () => {
      checks += 1;
      if (answer === 'hang') return new Promise<void>(() => undefined);
      return answer === 'up' ? Promise.resolve() : Promise.reject(new Error('refused'));
    },
  };
  return { probe, set: (next: typeof answer) => { answer = next; }, checks: () => checks };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function driven(probes: DependencyProbe[]) {
  let probeAll: () => void = () => undefined;
  const health = watchDependencies(probes, { timeoutMs: 10, repeat: (run) => { probeAll = run; return () => undefined; } });
  return { health, async round() { probeAll(); await settle(); } };
}

describe('watchDependencies', () => {
  it('says unknown until a first answer, then each dependency by its last answer', async () => {
    const kafka = controlled('kafka');
    const postgres = controlled('postgres');
    kafka.set('down');
    const { health, round } = driven([kafka.probe, postgres.probe]);
    assert.deepEqual(health.states(), { kafka: 'unknown', postgres: 'unknown' });
    await settle();
    assert.deepEqual(health.states(), { kafka: 'down', postgres: 'up' });
    assert.deepEqual(health.unreachable(), ['kafka']);
    kafka.set('up');
    await round();
    assert.deepEqual(health.unreachable(), []);
  });

  it('counts a probe that does not answer in time as unreachable, and starts no second one beside it', async () => {
    const registry = controlled('schema-registry');
    registry.set('hang');
    let probeAll: () => void = () => undefined;
    const health = watchDependencies([registry.probe], { timeoutMs: 10, repeat: (run) => { probeAll = run; return () => undefined; } });
    probeAll();
    assert.equal(registry.checks(), 1, 'no second check beside the one still waiting');
    await settle();
    assert.deepEqual(health.unreachable(), ['schema-registry']);
    probeAll();
    assert.equal(registry.checks(), 2, 'a new check once the hung one timed out');
  });
});
