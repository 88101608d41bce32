import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidOcpp } from '../simulator/test-ocpp-schemas.ts';
import { benchPlan, type BenchCall, type BenchProtocol, type CycleMix } from './bench-plan.ts';
import { callClassOf } from './call-class.ts';

const now = new Date('2025-03-01T12:00:00.000Z');

/** The first `n` calls of a script, each answered as `answer` says. */
function play(
  protocol: BenchProtocol, mix: CycleMix, n: number, answer: (call: BenchCall) => unknown = () => ({}), runId = 'r1', station = 'BENCH-7',
): BenchCall[] {
  const script = benchPlan(protocol, runId).script(mix, station);
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

  it('2.0.1: a station with the longest id still sends valid transaction ids', () => {
    const longest = `${'P'.repeat(42)}-19999`;
    for (const call of play('2.0.1', 'session', 8, () => ({}), Date.now().toString(36), longest)) assertValidOcpp('ocpp2.0.1', call.action, 'req', call.payload);
  });
});
