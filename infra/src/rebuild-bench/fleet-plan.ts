// How many of each fact a rebuild benchmark of N events writes, and which station writes them.
// Every station is registered and boots once (station-setup.ts), then runs whole charging
// sessions (session-cycle.ts), shared out as evenly as they go; what is left of N after the last
// whole session is heartbeats, so the total is exactly N and no session is left half written.
// Id tags, one for every ten stations, are what the drivers present.
import { PLANNED_TOPICS, type PlannedKind, type PlannedTopic } from './planned-record.ts';
import { CYCLE_S, SESSION_CYCLE } from './session-cycle.ts';
import { SETUP_S, STATION_SETUP } from './station-setup.ts';

export interface FleetPlan {
  readonly events: number;
  readonly stations: number;
  readonly idTags: number;
  /** Whole sessions, over all stations. */
  readonly sessions: number;
  /** What is left after the whole sessions: heartbeats after each station's last session. */
  readonly heartbeats: number;
}

const STATIONS_PER_ID_TAG = 10;

/** Stations begin up to an hour apart, so their sessions do not all start at once. */
const STAGGER_MS = 3_600_000;
const STAGGER_STEPS = 60;

export const stationId = (index: number): string => `RB-${index}`;
export const idTagName = (index: number): string => `RB-TAG-${index}`;
const idTagsFor = (stations: number): number => Math.ceil(stations / STATIONS_PER_ID_TAG);

/** The fewest events that register and boot every station (and write the id tags). */
export function minimumEvents(stations: number): number {
  return idTagsFor(stations) + stations * STATION_SETUP.length;
}

/** `events` must be at least minimumEvents(stations): the command line refuses fewer (rebuild-bench-options.ts). */
export function fleetPlan(events: number, stations: number): FleetPlan {
  const left = events - minimumEvents(stations);
  const sessions = Math.floor(left / SESSION_CYCLE.length);
  return { events, stations, idTags: idTagsFor(stations), sessions, heartbeats: left - sessions * SESSION_CYCLE.length };
}

/** Station `index`'s part of `total`: the first stations take one more when it does not divide evenly. */
const share = (total: number, stations: number, index: number): number =>
  Math.floor(total / stations) + (index < total % stations ? 1 : 0);

export const sessionsOf = (plan: FleetPlan, index: number): number => share(plan.sessions, plan.stations, index);
export const heartbeatsOf = (plan: FleetPlan, index: number): number => share(plan.heartbeats, plan.stations, index);

/** From the first registration to the last fact, so that a run can end its timeline now. */
export function planSpanMs(plan: FleetPlan): number {
  const cycles = Math.ceil(plan.sessions / plan.stations) + 1 + Math.ceil(plan.heartbeats / plan.stations);
  return (SETUP_S + cycles * CYCLE_S) * 1000 + STAGGER_MS;
}

/** Where station `index`'s timeline begins: its registration. */
export function originOf(t0: number, index: number): number {
  return t0 + (index % STAGGER_STEPS) * (STAGGER_MS / STAGGER_STEPS);
}

export interface PlannedCounts {
  readonly byTopic: Readonly<Record<PlannedTopic, number>>;
  readonly byKind: Readonly<Partial<Record<PlannedKind, number>>>;
}

/** What the plan writes, counted from the steps' declared kinds, without building a record. */
export function plannedCounts(plan: FleetPlan): PlannedCounts {
  const byTopic = Object.fromEntries(PLANNED_TOPICS.map((topic) => [topic, 0])) as Record<PlannedTopic, number>;
  const byKind: Partial<Record<PlannedKind, number>> = {};
  const add = (topic: PlannedTopic, kind: PlannedKind, n: number): void => {
    byTopic[topic] += n;
    byKind[kind] = (byKind[kind] ?? 0) + n;
  };
  add('idTags', 'IdTag', plan.idTags);
  for (const step of STATION_SETUP) add(step.topic, step.kind, plan.stations);
  for (const step of SESSION_CYCLE) add(step.topic, step.kind, plan.sessions);
  add('stations', 'HeartbeatReceived', plan.heartbeats);
  return { byTopic, byKind };
}
