import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidOcpp } from '../src/simulator/test-ocpp-schemas.ts';
import { benchPlan, type BenchProtocol } from './bench-plan.ts';

const now = new Date('2025-03-01T12:00:00.000Z');

describe('the benchmark plan', () => {
  for (const protocol of ['1.6', '2.0.1'] as const satisfies readonly BenchProtocol[]) {
    it(`${protocol}: sends only valid calls, in both mixes`, () => {
      const plan = benchPlan(protocol, 'r1');
      const version = plan.subprotocol;
      assertValidOcpp(version, 'BootNotification', 'req', plan.boot);
      const steps = Array.from({ length: 16 }, (_, n) => plan.step('BENCH-19999', n, now));
      for (const step of steps) assertValidOcpp(version, step.action, 'req', step.payload);
      assert.deepEqual(new Set(steps.map((s) => s.path)), new Set(['gateway', 'processor']));
    });
  }

  it('2.0.1: each cycle is a transaction of its own, Started, Updated, Ended with seqNo 0, 1, 2', () => {
    const plan = benchPlan('2.0.1', 'r1');
    const events = Array.from({ length: 16 }, (_, n) => plan.step('BENCH-7', n, now)).filter((s) => s.action === 'TransactionEvent')
      .map((s) => s.payload as { eventType: string; seqNo: number; transactionInfo: { transactionId: string } });
    assert.deepEqual(events.map((e) => [e.eventType, e.seqNo, e.transactionInfo.transactionId]), [
      ['Started', 0, 'r1-BENCH-7-0'], ['Updated', 1, 'r1-BENCH-7-0'], ['Ended', 2, 'r1-BENCH-7-0'],
      ['Started', 0, 'r1-BENCH-7-1'], ['Updated', 1, 'r1-BENCH-7-1'], ['Ended', 2, 'r1-BENCH-7-1'],
    ]);
    assert.ok(`${Date.now().toString(36)}-BENCH-19999-999999`.length <= 36, 'a transaction id fits 2.0.1\'s 36 characters');
  });
});
