import { test } from 'node:test';
import assert from 'node:assert/strict';
import { booted, statusChanged, T0 } from '../test-events.ts';
import { diagnosticsStatus, firmwareStatus, logStatus } from '../test-station-facts.ts';
import { bootRow, connectorRow, diagnosticsStatusRow, firmwareStatusRow, logStatusRow, registrationRow } from './rows.ts';

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
  const row = registrationRow({ id: 'CP001', name: 'Depot 1', location: null, registrationStatus: 'Pending', updatedAt: T0, securityProfile: 2, updatedBy: 'key:k1' });
  assert.deepEqual(row, {
    id: 'CP001', registered: true, name: 'Depot 1', location: null, registration_status: 'Pending', updated_at: new Date(T0),
    security_profile: 2,
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
