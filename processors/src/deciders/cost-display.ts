// Whether a station shows its session's cost, as its own configuration says: OCPP 2.0.1
// TariffCostCtrlr.Enabled[Cost] (I02: the CSMS may send CostUpdated and totalCost), or the OCPP 1.6
// key CustomDisplayCostAndPrice of the OCA "OCPP & California Pricing Requirements" whitepaper
// (the org.openchargealliance.costmsg DataTransfers). Folded from the device model's facts
// (workflow/costs-reach-stations.ts), since those facts are the device-model decider's, which keeps
// nothing. A station that never reported either shows nothing: sending it cost messages it may not
// understand would only fill its queue with CALLERRORs.
import type { ConfigurationChanged, ConfigurationReported, VariableAttributeReport, VariablesReported } from '@csms/contracts';
import type { Decider } from './decider.ts';

export const CALIFORNIA_PRICING_KEY = 'CustomDisplayCostAndPrice';

/** What cost messages the station takes: none, 2.0.1 CostUpdated (and totalCost), or 1.6 California Pricing DataTransfers. */
export type CostDisplay = 'Nothing' | 'CostUpdated' | 'CaliforniaPricing';

export interface CostDisplayState {
  readonly shows: CostDisplay;
}

export type CostDisplayFact = ConfigurationReported | ConfigurationChanged | VariablesReported;

export type CostDisplayCommand = { readonly type: 'NoteConfiguration'; readonly fact: CostDisplayFact };

/** Kept in the state only; the configuration facts themselves are on csms.stations already. */
export interface CostDisplayNoted {
  readonly type: 'CostDisplayNoted';
  readonly chargePointId: string;
  readonly at: number;
  readonly shows: CostDisplay;
}

export const initialCostDisplayState: CostDisplayState = { shows: 'Nothing' };

/** Configuration values are text; booleans are "true"/"false" (1.6 §9, 2.0.1 part 2 §2.1.4), case aside. */
function isTrue(value: string | null): boolean {
  return value !== null && value.trim().toLowerCase() === 'true';
}

function whenTrue(value: string | null, shows: CostDisplay): CostDisplay {
  return isTrue(value) ? shows : 'Nothing';
}

function fromKeys(fact: ConfigurationReported, current: CostDisplay): CostDisplay {
  const key = fact.keys.find((k) => k.key === CALIFORNIA_PRICING_KEY);
  if (key !== undefined) return whenTrue(key.value, 'CaliforniaPricing');
  // A complete report without the key says the station no longer has it; a partial one says nothing.
  return fact.complete && current === 'CaliforniaPricing' ? 'Nothing' : current;
}

/** TariffCostCtrlr.Enabled, instance "Cost", its Actual value: "Tariff" is the other instance, showing prices. */
function isCostEnabledVariable(entry: VariableAttributeReport): boolean {
  return entry.component === 'TariffCostCtrlr' && entry.variable === 'Enabled' && entry.variableInstance === 'Cost'
    && entry.attributeType === 'Actual' && entry.value !== null;
}

function fromVariables(fact: VariablesReported, current: CostDisplay): CostDisplay {
  const entry = fact.variables.filter(isCostEnabledVariable).at(-1);
  return entry === undefined ? current : whenTrue(entry.value, 'CostUpdated');
}

function shownAfter(fact: CostDisplayFact, current: CostDisplay): CostDisplay {
  switch (fact.type) {
    case 'ConfigurationReported':
      return fromKeys(fact, current);
    case 'ConfigurationChanged':
      return fact.key === CALIFORNIA_PRICING_KEY && fact.status === 'Accepted' ? whenTrue(fact.value, 'CaliforniaPricing') : current;
    case 'VariablesReported':
      return fromVariables(fact, current);
    default: {
      const _exhaustive: never = fact;
      return _exhaustive;
    }
  }
}

function decide(command: CostDisplayCommand, state: CostDisplayState): readonly CostDisplayNoted[] {
  const { fact } = command;
  const shows = shownAfter(fact, state.shows);
  return shows === state.shows ? [] : [{ type: 'CostDisplayNoted', chargePointId: fact.chargePointId, at: fact.at, shows }];
}

function evolve(state: CostDisplayState, event: CostDisplayNoted): CostDisplayState {
  return event.shows === state.shows ? state : { shows: event.shows };
}

export const costDisplayDecider: Decider<CostDisplayCommand, CostDisplayNoted, CostDisplayState> = {
  name: 'costDisplay', initialState: initialCostDisplayState, decide, evolve,
};
