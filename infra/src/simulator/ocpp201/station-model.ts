// What a simulated OCPP 2.0.1 charging station remembers besides its device model: its EVSEs and
// their meters, running transactions (by the station's own transaction id), reservations, local
// list, installed certificates, network profiles, and the transaction messages it queued while
// offline. Plain data, no I/O.
import type { Ocpp201 } from '@csms/contracts';
import type { EvseLayout } from './default-device-model.ts';

export interface RunningTransaction {
  /** The station's id for it (E01): what the CSMS keeps as stationTransactionId. */
  readonly transactionId: string;
  readonly evseId: number;
  readonly connectorId: number;
  readonly idToken: Ocpp201.IdTokenType;
  readonly remoteStartId?: number;
  readonly reservationId?: number;
  /** The seqNo the next TransactionEvent of this transaction takes; Started has 0. */
  nextSeqNo: number;
}

export interface Reservation {
  readonly idToken: Ocpp201.IdTokenType;
  readonly expiryDateTime: string;
  readonly evseId?: number;
}

export interface InstalledCertificate {
  readonly certificateType: Ocpp201.GetCertificateIdUseEnumType;
  readonly hash: Ocpp201.CertificateHashDataType;
}

export interface StationModel201 {
  readonly evses: readonly EvseLayout[];
  /** Each EVSE's energy register, in Wh. */
  readonly meterWh: Map<number, number>;
  readonly transactions: Map<string, RunningTransaction>;
  readonly reservations: Map<number, Reservation>;
  /** EVSE ids set Inoperative; 0 is the station as a whole. */
  readonly inoperative: Set<number>;
  localList: { version: number; readonly entries: Map<string, Ocpp201.AuthorizationData> };
  readonly certificates: InstalledCertificate[];
  readonly networkProfiles: Map<number, Ocpp201.NetworkConnectionProfileType>;
  /** E12: while offline, TransactionEvents wait here (marked offline) and go out in order on reconnect. */
  offline: boolean;
  readonly queued: Ocpp201.TransactionEventRequest[];
}

export function newStationModel201(evses: readonly EvseLayout[]): StationModel201 {
  return {
    evses,
    meterWh: new Map(evses.map((e) => [e.id, 0])),
    transactions: new Map(),
    reservations: new Map(),
    inoperative: new Set(),
    localList: { version: 0, entries: new Map() },
    certificates: [],
    networkProfiles: new Map(),
    offline: false,
    queued: [],
  };
}

export function transactionOnEvse(model: StationModel201, evseId: number): RunningTransaction | undefined {
  return [...model.transactions.values()].find((t) => t.evseId === evseId);
}

/** G01: what a connector's status is, from what runs or waits on its EVSE. */
export function connectorStatus(model: StationModel201, evseId: number): Ocpp201.ConnectorStatusEnumType {
  if (model.inoperative.has(0) || model.inoperative.has(evseId)) return 'Unavailable';
  if (transactionOnEvse(model, evseId)) return 'Occupied';
  if ([...model.reservations.values()].some((r) => r.evseId === evseId)) return 'Reserved';
  return 'Available';
}

/** The reservation an id token holds on an EVSE (or on any EVSE), if any. */
export function reservationOf(model: StationModel201, idToken: Ocpp201.IdTokenType, evseId: number): number | undefined {
  for (const [id, r] of model.reservations) {
    if (r.idToken.idToken === idToken.idToken && (r.evseId === undefined || r.evseId === evseId)) return id;
  }
  return undefined;
}

/** The first EVSE that can take a transaction for this token (or the one asked for, if it can): free, or reserved for the token. */
export function freeEvse(model: StationModel201, idToken: Ocpp201.IdTokenType, wanted?: number): number | undefined {
  const candidates = wanted === undefined ? model.evses.map((e) => e.id) : model.evses.some((e) => e.id === wanted) ? [wanted] : [];
  return candidates.find((id) => {
    const status = connectorStatus(model, id);
    return status === 'Available' || (status === 'Reserved' && reservationOf(model, idToken, id) !== undefined);
  });
}

export function takeSeqNo(transaction: RunningTransaction): number {
  const seqNo = transaction.nextSeqNo;
  transaction.nextSeqNo += 1;
  return seqNo;
}
