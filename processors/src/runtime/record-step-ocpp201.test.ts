// A 2.0.1 station's records through the processors as far as their encoded outputs: each fact its
// messages become fits its Avro schema (the 2.0.1 detail fields included) and reads back as it was.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  createSerdeOver, inMemorySchemaRegistry, type CommandRequested, type InboundFrame, type InboundRecord, type Serde, type StationEvent,
} from '@csms/contracts';
import { AT, settings } from '../deciders/fixtures.ts';
import { createOverlay, emptyPartitionMemory, type Overlay } from '../partition-memory.ts';
import type { RecordContext } from '../process-record.ts';
import { stepRecord } from './record-step.ts';

const context: RecordContext = { partition: 0, settings: settings(), tables: { idTags: new Map(), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() } };

function frame(messageTypeId: number, messageId: string, action: string | null, payload: object, repliedByGateway = false): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP001', node: 1, connectionId: 'c1', at: AT, protocol: 'ocpp2.0.1', raw: '[]', messageTypeId, messageId,
    action, payload: JSON.stringify(payload), rejection: null, repliedByGateway, rawTruncated: null,
  };
}

let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), ''); });

async function stationFacts(record: InboundRecord, overlay: Overlay): Promise<StationEvent[]> {
  const result = await stepRecord({ serde, source: 'inbound', value: await serde.encode('inbound', record), overlay, context });
  assert.equal(result.ok, true, result.ok ? '' : String(result.error));
  const messages = result.ok ? result.messages.filter((m) => m.topic === 'stations') : [];
  return Promise.all(messages.map((m) => serde.decode('stations', m.value)));
}

describe('one 2.0.1 station\'s records through the processors', () => {
  it('encodes the facts of its messages and of its answers, 2.0.1 detail and all', async () => {
    const overlay = createOverlay(emptyPartitionMemory());
    const connected: InboundRecord = {
      type: 'Connected', chargePointId: 'CP001', node: 1, connectionId: 'c1', at: AT, protocol: 'ocpp2.0.1', remoteAddress: null, securityProfile: 2,
    };
    await stationFacts(connected, overlay);
    const [booted] = await stationFacts(frame(2, 'm1', 'BootNotification', { chargingStation: { vendorName: 'Acme', model: 'X2' }, reason: 'RemoteReset' }), overlay);
    assert.equal(booted?.type === 'StationBooted' && booted.bootReason, 'RemoteReset');
    const [status] = await stationFacts(frame(2, 'm2', 'StatusNotification', { timestamp: '2025-01-01T10:00:00Z', connectorStatus: 'Occupied', evseId: 1, connectorId: 2 }, true), overlay);
    assert.deepEqual(status?.type === 'ConnectorStatusChanged' && [status.connectorId, status.evseConnectorId, status.status], [1, 2, 'Occupied']);
    const [data] = await stationFacts(frame(2, 'm3', 'DataTransfer', { vendorId: 'com.acme', data: { on: [true, 1.5] } }), overlay);
    assert.equal(data?.type === 'DataTransferReceived' && data.data, '{"on":[true,1.5]}');
    const report = {
      requestId: 2, generatedAt: '2025-01-01T10:00:00Z', seqNo: 0, tbc: false, reportData: [{
        component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' },
        variableAttribute: [{ type: 'Actual', value: '7.4', mutability: 'ReadOnly', persistent: true }],
        variableCharacteristics: { dataType: 'decimal', unit: 'kW', minLimit: 0.5, maxLimit: 7.4, supportsMonitoring: false },
      }],
    };
    const [reported] = await stationFacts(frame(2, 'm4', 'NotifyReport', report, true), overlay);
    assert.deepEqual(reported?.type === 'VariablesReported' && reported.variables, [{
      component: 'EVSE', componentInstance: null, evseId: 1, connectorId: null, variable: 'Power', variableInstance: null, attributeType: 'Actual',
      value: '7.4', status: null, mutability: 'ReadOnly', persistent: true, constant: null, dataType: 'decimal', unit: 'kW', valuesList: null,
      minLimit: 0.5, maxLimit: 7.4,
    }]);
    const request: CommandRequested = {
      type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId: 'k1', action: 'ReserveNow', timeoutSeconds: 30, requestedBy: null,
      payload: JSON.stringify({ id: 3, expiryDateTime: '2025-01-01T11:00:00Z', idToken: { idToken: 'T1', type: 'eMAID' }, connectorType: 'cCCS2' }),
    };
    const sent = await stepRecord({ serde, source: 'commandRequests', value: await serde.encode('commandRequests', request), overlay, context });
    assert.equal(sent.ok && sent.output.calls.length, 1);
    const [made] = await stationFacts(frame(3, 'k1', null, { status: 'Accepted' }), overlay);
    assert.deepEqual(made?.type === 'ReservationMade' && [made.connectorId, made.evseId, made.connectorType, made.idTokenType], [0, null, 'cCCS2', 'eMAID']);
  });
});
