// What happens once per station before its first session: the operator registers it (the api's
// ChargePoint on the compacted registry topic), then it connects, boots (1.6 §4.2) and reports its
// connector Available (§4.9).
import type { StationEvent } from '@csms/contracts';
import type { PlannedKind, PlannedRecord } from './planned-record.ts';
import { booted, connected, connectorStatus, registration } from './station-facts.ts';

export interface Station {
  readonly id: string;
  /** 0..stations-1: gives the station its address, serial numbers and share of the plan. */
  readonly index: number;
}

export interface SetupStep {
  readonly kind: PlannedKind;
  readonly topic: 'chargePoints' | 'stations';
  /** Seconds after the registration. */
  readonly atS: number;
  build(station: Station, at: number): PlannedRecord;
}

/** From the registration to the first plug-in. */
export const SETUP_S = 600;

function onStations<K extends StationEvent['type']>(
  kind: K, atS: number, value: (station: Station, at: number) => Extract<StationEvent, { type: K }>,
): SetupStep {
  return { kind, topic: 'stations', atS, build: (station, at) => ({ topic: 'stations', key: station.id, value: value(station, at) }) };
}

export const STATION_SETUP: readonly SetupStep[] = [
  {
    kind: 'ChargePoint', topic: 'chargePoints', atS: 0,
    build: (station, at) => ({ topic: 'chargePoints', key: station.id, value: registration(station.id, at) }),
  },
  onStations('StationConnected', 60, (station, at) => connected(station.id, station.index, at)),
  onStations('StationBooted', 61, (station, at) => booted(station.id, station.index, at)),
  onStations('ConnectorStatusChanged', 62, (station, at) => connectorStatus(station.id, 'Available', at)),
];
