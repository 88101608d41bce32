// The cost messages a station that shows cost gets, as operators' commands are (CommandRequested),
// so the commands decider sends them on the station's socket and records their lifecycle:
// - OCPP 2.0.1 I02 CostUpdated with the running cost; the final cost goes in the
//   TransactionEventResponse to the Ended (totalCost), which needs no CALL;
// - OCPP 1.6 DataTransfer "org.openchargealliance.costmsg" (OCA "OCPP & California Pricing
//   Requirements" §3.1): RunningCost while charging, FinalCost after the stop.
// Amounts are the totals including VAT in major units, from the exact minor units by formatMinor,
// never by floating-point arithmetic. Inside a 1.6 DataTransfer's data string they keep the
// currency's digits (12.30); a 2.0.1 totalCost is a JSON number the gateway serializes, so it
// reaches the station as 12.3, the same value.
import { formatMinor, type CdrIssued, type CommandRequested, type SessionCostUpdated } from '@csms/contracts';
import type { CostDisplay } from './cost-display.ts';
import type { OpenSession } from './billing-state.ts';

export const COST_MESSAGE_VENDOR_ID = 'org.openchargealliance.costmsg';
/** Who asks, as commands name it: nobody waits on the answer, billing least of all. */
export const COST_MESSAGE_REQUESTED_BY = 'csms:billing';
export const COST_MESSAGE_TIMEOUT_SECONDS = 30;

/** The message form a station takes on the protocol its socket speaks now; null: none. */
export type CostMessageForm = 'CostUpdated' | 'CaliforniaPricing';

export function costMessageForm(shows: CostDisplay, protocol: string): CostMessageForm | null {
  switch (shows) {
    case 'CostUpdated':
      return protocol === 'ocpp2.0.1' ? 'CostUpdated' : null;
    case 'CaliforniaPricing':
      return protocol === 'ocpp1.6' ? 'CaliforniaPricing' : null;
    case 'Nothing':
      return null;
    default: {
      const _exhaustive: never = shows;
      return _exhaustive;
    }
  }
}

/** What a running cost message reads of the billed session besides the cost itself. */
export type CostSession = Pick<OpenSession, 'transactionId' | 'stationTransactionId' | 'meterStartWh' | 'readings' | 'chargingStates'>;

/** As a JSON number value (the TransactionEventResponse is an object the gateway serializes). */
export function totalCostOf(cdr: CdrIssued): number {
  return Number(formatMinor(cdr.priced.totalInclVatMinor, cdr.priced.currency));
}

function requested(chargePointId: string, at: number, commandId: string, action: string, payload: string): CommandRequested {
  return {
    type: 'CommandRequested', chargePointId, at, commandId, action, payload,
    timeoutSeconds: COST_MESSAGE_TIMEOUT_SECONDS, requestedBy: COST_MESSAGE_REQUESTED_BY,
  };
}

function dataTransfer(messageId: 'RunningCost' | 'FinalCost', data: string): string {
  return JSON.stringify({ vendorId: COST_MESSAGE_VENDOR_ID, messageId, data });
}

/** The register at the cost's reading; from the energy billed when the station sent no register. */
function meterValueAt(cost: SessionCostUpdated, session: CostSession): number {
  const reading = session.readings.filter((r) => r.at <= cost.asOf && r.energyWh !== null).at(-1);
  return Math.round(reading?.energyWh ?? (session.meterStartWh ?? 0) + cost.energyWh);
}

/** The whitepaper's two states: idle once the EV stopped drawing (a 2.0.1 charging state other than Charging). */
function stateOf(session: CostSession): 'Charging' | 'Idle' {
  const last = session.chargingStates.at(-1);
  return last === undefined || last.state === 'Charging' ? 'Charging' : 'Idle';
}

function runningCostData(cost: SessionCostUpdated, session: CostSession): string {
  const timestamp = new Date(cost.asOf).toISOString();
  return `{"transactionId":${session.transactionId},"timestamp":${JSON.stringify(timestamp)},`
    + `"meterValue":${meterValueAt(cost, session)},"cost":${formatMinor(cost.totalInclVatMinor, cost.currency)},"state":"${stateOf(session)}"}`;
}

/** One per session and reading time, so a replayed record asks for the same command. */
export function runningCostRequest(cost: SessionCostUpdated, session: CostSession, form: CostMessageForm): CommandRequested | null {
  const commandId = `cost-${cost.transactionId}-${cost.asOf}`;
  switch (form) {
    case 'CostUpdated': {
      if (session.stationTransactionId === null) return null;
      const payload = `{"totalCost":${formatMinor(cost.totalInclVatMinor, cost.currency)},"transactionId":${JSON.stringify(session.stationTransactionId)}}`;
      return requested(cost.chargePointId, cost.at, commandId, 'CostUpdated', payload);
    }
    case 'CaliforniaPricing':
      return requested(cost.chargePointId, cost.at, commandId, 'DataTransfer', dataTransfer('RunningCost', runningCostData(cost, session)));
    default: {
      const _exhaustive: never = form;
      return _exhaustive;
    }
  }
}

/** What the station shows at the end, e.g. "12.30 EUR incl. VAT, 23.400 kWh". */
function priceText(cdr: CdrIssued): string {
  const { currency, totalInclVatMinor, energyWh } = cdr.priced;
  return `${formatMinor(totalInclVatMinor, currency)} ${currency} incl. VAT, ${(energyWh / 1000).toFixed(3)} kWh`;
}

/** 1.6 only: a 2.0.1 station has its final cost in the answer to its Ended. */
export function finalCostRequest(cdr: CdrIssued, form: CostMessageForm): CommandRequested | null {
  if (form !== 'CaliforniaPricing') return null;
  const { currency, totalInclVatMinor } = cdr.priced;
  const data = `{"transactionId":${cdr.transactionId},"cost":${formatMinor(totalInclVatMinor, currency)},"priceText":${JSON.stringify(priceText(cdr))}}`;
  return requested(cdr.chargePointId, cdr.at, `final-cost-${cdr.transactionId}`, 'DataTransfer', dataTransfer('FinalCost', data));
}
