// Whether a station shows cost, from what it reports of its own configuration.
import { describe, it } from 'node:test';
import type { ConfigurationReported, VariableAttributeReport, VariablesReported } from '@csms/contracts';
import { deciderSpec } from './decider-spec.ts';
import { costDisplayDecider, type CostDisplay, type CostDisplayNoted } from './cost-display.ts';
import { AT } from './fixtures.ts';

const spec = deciderSpec(costDisplayDecider);
const noted = (shows: CostDisplay): CostDisplayNoted => ({ type: 'CostDisplayNoted', chargePointId: 'CP001', at: AT, shows });

function keys(complete: boolean, ...pairs: [string, string][]): ConfigurationReported {
  return {
    type: 'ConfigurationReported', chargePointId: 'CP001', at: AT, unknownKeys: [], complete,
    keys: pairs.map(([key, value]) => ({ key, value, readonly: true })),
  };
}

function variable(variableInstance: string, value: string): VariableAttributeReport {
  return {
    component: 'TariffCostCtrlr', componentInstance: null, evseId: null, connectorId: null, variable: 'Enabled', variableInstance,
    attributeType: 'Actual', value, status: null, mutability: null, persistent: null, constant: null, dataType: null, unit: null,
    valuesList: null, minLimit: null, maxLimit: null,
  };
}

function variables(...entries: VariableAttributeReport[]): VariablesReported {
  return { type: 'VariablesReported', chargePointId: 'CP001', at: AT, source: 'NotifyReport', requestId: 1, seqNo: 0, tbc: false, variables: entries };
}

const note = (fact: ConfigurationReported | VariablesReported) => ({ type: 'NoteConfiguration' as const, fact });

describe('cost display decider', () => {
  it('given nothing, when a 1.6 station reports CustomDisplayCostAndPrice true, then it shows California Pricing', () => {
    spec.given([]).when(note(keys(false, ['CustomDisplayCostAndPrice', 'TRUE']))).then([noted('CaliforniaPricing')]);
  });

  it('given California Pricing, when a partial report lacks the key, then nothing changes; when a complete one lacks it, then it shows nothing', () => {
    spec.given([noted('CaliforniaPricing')]).when(note(keys(false, ['HeartbeatInterval', '300']))).then([]);
    spec.given([noted('CaliforniaPricing')]).when(note(keys(true, ['HeartbeatInterval', '300']))).then([noted('Nothing')]);
  });

  it('given nothing, when a 2.0.1 station reports TariffCostCtrlr.Enabled[Cost] true, then it takes CostUpdated; Enabled[Tariff] alone is not cost', () => {
    spec.given([]).when(note(variables(variable('Tariff', 'true'), variable('Cost', 'true')))).then([noted('CostUpdated')]);
    spec.given([]).when(note(variables(variable('Tariff', 'true')))).then([]);
  });

  it('given CostUpdated, when the station reports Enabled[Cost] false, then it shows nothing', () => {
    spec.given([noted('CostUpdated')]).when(note(variables(variable('Cost', 'false')))).then([noted('Nothing')]);
  });

  it('given California Pricing, when a ChangeConfiguration of the key is accepted as false, then it shows nothing; a rejected one changes nothing', () => {
    const changed = (status: string) => ({
      type: 'NoteConfiguration' as const,
      fact: { type: 'ConfigurationChanged' as const, chargePointId: 'CP001', at: AT, key: 'CustomDisplayCostAndPrice', value: 'false', status },
    });
    spec.given([noted('CaliforniaPricing')]).when(changed('Accepted')).then([noted('Nothing')]);
    spec.given([noted('CaliforniaPricing')]).when(changed('Rejected')).then([]);
  });
});
