// The action tables against the schemas and topics they name: a row that points at a schema or
// an event that does not exist fails here, not at a station.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ocppSchemas } from './ocpp-schemas.ts';
import { csmsCallRow, ocppTables, stationCallRow, tableFor } from './ocpp-tables.ts';
import { topics } from './topics.ts';

const recordNames = new Set(Object.values(topics).flatMap((topic) => topic.records.map((name) => name.split('.').at(-1))));

describe('OCPP action tables', () => {
  for (const [version, table] of Object.entries(ocppTables)) {
    const schemaIds = new Set(ocppSchemas(table.version).map((schema) => schema.$id));
    const rows = [...Object.values(table.stationCalls), ...Object.values(table.csmsCalls)];

    it(`${version}: every row names its own action, schemas that exist and events some topic carries`, () => {
      for (const [action, row] of [...Object.entries(table.stationCalls), ...Object.entries(table.csmsCalls)]) {
        assert.equal(row.action, action);
      }
      for (const row of rows) {
        assert.ok(schemaIds.has(row.request), `${row.action}: no schema ${row.request}`);
        assert.ok(schemaIds.has(row.response), `${row.action}: no schema ${row.response}`);
        for (const event of row.events) assert.ok(recordNames.has(event), `${row.action}: no topic carries ${event}`);
      }
    });
  }

  it('1.6: the gateway answers Heartbeat with its time, MeterValues and StatusNotification with {}, and nothing else', () => {
    const answered = Object.values(ocppTables['ocpp1.6'].stationCalls).filter((row) => row.gatewayAnswer !== null);
    assert.deepEqual(answered.map((row) => row.action).sort(), ['Heartbeat', 'MeterValues', 'StatusNotification']);
    const at = Date.UTC(2025, 0, 15, 10, 0, 0);
    assert.deepEqual(stationCallRow('ocpp1.6', 'Heartbeat')?.gatewayAnswer?.(at), { currentTime: '2025-01-15T10:00:00.000Z' });
    assert.deepEqual(stationCallRow('ocpp1.6', 'MeterValues')?.gatewayAnswer?.(at), {});
  });

  it('1.6: each concern has its decider: firmware progress, local lists, charging profiles and the device model', () => {
    const actionsOf = (rows: readonly { action: string; decider: string }[], decider: string) =>
      rows.filter((row) => row.decider === decider).map((row) => row.action).sort();
    const { stationCalls, csmsCalls } = ocppTables['ocpp1.6'];
    assert.deepEqual(actionsOf(Object.values(stationCalls), 'firmwareDiagnostics'), [
      'DiagnosticsStatusNotification', 'FirmwareStatusNotification', 'LogStatusNotification', 'SignedFirmwareStatusNotification',
    ]);
    assert.deepEqual(actionsOf(Object.values(stationCalls), 'station'), ['BootNotification', 'DataTransfer', 'Heartbeat', 'StatusNotification']);
    assert.deepEqual(actionsOf(Object.values(csmsCalls), 'localLists'), ['GetLocalListVersion', 'SendLocalList']);
    assert.deepEqual(actionsOf(Object.values(csmsCalls), 'chargingProfiles'), ['ClearChargingProfile', 'GetCompositeSchedule', 'SetChargingProfile']);
    assert.deepEqual(actionsOf(Object.values(csmsCalls), 'deviceModel'), ['ChangeConfiguration', 'GetConfiguration']);
    assert.deepEqual(actionsOf(Object.values(csmsCalls), 'reservations'), ['CancelReservation', 'ReserveNow']);
    // The commands decider keeps every command's lifecycle and none of the facts: those have a decider of their own.
    for (const row of Object.values(csmsCalls)) {
      if (row.decider === 'commands') assert.deepEqual(row.events, [], row.action);
      else assert.ok(row.events.length > 0, `${row.action}: a decider of its own, for no facts`);
    }
  });

  it('2.0.1: a TransactionEvent becomes the same transaction facts a 1.6 StartTransaction / StopTransaction does', () => {
    assert.deepEqual(stationCallRow('ocpp2.0.1', 'TransactionEvent')?.decider, 'sessions');
    for (const event of ['TransactionStarted', 'TransactionStopped', 'MeterValuesSampled'] as const) {
      assert.ok(stationCallRow('ocpp2.0.1', 'TransactionEvent')?.events.includes(event), event);
    }
    assert.equal(stationCallRow('ocpp2.0.1', 'StartTransaction'), undefined, '1.6 only');
    assert.equal(csmsCallRow('ocpp2.0.1', 'RemoteStartTransaction'), undefined, 'RequestStartTransaction in 2.0.1');
    assert.equal(csmsCallRow('ocpp2.0.1', 'RequestStartTransaction')?.request, 'urn:RequestStartTransaction.req');
    const answered = Object.values(ocppTables['ocpp2.0.1'].stationCalls).filter((row) => row.gatewayAnswer !== null);
    assert.deepEqual(answered.map((row) => row.action).sort(), ['Heartbeat', 'MeterValues', 'NotifyReport', 'ReservationStatusUpdate', 'StatusNotification']);
  });

  it('tells the directions apart: DataTransfer goes both ways, Reset only to a station, and an unknown version has no rows', () => {
    assert.equal(stationCallRow('ocpp1.6', 'DataTransfer')?.direction, 'StationToCsms');
    assert.equal(csmsCallRow('ocpp1.6', 'DataTransfer')?.direction, 'CsmsToStation');
    assert.equal(stationCallRow('ocpp1.6', 'Reset'), undefined);
    assert.equal(csmsCallRow('ocpp1.6', 'Reset')?.request, 'urn:Reset.req');
    assert.equal(stationCallRow('ocpp1.6', 'toString'), undefined, 'no inherited property is a row');
    assert.equal(tableFor('ocpp0.9'), undefined);
  });
});
