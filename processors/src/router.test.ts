// The router against the action tables: every CALL a station may send in its protocol reaches the
// decider its row names, and anything else is the station decider's UnsupportedAction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ocpp16Table, ocppTables, stationCallRow, type InboundFrame } from '@csms/contracts';
import { defaultSettings } from './deciders/context.ts';
import type { RouteContext } from './route.ts';
import { route } from './router.ts';

const context: RouteContext = {
  tables: { idTags: new Map(), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() }, settings: defaultSettings, transactionIdCandidate: 1, connectionProfile: null,
};

function call(action: string, protocol = 'ocpp1.6'): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP-1', node: 0, connectionId: 'c-1', at: 1, protocol, raw: `[2,"m-1","${action}",{}]`,
    messageTypeId: 2, messageId: 'm-1', action, payload: '{}', rejection: null, repliedByGateway: false, rawTruncated: null,
  };
}

/**
 * A CALL becomes the command named after its action, except where the decider takes another
 * version's shape of the action under a name of its own: the sessions decider's MeterValues is a
 * 1.6 connector's, a 2.0.1 EVSE's is EvseMeterValues (its command shapes were set beside it).
 */
const commandTypes: Readonly<Record<string, Readonly<Record<string, string>>>> = { 'ocpp2.0.1': { MeterValues: 'EvseMeterValues' } };

function commandTypeOf(version: string, action: string): string {
  return commandTypes[version]?.[action] ?? action;
}

describe('routing station CALLs by the action table', () => {
  for (const [version, table] of Object.entries(ocppTables)) {
    for (const row of Object.values(table.stationCalls)) {
      const commandType = commandTypeOf(version, row.action);
      it(`${version} ${row.action} goes to the ${row.decider} decider as ${commandType}`, () => {
        const routed = route(call(row.action, version), context);
        assert.equal(routed?.decider, row.decider);
        assert.equal(routed?.command.type, commandType);
      });
    }
  }

  it('marks a 2.0.1 command that shares its name and decider with a 1.6 one as 2.0.1, and leaves 1.6 ones as they were', () => {
    for (const row of Object.values(ocppTables['ocpp2.0.1'].stationCalls)) {
      const command = route(call(row.action, 'ocpp2.0.1'), context)?.command;
      const shared = command !== undefined && 'payload' in command && stationCallRow('ocpp1.6', command.type)?.decider === row.decider;
      assert.equal(command !== undefined && 'protocol' in command ? command.protocol : undefined, shared ? 'ocpp2.0.1' : undefined, row.action);
    }
    for (const row of Object.values(ocpp16Table.stationCalls)) {
      const command = route(call(row.action), context)?.command;
      assert.equal(command !== undefined && 'protocol' in command, false, row.action);
    }
  });

  it('hands a TransactionEvent the id tags and the transaction id a new transaction gets', () => {
    const routed = route(call('TransactionEvent', 'ocpp2.0.1'), { ...context, transactionIdCandidate: 17 });
    assert.equal(routed?.command.type === 'TransactionEvent' && routed.command.transactionIdCandidate, 17);
    assert.equal(routed?.command.type === 'TransactionEvent' && routed.command.idTags, context.tables.idTags);
  });

  it('sends a CALL of the other version, or of a protocol without a table, to UnsupportedAction', () => {
    assert.equal(route(call('StartTransaction', 'ocpp2.0.1'), context)?.command.type, 'UnsupportedAction');
    assert.equal(route(call('NotifyReport', 'ocpp1.6'), context)?.command.type, 'UnsupportedAction');
    assert.equal(route(call('BootNotification', 'ocpp2.1'), context)?.command.type, 'UnsupportedAction');
  });

  it('sends an action the version has no station row for to UnsupportedAction', () => {
    for (const action of ['Reset', 'MadeUp']) {
      assert.deepEqual(route(call(action), context)?.command.type, 'UnsupportedAction');
    }
  });
});
