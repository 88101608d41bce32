// OCPP 2.0.1 transaction messages as stations really send them, end to end: a TransactionEvent
// resent with a new message id (deduplicated on transaction id + seqNo, invariant 2), a gap in
// seqNo that the late event closes, and a transaction that happened offline (E12), delivered
// after reconnecting and recorded with the station's own times. Each check waits for the
// projections to reach Kafka's end offsets, never for a while.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Ocpp201 } from '@csms/contracts';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { closeTransaction, openTransaction, sampleTransaction, simulatedChargingStation, type SimulatedChargingStation } from '../src/simulator/index.ts';
import { addIdToken, periodicSamples, stationTransaction, transactionsOf, type Transaction201 } from './ocpp201-views.ts';
import { readTopic } from './read-topic.ts';
import { allCaughtUp } from './processors-caught-up.ts';
import { eventually, startSystem, type RunningSystem } from './system.ts';

const ID = 'E2E201-TXS';
const token: Ocpp201.IdTokenType = { idToken: 'E2E201-TXTAG', type: 'ISO14443' };
const t = (minutes: number) => new Date(Date.UTC(2025, 1, 10, 9, minutes));

describe('OCPP 2.0.1 transaction messages: replays, gaps and offline transactions', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  let cs: SimulatedChargingStation;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_700);
    await addIdToken(system, token);
    cs = simulatedChargingStation({ endpoint: system.ocppUrl, id: ID, callTimeoutMs: 60_000 });
    await cs.connect();
    await cs.boot();
    await eventually('id token known to processors', async () =>
      (await cs.authorize(token)).idTokenInfo.status === 'Accepted' ? true : undefined);
  });
  after(async () => {
    await cs?.close();
    await system?.shutdown();
    await env?.stop();
  });

  /** The transaction as the read models hold it once they have folded everything in Kafka. */
  const settled = async (stationTransactionId: string): Promise<Transaction201> => {
    await allCaughtUp(env);
    const tx = await stationTransaction(system, ID, stationTransactionId);
    assert.ok(tx, `${stationTransactionId} recorded`);
    return tx;
  };
  /** What csms.sessions holds about this station: analytics consumers' view, not a read model. */
  const sessionFacts = async () => (await readTopic(env, 'sessions')).filter((e) => e.chargePointId === ID);

  it('takes a resent TransactionEvent (same seqNo, new message id) once: same answer, no new fact, nothing changed', async () => {
    const { transaction, event: started } = openTransaction(cs.model, { evseId: 1, idToken: token, meterWh: 0, at: t(0), transactionId: 'E2E201-REPLAY' });
    const updated = sampleTransaction(cs.model, transaction, { at: t(5), meterWh: 4000, powerW: 7200 });
    const answers = [await cs.call('TransactionEvent', started), await cs.call('TransactionEvent', updated)];
    const before = await settled('E2E201-REPLAY');
    const factsBefore = await sessionFacts();
    // ocpp-rpc gives every call a new message id, as a station retrying after a lost reply does.
    const replayed = [await cs.call('TransactionEvent', started), await cs.call('TransactionEvent', updated)];
    assert.deepEqual(replayed, answers, 'the same answers');
    assert.deepEqual(await settled('E2E201-REPLAY'), before, 'the read model did not change');
    assert.equal((await sessionFacts()).length, factsBefore.length, 'no new fact in Kafka');
    assert.equal((await transactionsOf(system, ID)).items.filter((x) => x.stationTransactionId === 'E2E201-REPLAY').length, 1);
    assert.equal(periodicSamples(before).length, 2, 'the update\'s energy and power, once');

    await cs.call('TransactionEvent', closeTransaction(cs.model, transaction, { at: t(10), meterWh: 6000, stoppedReason: 'EVDisconnected' }));
    const ended = await settled('E2E201-REPLAY');
    assert.deepEqual([ended.status, ended.energyWh, ended.lastSeqNo], ['Completed', 6000, 2]);
  });

  it('shows a gap in seqNo as missingSeqNos until the late event arrives', async () => {
    const { transaction, event: started } = openTransaction(cs.model, { evseId: 2, idToken: token, meterWh: 100, at: t(20), transactionId: 'E2E201-GAP' });
    const first = sampleTransaction(cs.model, transaction, { at: t(25), meterWh: 1100, powerW: 7200 });
    const second = sampleTransaction(cs.model, transaction, { at: t(30), meterWh: 2100, powerW: 7200 });
    await cs.call('TransactionEvent', started);
    await cs.call('TransactionEvent', second);
    const gap = await settled('E2E201-GAP');
    assert.deepEqual([gap.lastSeqNo, gap.missingSeqNos], [2, [1]], 'seqNo 1 has not arrived');

    await cs.call('TransactionEvent', first);
    const closed = await settled('E2E201-GAP');
    assert.deepEqual([closed.lastSeqNo, closed.missingSeqNos], [2, []], 'the late event closed the gap');
    assert.deepEqual(periodicSamples(closed).filter((m) => m.measurand === 'Energy.Active.Import.Register').map((m) => Number(m.value)),
      [1100, 2100], 'both samples, in the station\'s order of time');

    await cs.call('TransactionEvent', closeTransaction(cs.model, transaction, { at: t(35), meterWh: 3100, stoppedReason: 'Local' }));
    const ended = await settled('E2E201-GAP');
    assert.deepEqual([ended.status, ended.energyWh, ended.lastSeqNo, ended.missingSeqNos], ['Completed', 3000, 3, []]);
  });

  it('records a transaction that happened offline with the station\'s times once it is delivered after reconnecting', async () => {
    // Three hours ago, to the second: the station's clock, not the CSMS's receipt time.
    const begin = new Date(Math.floor((Date.now() - 3 * 3_600_000) / 1000) * 1000);
    const minutesLater = (m: number) => new Date(begin.getTime() + m * 60_000);
    await cs.goOffline();
    const transaction = await cs.startTransaction({ evseId: 1, idToken: token, meterWh: 10_000, at: begin, transactionId: 'E2E201-OFFLINE' });
    await cs.sampleTransaction(transaction.transactionId, { at: minutesLater(10), meterWh: 15_000, powerW: 11_000 });
    await cs.endTransaction(transaction.transactionId, { at: minutesLater(40), meterWh: 22_000, stoppedReason: 'EVDisconnected' });
    assert.deepEqual(cs.model.queued.map((e) => [e.eventType, e.seqNo, e.offline]), [['Started', 0, true], ['Updated', 1, true], ['Ended', 2, true]]);
    await cs.reconnect();
    assert.equal(cs.model.queued.length, 0, 'every queued event was answered');

    const tx = await settled('E2E201-OFFLINE');
    assert.deepEqual([tx.status, tx.offline, tx.energyWh, tx.missingSeqNos], ['Completed', true, 12_000, []]);
    assert.deepEqual([tx.startedAt, tx.stoppedAt, tx.durationSeconds], [begin.toISOString(), minutesLater(40).toISOString(), 2400]);
    assert.equal(periodicSamples(tx)[0]?.sampledAt, minutesLater(10).toISOString(), 'the sample at the station\'s time');
  });
});
