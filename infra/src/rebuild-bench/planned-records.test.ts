import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionEvent } from '@csms/contracts';
import { fleetPlan, planSpanMs, plannedCounts, type FleetPlan } from './fleet-plan.ts';
import type { PlannedRecord } from './planned-record.ts';
import { kindOf } from './test-planned-kind.ts';
import { laneRecords } from './planned-records.ts';
import { SAMPLES } from './session-cycle.ts';

const T0 = Date.parse('2025-01-15T10:00:00.000Z');

function allRecords(plan: FleetPlan, lanes: number): { record: PlannedRecord; lane: number }[] {
  return Array.from({ length: lanes }, (_, lane) => [...laneRecords({ plan, t0: T0, lane, lanes })].map((record) => ({ record, lane }))).flat();
}

type StationFact = Extract<PlannedRecord, { topic: 'stations' | 'sessions' }>;

/** Each station's facts in the order its lane writes them, which is the order its partition holds them. */
function byStation(records: readonly PlannedRecord[]): Map<string, StationFact[]> {
  const stations = new Map<string, StationFact[]>();
  for (const record of records) {
    if (record.topic !== 'stations' && record.topic !== 'sessions') continue;
    const facts = stations.get(record.key) ?? [];
    if (facts.length === 0) stations.set(record.key, facts);
    facts.push(record);
  }
  return stations;
}

const sessionFacts = (facts: readonly StationFact[]): SessionEvent[] =>
  facts.flatMap((record) => (record.topic === 'sessions' ? [record.value] : []));

/** The energy register readings of a station, in the order it sent them. */
function registerReadings(facts: readonly SessionEvent[]): number[] {
  return facts.flatMap((event) => {
    switch (event.type) {
      case 'TransactionStarted': return [event.meterStartWh];
      case 'MeterValuesSampled': return event.samples.filter((s) => s.measurand === 'Energy.Active.Import.Register').map((s) => Number(s.value));
      case 'TransactionStopped': return [event.meterStopWh];
      default: return [];
    }
  });
}

const plans = [
  { name: '2,000 events, 7 stations, 3 lanes', plan: fleetPlan(2_000, 7), lanes: 3 },
  { name: '20,000 events, 100 stations, 4 lanes', plan: fleetPlan(20_000, 100), lanes: 4 },
  { name: 'setup and heartbeats only', plan: fleetPlan(60, 10), lanes: 4 },
];

describe('the rebuild benchmark\'s records', () => {
  for (const { name, plan, lanes } of plans) {
    describe(name, () => {
      const written = allRecords(plan, lanes);
      const records = written.map((w) => w.record);

      it('are what the plan counts, per topic and per kind', () => {
        assert.equal(records.length, plan.events);
        const byTopic: Record<string, number> = {};
        const byKind: Record<string, number> = {};
        for (const record of records) {
          byTopic[record.topic] = (byTopic[record.topic] ?? 0) + 1;
          byKind[kindOf(record)] = (byKind[kindOf(record)] ?? 0) + 1;
        }
        const planned = plannedCounts(plan);
        assert.deepEqual(byTopic, Object.fromEntries(Object.entries(planned.byTopic).filter(([, n]) => n > 0)));
        assert.deepEqual(byKind, Object.fromEntries(Object.entries(planned.byKind).filter(([, n]) => n > 0)));
      });

      it('are keyed as the processors and the api key them, each station in one lane', () => {
        const laneOf = new Map<string, number>();
        for (const { record, lane } of written) {
          const expected = record.topic === 'chargePoints' ? record.value.id : record.topic === 'idTags' ? record.value.idTag : record.value.chargePointId;
          assert.equal(record.key, expected);
          if (record.topic === 'idTags') continue;
          assert.equal(laneOf.get(record.key) ?? lane, lane, `${record.key} in two lanes`);
          laneOf.set(record.key, lane);
        }
        assert.equal(laneOf.size, plan.stations);
      });

      it('keep each station\'s facts in time order, within the plan\'s span', () => {
        for (const [station, facts] of byStation(records)) {
          const times = facts.map((record) => record.value.at);
          assert.deepEqual(times, [...times].sort((a, b) => a - b), station);
          assert.ok(times.every((at) => at >= T0 && at <= T0 + planSpanMs(plan)), station);
        }
      });

      it('make well-formed sessions: a start, then its meter values, then its stop, each transaction id once', () => {
        const seen = new Set<number>();
        for (const [station, facts] of byStation(records)) {
          let open: number | null = null;
          let samples = 0;
          for (const event of sessionFacts(facts)) {
            if (event.type === 'AuthorizationDecided') assert.equal(open, null, `${station} authorizes inside a session`);
            if (event.type === 'TransactionStarted') {
              assert.equal(open, null, `${station} starts ${event.transactionId} inside a session`);
              assert.ok(!seen.has(event.transactionId), `transaction id ${event.transactionId} twice`);
              seen.add(event.transactionId);
              assert.ok(event.startedAt < event.at);
              [open, samples] = [event.transactionId, 0];
            }
            if (event.type === 'MeterValuesSampled') {
              assert.equal(event.transactionId, open, `${station} samples outside its session`);
              samples += 1;
            }
            if (event.type === 'TransactionStopped') {
              assert.equal(event.transactionId, open, `${station} stops a session it did not start`);
              assert.equal(samples, SAMPLES);
              open = null;
            }
          }
          assert.equal(open, null, `${station} leaves a session open`);
        }
        assert.equal(seen.size, plan.sessions);
      });

      it('read each meter forward: registers never go back, and a stop says the energy its readings span', () => {
        for (const [station, facts] of byStation(records)) {
          const readings = registerReadings(sessionFacts(facts));
          assert.deepEqual(readings, [...readings].sort((a, b) => a - b), station);
          const starts = new Map<number, number>();
          for (const event of sessionFacts(facts)) {
            if (event.type === 'TransactionStarted') starts.set(event.transactionId, event.meterStartWh);
            if (event.type === 'TransactionStopped') {
              assert.equal(event.energyWh, event.meterStopWh - starts.get(event.transactionId)!);
              assert.ok(event.energyWh! > 0);
            }
          }
        }
      });

      it('tag every session with an id tag the plan registers as Accepted', () => {
        const accepted = new Set(records.flatMap((r) => (r.topic === 'idTags' && r.value.status === 'Accepted' ? [r.value.idTag] : [])));
        for (const record of records) {
          if (record.topic !== 'sessions') continue;
          const event = record.value;
          if (event.type === 'AuthorizationDecided' || event.type === 'TransactionStarted') assert.ok(accepted.has(event.idTag), event.idTag);
        }
      });
    });
  }
});
