// The facts one OCPP 1.6 charging session makes, in the order and at the pace a station sends
// them: the seed workflow's session (../simulator/seed-workflow.ts) with the status notifications
// around it. Plugged in (Preparing), Authorize, StartTransaction, Charging, a MeterValues every
// five minutes, StopTransaction, Finishing, Available once unplugged, then the heartbeats of the
// idle time before the next plug-in.
import { step, type PlannedStep } from './planned-step.ts';
import {
  HEARTBEAT_INTERVAL_S, IN_FLIGHT_MS, authorized, connectorStatus, heartbeat, sampled, started, stopped, type Session,
} from './station-facts.ts';

/** MeterValueSampleInterval (1.6 §9.1) of 300 s, over a 35-minute session. */
export const SAMPLES = 6;
const SAMPLE_INTERVAL_S = 300;
const START_S = 15;
const STOP_S = START_S + (SAMPLES + 1) * SAMPLE_INTERVAL_S;
const UNPLUGGED_S = STOP_S + 45;
/** An idle station sends nothing but heartbeats (1.6 §4.6); two, then the next plug-in an interval later. */
const IDLE_HEARTBEATS = 2;
/** From one plug-in to the next. */
export const CYCLE_S = UNPLUGGED_S + (IDLE_HEARTBEATS + 1) * HEARTBEAT_INTERVAL_S;

/** Its times are seconds after the plug-in. */
export type CycleStep = PlannedStep<Session>;

const status = (name: string, atS: number): CycleStep =>
  step('stations', 'ConnectorStatusChanged', atS, (session, at) => connectorStatus(session.chargePointId, name, at));

/** The register grows evenly between the start and the stop readings. */
const sample = (i: number): CycleStep => step('sessions', 'MeterValuesSampled', START_S + i * SAMPLE_INTERVAL_S,
  (session, at) => sampled(session, session.meterStartWh + Math.round((session.energyWh * i) / (SAMPLES + 1)), at));

const idle = (i: number): CycleStep =>
  step('stations', 'HeartbeatReceived', UNPLUGGED_S + i * HEARTBEAT_INTERVAL_S, (session, at) => heartbeat(session.chargePointId, at));

export const SESSION_CYCLE: readonly CycleStep[] = [
  status('Preparing', 0),
  step('sessions', 'AuthorizationDecided', 10, authorized),
  step('sessions', 'TransactionStarted', START_S, started),
  status('Charging', START_S + 1),
  ...Array.from({ length: SAMPLES }, (_, i) => sample(i + 1)),
  step('sessions', 'TransactionStopped', STOP_S, stopped),
  status('Finishing', STOP_S + 1),
  status('Available', UNPLUGGED_S),
  ...Array.from({ length: IDLE_HEARTBEATS }, (_, i) => idle(i + 1)),
];

export interface SessionPlan {
  readonly chargePointId: string;
  readonly transactionId: number;
  readonly idTag: string;
  readonly meterStartWh: number;
  readonly energyWh: number;
  /** When the cable is plugged in (epoch ms): the cycle's time 0. */
  readonly plugIn: number;
}

/** The session a cycle runs, its station timestamps those of its start and stop steps. */
export function sessionOf(plan: SessionPlan): Session {
  const { plugIn, ...rest } = plan;
  return {
    ...rest,
    startedAt: plugIn + START_S * 1000 - IN_FLIGHT_MS,
    stoppedAt: plugIn + STOP_S * 1000 - IN_FLIGHT_MS,
  };
}
