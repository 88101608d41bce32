// What the end-to-end tests read back through the REST API about 2.0.1 stations: transactions
// with the 2.0.1 detail the contract adds (stationTransactionId, evseConnectorId, idTokenType,
// remoteStartId, lastSeqNo, missingSeqNos, chargingState, offline) and their meter values.
import type { Ocpp201 } from '@csms/contracts';
import { api, type RunningSystem } from './system.ts';

export interface MeterValue {
  sampledAt: string; measurand: string; value: string; unit: string | null; context: string | null;
}

export interface Transaction201 {
  transactionId: number; chargePointId: string; connectorId: number | null; status: string;
  idTag: string | null; meterStartWh: number | null; meterStopWh: number | null; energyWh: number | null;
  startedAt: string | null; stoppedAt: string | null; durationSeconds: number | null; stopReason: string | null;
  stationTransactionId?: string | null; evseConnectorId?: number | null; idTokenType?: string | null;
  remoteStartId?: number | null; lastSeqNo?: number | null; missingSeqNos?: number[]; chargingState?: string | null;
  offline?: boolean | null; meterValues?: MeterValue[];
}

export interface Page<T> { items: T[]; total: number }

export async function transactionsOf(system: RunningSystem, chargePointId: string): Promise<Page<Transaction201>> {
  const { status, body } = await api<Page<Transaction201>>(system, 'GET', `/transactions?chargePointId=${chargePointId}&limit=500`);
  if (status !== 200) throw new Error(`GET /transactions answered ${status}`);
  return body;
}

/** The CSMS's transaction for the station's own transaction id, with its meter values; undefined while unknown. */
export async function stationTransaction(system: RunningSystem, chargePointId: string, stationTransactionId: string): Promise<Transaction201 | undefined> {
  const query = new URLSearchParams({ chargePointId, stationTransactionId });
  const { status, body: page } = await api<Page<Transaction201>>(system, 'GET', `/transactions?${query}`);
  if (status !== 200) throw new Error(`GET /transactions answered ${status}`);
  const found = page.items;
  if (found.some((t) => t.stationTransactionId !== stationTransactionId)) throw new Error(`the filter let through another transaction than ${stationTransactionId}`);
  if (found.length > 1) throw new Error(`${stationTransactionId} is recorded ${found.length} times`);
  if (found[0] === undefined) return undefined;
  const { body } = await api<Transaction201>(system, 'GET', `/transactions/${found[0].transactionId}`);
  return body;
}

export const periodicSamples = (t: Transaction201): MeterValue[] => (t.meterValues ?? []).filter((m) => m.context === 'Sample.Periodic');

/** An id token the processors accept, typed as a 2.0.1 station presents it. */
export async function addIdToken(system: RunningSystem, token: Ocpp201.IdTokenType): Promise<void> {
  const created = await api(system, 'POST', '/id-tags', { idTag: token.idToken, status: 'Accepted', idTokenType: token.type });
  if (![200, 201, 202].includes(created.status)) throw new Error(`POST /id-tags answered ${created.status}`);
}
