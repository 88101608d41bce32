// The router against the action table: every CALL a station may send reaches the decider its
// row names, and anything else is the station decider's UnsupportedAction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ocppTables, type InboundFrame } from '@csms/contracts';
import { defaultSettings } from './deciders/context.ts';
import { route, type RouteContext } from './router.ts';

const context: RouteContext = {
  tables: { idTags: new Map(), chargePoints: new Map() }, settings: defaultSettings, transactionIdCandidate: 1, connectionProfile: null,
};

function call(action: string, protocol = 'ocpp1.6'): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP-1', node: 0, connectionId: 'c-1', at: 1, protocol, raw: `[2,"m-1","${action}",{}]`,
    messageTypeId: 2, messageId: 'm-1', action, payload: '{}', rejection: null, repliedByGateway: false, rawTruncated: null,
  };
}

describe('routing station CALLs by the action table', () => {
  for (const [version, table] of Object.entries(ocppTables)) {
    for (const row of Object.values(table.stationCalls)) {
      it(`${version} ${row.action} goes to the ${row.decider} decider as ${row.action}`, () => {
        const routed = route(call(row.action, version), context);
        assert.equal(routed?.decider, row.decider);
        assert.equal(routed?.command.type, row.action);
      });
    }
  }

  it('sends an action the version has no station row for to UnsupportedAction', () => {
    for (const action of ['Reset', 'MadeUp']) {
      assert.deepEqual(route(call(action), context)?.command.type, 'UnsupportedAction');
    }
  });
});
