import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadTally } from './load-tally.ts';

const run = { target: 'ws://x/ocpp', stations: 3, connectErrors: 1, refused429: 2, ratePerStation: 2, seconds: 10, elapsedSeconds: 10.5 };

describe('the load tally', () => {
  it('counts answers, refusals, timeouts and lost calls apart, latency only of answers', () => {
    const tally = loadTally('ocpp1.6');
    tally.answer('Heartbeat', { kind: 'result', payload: {} }, 4);
    tally.answer('Authorize', { kind: 'result', payload: {} }, 40);
    tally.answer('Authorize', { kind: 'error', code: 'InternalError' }, 1);
    tally.answer('StartTransaction', { kind: 'timeout' }, 10_000);
    tally.answer('StopTransaction', { kind: 'closed' }, 3);
    tally.stationDone({ offered: 20, sent: 18, queued: 2, fellBehind: false });
    tally.stationDone({ offered: 20, sent: 15, queued: 5, fellBehind: true });
    const result = tally.result(run);
    assert.equal(result.offered, 40);
    assert.equal(result.offeredPerSecond, 4);
    assert.equal(result.served, 2);
    assert.equal(result.servedPerSecond, 2 / 10.5);
    assert.equal(result.errors, 1);
    assert.deepEqual(result.errorCodes, { InternalError: 1 });
    assert.deepEqual([result.timeouts, result.closed, result.fellBehind, result.notServed], [1, 1, 1, 7]);
    assert.deepEqual([result.connectErrors, result.refused429], [1, 2]);
  });

  it('puts each action in the class the contracts table gives it', () => {
    const tally = loadTally('ocpp2.0.1');
    for (const [action, ms] of [['Heartbeat', 1], ['MeterValues', 3], ['TransactionEvent', 50], ['Authorize', 30]] as const) {
      tally.answer(action, { kind: 'result', payload: {} }, ms);
    }
    const { byClass, byAction, all } = tally.result(run);
    assert.deepEqual([byClass['gateway-answered'].n, byClass['gateway-answered'].max], [2, 3]);
    assert.deepEqual([byClass['processor-decided'].n, byClass['processor-decided'].p50], [2, 30]);
    assert.deepEqual(Object.keys(byAction), ['Authorize', 'Heartbeat', 'MeterValues', 'TransactionEvent']);
    assert.equal(all.n, 4);
  });
});
