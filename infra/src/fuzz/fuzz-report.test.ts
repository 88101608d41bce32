import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport, fuzzProblems, percentile, type FuzzReport } from './fuzz-report.ts';
import { newHostileTally } from './hostile-socket.ts';
import { parseStartTime, serviceVerdict } from './service-probe.ts';

const up = { startTime: 1_700_000_000.5, health: 'ok' };

function report(overrides: Partial<FuzzReport> = {}): FuzzReport {
  return {
    seed: 1, requestedFrames: 10, elapsedSeconds: 1, stoppedBy: 'frames', framesWritten: { 'broken-framing': 10 }, framesUnwritten: 0,
    storms: 0, hostile: { ...newHostileTally(), refusals: { 429: 3 }, closes: { 1008: 2 }, answers: { 'CALLERROR FormationViolation': 5 } },
    healthy: { calls: 5, ok: 5, failed: 0, failures: {}, disconnects: {}, latenciesMs: [3, 1, 2, 5, 4] },
    services: [serviceVerdict('gateway', up, up, { ok: 3 })],
    ...overrides,
  };
}

describe('the fuzz report', () => {
  it('passes a run whose only trouble was the gateway refusing and closing hostile sockets', () => {
    assert.deepEqual(fuzzProblems(report()), []);
    const text = formatReport(report());
    assert.match(text, /HTTP refusals: +429 3/);
    assert.match(text, /socket closes by code: +1008 2/);
    assert.match(text, /answers: +CALLERROR FormationViolation 5/);
    assert.match(text, /5 ok \/ 0 failed of 5 calls.*p50 3\.0 ms {2}p95 5\.0 ms {2}p99 5\.0 ms/);
    assert.match(text, /result: ok$/);
  });

  it('fails a restart shown by the start time or by refused connections, an unhealthy end, a failed call, a disconnect', () => {
    const problems = fuzzProblems(report({
      services: [
        serviceVerdict('processors', up, { ...up, startTime: up.startTime + 9 }, { ok: 3 }),
        serviceVerdict('api', { startTime: null, health: 'ok' }, { startTime: null, health: 'ok' }, { ok: 2, 'unreachable ECONNREFUSED': 1 }),
        serviceVerdict('projections', up, { ...up, health: 'status 503' }, { ok: 3 }),
      ],
      healthy: { calls: 5, ok: 4, failed: 1, failures: { 'Authorize: TimeoutError': 1 }, disconnects: { 1011: 1 }, latenciesMs: [1] },
    }));
    assert.deepEqual(problems, [
      'processors restarted (start time changed)',
      'api restarted (refused connections)',
      'projections /health is status 503 at the end',
      'the healthy station had 1 failed calls (Authorize: TimeoutError 1)',
      'the healthy station was disconnected 1 times (1011 1)',
    ]);
  });

  it('fails a run in which the healthy station was never answered', () => {
    assert.deepEqual(fuzzProblems(report({ healthy: { calls: 0, ok: 0, failed: 0, failures: {}, disconnects: {}, latenciesMs: [] } })),
      ['the healthy station had no call answered']);
  });

  it('reads prom-client\'s process start time', () => {
    const metrics = '# HELP process_start_time_seconds Start time\n# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds 1712345678\nnodejs_x 1\n';
    assert.equal(parseStartTime(metrics), 1712345678);
    assert.equal(parseStartTime('process_start_time_seconds{app="gw"} 17.5'), 17.5);
    assert.equal(parseStartTime('nodejs_heap 1'), null);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.deepEqual([percentile(values, 50), percentile(values, 95), percentile(values, 99), percentile(values, 100)], [50, 95, 99, 100]);
    assert.equal(percentile([], 50), null);
  });
});
