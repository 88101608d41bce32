import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidOcpp } from '../simulator/test-ocpp-schemas.ts';
import { benchPlan, type BenchCall, type BenchProtocol, type CycleMix } from './bench-plan.ts';
import { callClassOf } from './call-class.ts';

const now = new Date('2025-03-01T12:00:00.000Z');

/** The first `n` calls of a script, each answered as `answer` says. */
function play(protocol: BenchProtocol, mix: CycleMix, n: number, answer: (call: BenchCall) => unknown = () => ({}), runId = 'r1'): BenchCall[] {
  const script = benchPlan(protocol, runId).script(mix);
  return Array.from({ length: n }, () => {
    const call = script.next(now);
    script.answered(call, answer(call));
    return call;
  });
}

const startAnswer = (id: number) => (call: BenchCall) =>
  (call.action === 'StartTransaction' ? { transactionId: id, idTagInfo: { status: 'Accepted' } } : {});

describe('the benchmark plan', () => {
  for (const protocol of ['1.6', '2.0.1'] as const satisfies readonly BenchProtocol[]) {
    it(`${protocol}: sends only valid calls, in both mixes`, () => {
      const plan = benchPlan(protocol, 'r1');
      assertValidOcpp(plan.subprotocol, 'BootNotification', 'req', plan.boot);
      for (const mix of ['session', 'heartbeat'] as const) {
        for (const call of play(protocol, mix, 16, startAnswer(41))) assertValidOcpp(plan.subprotocol, call.action, 'req', call.payload);
      }
    });

    it(`${protocol}: the heartbeat mix is all gateway-answered, the session mix all processor-decided but its meter readings`, () => {
      const { subprotocol } = benchPlan(protocol, 'r1');
      assert.deepEqual(new Set(play(protocol, 'heartbeat', 4).map((c) => callClassOf(subprotocol, c.action))), new Set(['gateway-answered']));
      const session = play(protocol, 'session', 8, startAnswer(41)).filter((c) => c.action !== 'MeterValues');
      assert.deepEqual(new Set(session.map((c) => callClassOf(subprotocol, c.action))), new Set(['processor-decided']));
    });
  }

  it('1.6: stops the transaction the CSMS numbered, and each cycle starts a transaction of its own', () => {
    const calls = play('1.6', 'session', 8, startAnswer(41));
    assert.deepEqual(calls.map((c) => c.action), ['Authorize', 'StartTransaction', 'MeterValues', 'StopTransaction',
      'Authorize', 'StartTransaction', 'MeterValues', 'StopTransaction']);
    const starts = calls.filter((c) => c.action === 'StartTransaction').map((c) => (c.payload as { meterStart: number }).meterStart);
    assert.deepEqual(starts, [0, 1000]);
    assert.equal((calls[3]!.payload as { transactionId: number }).transactionId, 41);
    assert.equal((calls[2]!.payload as { transactionId: number }).transactionId, 41);
  });

  it('1.6: with no transaction number (StartTransaction unanswered) it sends a meter reading in the stop slot', () => {
    const calls = play('1.6', 'session', 4, () => undefined);
    assert.deepEqual(calls.map((c) => c.action), ['Authorize', 'StartTransaction', 'MeterValues', 'MeterValues']);
  });

  it('2.0.1: each cycle is a transaction of its own, Started, Updated, Ended with seqNo 0, 1, 2', () => {
    const events = play('2.0.1', 'session', 8).filter((c) => c.action === 'TransactionEvent')
      .map((c) => c.payload as { eventType: string; seqNo: number; transactionInfo: { transactionId: string } });
    assert.deepEqual(events.map((e) => [e.eventType, e.seqNo, e.transactionInfo.transactionId]), [
      ['Started', 0, 'r1-0'], ['Updated', 1, 'r1-0'], ['Ended', 2, 'r1-0'],
      ['Started', 0, 'r1-1'], ['Updated', 1, 'r1-1'], ['Ended', 2, 'r1-1'],
    ]);
  });

  it('2.0.1: the longest run id at the longest run\'s last cycle still makes a transaction id within 36 characters', () => {
    // The run id is Date.now() in base 36, so the last representable Date gives the longest. The
    // longest run (bench-options: --seconds 3600 at --rate 1000) offers 3.6 million calls a
    // station, four a cycle, so its cycles go up to 899,999: six digits, first reached at 100,000.
    const longestRunId = new Date(8.64e15).getTime().toString(36);
    const lastCycleDigits = String(3600 * 1000 / 4 - 1).length;
    const script = benchPlan('2.0.1', longestRunId).script('session');
    for (let n = 0; n < 4 * 10 ** (lastCycleDigits - 1); n += 1) script.next(now);
    const lastCycle = Array.from({ length: 4 }, () => script.next(now));
    for (const call of lastCycle) assertValidOcpp('ocpp2.0.1', call.action, 'req', call.payload);
    const ids = lastCycle.filter((c) => c.action === 'TransactionEvent')
      .map((c) => (c.payload as { transactionInfo: { transactionId: string } }).transactionInfo.transactionId);
    assert.deepEqual(ids, Array.from({ length: 3 }, () => `${longestRunId}-${10 ** (lastCycleDigits - 1)}`));
    assert.ok(ids[0]!.length <= 36, `${ids[0]} is within TransactionType.transactionId's 36 characters`);
  });
});
