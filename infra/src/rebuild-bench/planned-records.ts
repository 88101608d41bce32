// The records of one lane of the rebuild benchmark, built as they are written, so that ten million
// of them never sit in memory at once. A station belongs to one lane (index modulo lanes) and a
// lane is written in order, so each station's facts reach its partition in the order it made
// them, as the processors keep them. Within a lane the stations take turns step by step, so a
// partition holds many stations' sessions interleaved, as a live one does.
import { heartbeatsOf, idTagName, originOf, sessionsOf, stationId, type FleetPlan } from './fleet-plan.ts';
import type { PlannedRecord } from './planned-record.ts';
import { CYCLE_S, SESSION_CYCLE, sessionOf } from './session-cycle.ts';
import { HEARTBEAT_INTERVAL_S, heartbeat, idTagRecord, type Session } from './station-facts.ts';
import { SETUP_S, STATION_SETUP, type Station } from './station-setup.ts';

export interface Lane {
  readonly plan: FleetPlan;
  /** When the first station is registered (epoch ms). */
  readonly t0: number;
  readonly lane: number;
  readonly lanes: number;
}

/** A station's meter has counted energy before the benchmark's first session. */
const initialRegisterWh = (index: number): number => (index % 100) * 1_000_000;

/** 4 to 40 kWh, varying between stations and sessions but the same on every run. */
const energyWh = (index: number, round: number): number => 4_000 + ((index * 7_919 + round * 104_729) % 36_001);

/** Unique across stations and rounds, increasing with time as a CSMS numbers transactions; far below int32. */
const transactionIdOf = (plan: FleetPlan, index: number, round: number): number => round * plan.stations + index + 1;

const plugInOf = (t0: number, index: number, round: number): number => originOf(t0, index) + (SETUP_S + round * CYCLE_S) * 1000;

function stationsOf(lane: Lane): Station[] {
  const stations: Station[] = [];
  for (let index = lane.lane; index < lane.plan.stations; index += lane.lanes) stations.push({ chargePointId: stationId(index), index });
  return stations;
}

function* sessions(lane: Lane, stations: readonly Station[]): Generator<PlannedRecord> {
  const { plan, t0 } = lane;
  const registers = stations.map((station) => initialRegisterWh(station.index));
  const rounds = Math.ceil(plan.sessions / plan.stations);
  for (let round = 0; round < rounds; round += 1) {
    const running: { session: Session; plugIn: number }[] = [];
    stations.forEach((station, i) => {
      if (round >= sessionsOf(plan, station.index)) return;
      const plugIn = plugInOf(t0, station.index, round);
      const session = sessionOf({
        chargePointId: station.chargePointId, transactionId: transactionIdOf(plan, station.index, round),
        idTag: idTagName((station.index + round) % plan.idTags), meterStartWh: registers[i]!, energyWh: energyWh(station.index, round), plugIn,
      });
      registers[i]! += session.energyWh;
      running.push({ session, plugIn });
    });
    for (const step of SESSION_CYCLE) {
      for (const { session, plugIn } of running) yield step.build(session, plugIn + step.atS * 1000);
    }
  }
}

/** The heartbeats left over, each station's after its last session, where its next plug-in would be. */
function* trailingHeartbeats(lane: Lane, stations: readonly Station[]): Generator<PlannedRecord> {
  const { plan, t0 } = lane;
  const most = Math.ceil(plan.heartbeats / plan.stations);
  for (let n = 0; n < most; n += 1) {
    for (const station of stations) {
      if (n >= heartbeatsOf(plan, station.index)) continue;
      const at = plugInOf(t0, station.index, sessionsOf(plan, station.index)) + n * HEARTBEAT_INTERVAL_S * 1000;
      yield { topic: 'stations', key: station.chargePointId, value: heartbeat(station.chargePointId, at) };
    }
  }
}

export function* laneRecords(lane: Lane): Generator<PlannedRecord> {
  const { plan, t0 } = lane;
  // The id tags are on a topic of their own and keyed by tag, so one lane writes them all, first.
  if (lane.lane === 0) {
    for (let i = 0; i < plan.idTags; i += 1) yield { topic: 'idTags', key: idTagName(i), value: idTagRecord(idTagName(i), t0) };
  }
  const stations = stationsOf(lane);
  for (const step of STATION_SETUP) {
    for (const station of stations) yield step.build(station, originOf(t0, station.index) + step.atS * 1000);
  }
  yield* sessions(lane, stations);
  yield* trailingHeartbeats(lane, stations);
}
