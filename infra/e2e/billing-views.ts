// Billing as the REST API shows it, for the end-to-end tests: a session's CDR, and a gate that
// opens once the processors price sessions with a tariff just assigned (they follow the tariff
// topics on their own, so the gate is a probe session that comes back billed).
import { playSeedWorkflow, simulatedChargePoint } from '../src/simulator/index.ts';
import { api, eventually, type RunningSystem } from './system.ts';

export interface Cdr {
  cdrId: string; kind: string; chargePointId: string; transactionId: number; tariffId: string; currency: string; energyWh: number;
  totalExclVatMinor: number; vatMinor: number; totalInclVatMinor: number; flags: string[];
  priced?: { lines: { component: string; quantity: string; unitPrice: string; amountMinor: number }[] };
}
interface Page<T> { items: T[]; total: number }

/** The CDR of a station's transaction, once the billing read model shows it. */
export function cdrOf(system: RunningSystem, chargePointId: string, transactionId: number, timeoutMs = 60_000): Promise<Cdr> {
  return eventually(`the CDR of transaction ${transactionId}`, async () => {
    const { body } = await api<Page<Cdr>>(system, 'GET', `/cdrs?chargePointId=${chargePointId}&limit=500`);
    return body.items.find((c) => c.transactionId === transactionId);
  }, timeoutMs);
}

/** Plays probe sessions (as `idTag`, stamped `startAt`) until one comes back with a CDR. */
export async function untilSessionsAreBilled(system: RunningSystem, idTag: string, startAt: Date): Promise<void> {
  const id = `${idTag}-PROBE`;
  await eventually('the processors bill sessions with the tariff assigned', async () => {
    const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id });
    await cp.connect();
    const { transactionId } = await playSeedWorkflow(cp, { idTag, samples: 1, startAt }).finally(() => cp.close());
    return cdrOf(system, id, transactionId, 10_000).then(() => true, () => undefined);
  }, 120_000);
}
