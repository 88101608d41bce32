// What the CSMS knows of each OCPP action, one table per protocol version: who sends it, its
// request and response schemas, whether the gateway answers it itself, which decider owns it and
// which version-neutral domain events it becomes. The gateway's action lists and answers, the
// processors' routing and the API's command list are read from here, so adding a message is
// adding a row (plus its decider logic and its test).
import type { CommandEvent, SecurityRecord, SessionEvent, StationEvent } from './generated/avro-types.ts';
import { ocppSchemaId, type OcppVersion } from './ocpp-schemas.ts';

/** The processors' deciders, each owning one concern per charge point. */
export type DeciderName =
  | 'station' | 'authorization' | 'sessions' | 'commands' | 'security' | 'firmwareDiagnostics' | 'localLists'
  | 'chargingProfiles' | 'deviceModel' | 'reservations';

/** The facts a message becomes, whichever version the station speaks. */
export type DomainEventType = StationEvent['type'] | SessionEvent['type'] | CommandEvent['type'] | SecurityRecord['type'];

interface ActionRow<A extends string, D extends DeciderName = DeciderName> {
  readonly action: A;
  /** Its schema ids in ocppSchemas(version): the request's and the response's. */
  readonly request: string;
  readonly response: string;
  /** For a station's CALL, the decider that answers it; for a CSMS call, the one that keeps what its answer reports. */
  readonly decider: D;
  /** The domain events the decider makes of it (for a CSMS call: besides the command's own lifecycle). */
  readonly events: readonly DomainEventType[];
}

/** A CALL a station sends to the CSMS. */
export interface StationCallRow<A extends string = string> extends ActionRow<A> {
  readonly direction: 'StationToCsms';
  /**
   * The CALLRESULT payload when the gateway answers the CALL itself, once Kafka has acknowledged
   * it, because the answer depends on no state; null when a processor answers.
   */
  readonly gatewayAnswer: ((receivedAt: number) => object) | null;
}

/**
 * A CALL the CSMS sends to a station: an operator's command. The commands decider keeps its
 * lifecycle; what a valid answer reports goes to the row's decider (the rows that name the
 * commands decider report nothing beyond the answer itself).
 */
export interface CsmsCallRow<A extends string = string, D extends DeciderName = DeciderName> extends ActionRow<A, D> {
  readonly direction: 'CsmsToStation';
  /**
   * For a response with no `status` of its own that still says whether the station did it (2.0.1
   * SetVariables, per variable): whether it did. Absent: the table's successStatuses decide, and a
   * response without a status means done.
   */
  readonly doneWhen?: (response: object) => boolean;
}

export interface ProtocolTable<S extends string = string, C extends string = string> {
  readonly version: OcppVersion;
  /** Keyed by action; DataTransfer is in both maps, since the direction is part of what a row says. */
  readonly stationCalls: { readonly [A in S]: StationCallRow<A> };
  /** In the order the API lists commands. */
  readonly csmsCalls: { readonly [A in C]: CsmsCallRow<A> };
  /** Response statuses that mean the station did what was asked; no status at all also does. */
  readonly successStatuses: ReadonlySet<string>;
}

// Answers the gateway gives itself, the same in every version: Heartbeat's is the CSMS's current time
// (1.6 §6.30, 2.0.1 G02), the others are empty (1.6 §6.32 and §6.48; 2.0.1 B07, G01, H05, J01).
export const currentTimeAnswer = (receivedAt: number): { currentTime: string } => ({ currentTime: new Date(receivedAt).toISOString() });
export const emptyAnswer = (): Record<string, never> => ({});

function schemaIds(action: string): { request: string; response: string } {
  return { request: ocppSchemaId(action, 'req'), response: ocppSchemaId(action, 'conf') };
}

export function stationCall<A extends string>(
  action: A, decider: DeciderName, events: readonly DomainEventType[],
  gatewayAnswer: StationCallRow['gatewayAnswer'] = null,
): StationCallRow<A> {
  return { action, direction: 'StationToCsms', ...schemaIds(action), decider, events, gatewayAnswer };
}

/** The decider stays a literal type, so the processors can require a decider for every one a row names. */
export function csmsCall<A extends string>(action: A): CsmsCallRow<A, 'commands'>;
export function csmsCall<A extends string, D extends DeciderName>(action: A, decider: D, events: readonly DomainEventType[]): CsmsCallRow<A, D>;
export function csmsCall(action: string, decider: DeciderName = 'commands', events: readonly DomainEventType[] = []): CsmsCallRow {
  return { action, direction: 'CsmsToStation', ...schemaIds(action), decider, events };
}
