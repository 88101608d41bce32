// Costs on a 1.6 station, through processRecord: one whose configuration has
// CustomDisplayCostAndPrice true gets the California Pricing RunningCost after each priced sample
// and FinalCost after its stop, as commands; one without it, or a session no tariff prices, gets none.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectedStation, iso, priced, unpriced, type Station } from './cost-fixtures.ts';
import type { RecordContext, RecordOutput } from '../process-record.ts';

// The first transaction id partition 5 hands out (transactionIdCandidate(0, 5)).
const TX = 6;

function station(customDisplay: string | null, context: RecordContext = priced): Station {
  const cp = connectedStation('ocpp1.6', context);
  const keys = customDisplay === null ? [] : [{ key: 'CustomDisplayCostAndPrice', readonly: true, value: customDisplay }];
  cp.commandAnswered('GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }, ...keys] });
  return cp;
}

function session(cp: Station): RecordOutput[] {
  return [
    cp.call('StartTransaction', { connectorId: 1, idTag: 'T1', meterStart: 1000, timestamp: iso(0) }, 0),
    cp.call('MeterValues', { connectorId: 1, transactionId: TX, meterValue: [{ timestamp: iso(10), sampledValue: [{ value: '3000' }] }] }, 10),
    cp.call('StopTransaction', { transactionId: TX, meterStop: 5000, timestamp: iso(20), idTag: 'T1' }, 20),
  ];
}

/** The DataTransfers the records sent, as [messageId, data parsed]. */
function costMessages(outputs: readonly RecordOutput[]): [string, unknown][] {
  return outputs.flatMap((o) => o.calls).map((call) => {
    assert.equal(call.action, 'DataTransfer');
    const { vendorId, messageId, data } = JSON.parse(call.payload) as { vendorId: string; messageId: string; data: string };
    assert.equal(vendorId, 'org.openchargealliance.costmsg');
    return [messageId, JSON.parse(data)];
  });
}

describe('costs on an OCPP 1.6 station', () => {
  it('given CustomDisplayCostAndPrice true, when a priced session samples and stops, then RunningCost and FinalCost go to its socket as commands', () => {
    const outputs = session(station('true'));
    // 2 kWh at 0.30 and 10 min at 2.00/h: 0.93, 20 % VAT 0.19 → 1.12; at the stop 4 kWh and 20 min: 1.20 + 0.67 = 1.87, VAT 0.37 → 2.24.
    assert.deepEqual(costMessages(outputs), [
      ['RunningCost', { transactionId: TX, timestamp: iso(10), meterValue: 3000, cost: 1.12, state: 'Charging' }],
      ['FinalCost', { transactionId: TX, cost: 2.24, priceText: '2.24 EUR incl. VAT, 4.000 kWh' }],
    ]);
    const [, sample, stop] = outputs;
    assert.match(sample!.calls[0]!.payload, /"cost\\":1\.12,/, 'the cost is written with the currency\'s minor digits');
    // The RunningCost nobody answered timed out meanwhile; the FinalCost is requested and sent.
    assert.deepEqual(stop!.commandEvents.map((e) => [e.type, e.commandId]), [
      ['CommandCompleted', `cost-${TX}-${Date.parse(iso(10))}`], ['CommandRequested', `final-cost-${TX}`], ['CommandSent', `final-cost-${TX}`],
    ]);
    assert.deepEqual(stop!.calls.map((c) => [c.node, c.connectionId, c.messageId]), [[3, 'c1', `final-cost-${TX}`]]);
  });

  it('given CustomDisplayCostAndPrice false or never reported, when a priced session runs, then no cost message', () => {
    assert.deepEqual(costMessages(session(station('false'))), []);
    assert.deepEqual(costMessages(session(station(null))), []);
  });

  it('given CustomDisplayCostAndPrice true and no tariff for the session, when it runs, then no cost message', () => {
    assert.deepEqual(costMessages(session(station('true', unpriced))), []);
  });

  it('given a RunningCost sent, when the station refuses it or lets it time out, then the command completes and billing is untouched', () => {
    const cp = station('true');
    const [, sample] = [cp.call('StartTransaction', { connectorId: 1, idTag: 'T1', meterStart: 1000, timestamp: iso(0) }, 0),
      cp.call('MeterValues', { connectorId: 1, transactionId: TX, meterValue: [{ timestamp: iso(10), sampledValue: [{ value: '3000' }] }] }, 10)];
    const refused = cp.answer(sample!.calls[0]!.messageId, { status: 'Rejected' }, 10);
    assert.deepEqual(refused.commandEvents.map((e) => e.type === 'CommandCompleted' && e.outcome), ['Rejected']);
    assert.deepEqual([...refused.billingEvents, ...refused.sessionEvents, ...refused.calls], []);
    const stop = cp.call('StopTransaction', { transactionId: TX, meterStop: 5000, timestamp: iso(20), idTag: 'T1' }, 20);
    assert.deepEqual(stop.billingEvents.map((e) => e.type === 'CdrIssued' && e.priced.totalInclVatMinor), [224]);
    const late = cp.call('Heartbeat', {}, 30);
    assert.deepEqual(late.commandEvents.map((e) => e.type === 'CommandCompleted' && [e.commandId, e.outcome]), [[`final-cost-${TX}`, 'TimedOut']]);
    assert.deepEqual(late.billingEvents, []);
  });
});
