// Costs on a 2.0.1 station, through processRecord: one whose device model reports
// TariffCostCtrlr.Enabled[Cost] true gets CostUpdated after a priced sample and totalCost in the
// answer to its Ended; one that reports it false, or never, gets neither.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectedStation, iso, priced, type Station } from './cost-fixtures.ts';
import type { RecordOutput } from '../process-record.ts';

function station(costEnabled: string | null): Station {
  const cp = connectedStation('ocpp2.0.1', priced);
  const reportData = costEnabled === null ? [] : [{
    component: { name: 'TariffCostCtrlr' }, variable: { name: 'Enabled', instance: 'Cost' }, variableAttribute: [{ value: costEnabled }],
  }];
  cp.call('NotifyReport', { requestId: 1, generatedAt: iso(0), seqNo: 0, reportData });
  return cp;
}

function event(eventType: 'Started' | 'Updated' | 'Ended', seqNo: number, minutes: number, wh: number): object {
  return {
    eventType, timestamp: iso(minutes), triggerReason: eventType === 'Updated' ? 'MeterValuePeriodic' : 'Authorized', seqNo,
    transactionInfo: { transactionId: 'tx-1' }, evse: { id: 1, connectorId: 1 }, idToken: { idToken: 'T1', type: 'ISO14443' },
    meterValue: [{ timestamp: iso(minutes), sampledValue: [{ value: wh, measurand: 'Energy.Active.Import.Register' }] }],
  };
}

function session(cp: Station): RecordOutput[] {
  return [
    cp.call('TransactionEvent', event('Started', 0, 0, 1000), 0),
    cp.call('TransactionEvent', event('Updated', 1, 10, 3000), 10),
    cp.call('TransactionEvent', event('Ended', 2, 20, 5000), 20),
  ];
}

const replyPayloads = (output: RecordOutput) => output.replies.map((r) => (r.body.kind === 'CallResult' ? r.body.payload : null));

describe('costs on an OCPP 2.0.1 station', () => {
  it('given TariffCostCtrlr.Enabled[Cost] true, when a priced session samples and ends, then CostUpdated as a command and totalCost in the Ended\'s answer', () => {
    const [started, updated, ended] = session(station('true'));
    // The Started's own register reading is a priced sample too: nothing spent yet.
    assert.deepEqual(started!.calls.map((c) => [c.action, c.payload]), [['CostUpdated', '{"totalCost":0.00,"transactionId":"tx-1"}']]);
    // 2 kWh at 0.30 and 10 min at 2.00/h, 20 % VAT: 1.12; at the end 4 kWh and 20 min: 2.24.
    assert.deepEqual(updated!.calls.map((c) => [c.action, c.payload]), [['CostUpdated', '{"totalCost":1.12,"transactionId":"tx-1"}']]);
    const commandId = updated!.calls[0]!.commandId;
    assert.deepEqual(updated!.commandEvents.filter((e) => e.commandId === commandId).map((e) => e.type), ['CommandRequested', 'CommandSent']);
    assert.deepEqual(replyPayloads(updated!).map((p) => p !== null && 'totalCost' in p), [false], 'an Updated answer carries no totalCost');
    assert.deepEqual(replyPayloads(ended!).map((p) => p !== null && 'totalCost' in p && p.totalCost), [2.24]);
    assert.deepEqual(ended!.calls, [], 'the final cost is in the answer, not a CALL');
  });

  it('given TariffCostCtrlr.Enabled[Cost] false or never reported, when a priced session runs, then no CostUpdated and no totalCost', () => {
    for (const cp of [station('false'), station(null)]) {
      const outputs = session(cp);
      assert.deepEqual(outputs.flatMap((o) => o.calls), []);
      assert.deepEqual(outputs.flatMap(replyPayloads).filter((p) => p !== null && 'totalCost' in p), []);
      assert.equal(outputs[2]!.billingEvents.length, 1, 'billed all the same');
    }
  });
});
