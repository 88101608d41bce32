import { test } from 'node:test';
import assert from 'node:assert/strict';
import { booted, connected, statusChanged, T0 } from '../test-events.ts';
import { diagnosticsStatus, firmwareStatus, logStatus } from '../test-station-facts.ts';
import { connected201, evseStatusChanged } from '../test-ocpp201-events.ts';
import { toConnectorView } from './queries.ts';
import {
  bootRow, connectorRow, diagnosticsStatusRow, firmwareStatusRow, logStatusRow, otherNumberingDeletion, registrationRow,
} from './rows.ts';

test('a boot maps to the observed columns with times from the event', () => {
  const row = bootRow(booted('CP001', T0));
  assert.equal(row.id, 'CP001');
  assert.equal(row.vendor, 'ExampleVendor');
  assert.equal(row.charge_box_serial_number, 'CB-1');
  assert.equal(row.last_boot_status, 'Accepted');
  assert.deepEqual(row.last_boot_at, new Date(T0));
  assert.deepEqual(row.last_seen_at, new Date(T0));
  assert.equal('name' in row, false, 'a boot must not touch operator columns');
});

test('a registration maps to the operator columns only', () => {
  const row = registrationRow({ id: 'CP001', name: 'Depot 1', location: null, registrationStatus: 'Pending', updatedAt: T0, securityProfile: 2, updatedBy: 'key:k1', site: null });
  assert.deepEqual(row, {
    id: 'CP001', registered: true, name: 'Depot 1', location: null, registration_status: 'Pending', updated_at: new Date(T0),
    security_profile: 2, site_address: null, site_city: null, site_postal_code: null, site_country: null, site_latitude: null,
    site_longitude: null, site_time_zone: null,
  });
});

test('a connector status takes the station timestamp when it sent one, else the receive time', () => {
  const event = statusChanged('CP001', 1, 'Charging', T0);
  assert.deepEqual(connectorRow(event).status_at, new Date(T0 - 500));
  assert.deepEqual(connectorRow({ ...event, timestamp: null }).status_at, new Date(T0));
  assert.equal(connectorRow(event).connector_id, 1);
});

test('firmware and diagnostics statuses carry the time of their notification and count as seen', () => {
  assert.deepEqual(firmwareStatusRow(firmwareStatus('CP001', 'Installing', T0)), {
    id: 'CP001', firmware_status: 'Installing', firmware_request_id: null, firmware_status_at: new Date(T0), last_seen_at: new Date(T0),
  });
  const row = diagnosticsStatusRow(diagnosticsStatus('CP001', 'Uploaded', T0 + 1, 'diag.zip'));
  assert.equal(row.diagnostics_status, 'Uploaded');
  assert.equal(row.diagnostics_file_name, 'diag.zip');
  assert.deepEqual(row.diagnostics_status_at, new Date(T0 + 1));
  assert.equal('firmware_status' in row, false);
});

test('signed firmware progress is firmware progress with its request id; a log upload has columns of its own', () => {
  const firmware = firmwareStatusRow(firmwareStatus('CP001', 'InvalidSignature', T0, 12));
  assert.deepEqual([firmware.firmware_status, firmware.firmware_request_id], ['InvalidSignature', 12]);
  assert.deepEqual(logStatusRow(logStatus('CP001', 'Uploaded', T0 + 2, 3)), {
    id: 'CP001', log_status: 'Uploaded', log_status_request_id: 3, log_status_at: new Date(T0 + 2), last_seen_at: new Date(T0 + 2),
  });
  assert.equal(logStatusRow(logStatus('CP001', 'Idle', T0)).log_status_request_id, null);
});

test('a 1.6 connector keeps its number with no connector within an EVSE; a 2.0.1 status names both', () => {
  const v16 = connectorRow(statusChanged('CP001', 1, 'Charging', T0));
  assert.deepEqual([v16.connector_id, v16.evse_connector_id], [1, 0]);
  const [first, second] = [evseStatusChanged('CP201', 1, 1, 'Available', T0), evseStatusChanged('CP201', 1, 2, 'Occupied', T0)].map(connectorRow);
  assert.deepEqual([first?.connector_id, first?.evse_connector_id, second?.connector_id, second?.evse_connector_id], [1, 1, 1, 2]);
});

test('the view shows the connector within the EVSE for 2.0.1 and null for 1.6', () => {
  const view = (event: Parameters<typeof connectorRow>[0]) => toConnectorView(connectorRow(event) as unknown as Parameters<typeof toConnectorView>[0]);
  assert.deepEqual([view(statusChanged('CP001', 1, 'Charging', T0)).connectorId, view(statusChanged('CP001', 1, 'Charging', T0)).evseConnectorId], [1, null]);
  const evse = view(evseStatusChanged('CP201', 1, 2, 'Occupied', T0));
  assert.deepEqual([evse.connectorId, evse.evseConnectorId, evse.status], [1, 2, 'Occupied']);
});

test('connecting in one numbering removes the connectors of the other', () => {
  const v201 = otherNumberingDeletion(connected201('CP201', 'c-1', T0));
  assert.match(v201.text, /^DELETE FROM connectors WHERE charge_point_id = \$1 AND \(evse_connector_id = \$2\) = \$3$/);
  assert.deepEqual(v201.values, ['CP201', 0, true], 'a 2.0.1 connection removes the 1.6 rows (evse_connector_id 0)');
  assert.deepEqual(otherNumberingDeletion(connected('CP001', 'c-2', T0)).values, ['CP001', 0, false], 'and a 1.6 one the 2.0.1 rows');
});
