import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../test-events.ts';
import {
  authenticationRefused, certificateIssued, connectionReplaced, CSR, securityEvent, securityRecordSequence, signingRefused,
  signingRequested,
} from '../test-security-records.ts';
import { securityEventRow } from './rows.ts';

const position = { topic: 'security', partition: 4, offset: 17 } as const;

/** The columns a row sets, nulls left out. */
function setColumns(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
}

test('every row is keyed by its position and has every column, whatever its type', () => {
  const rows = securityRecordSequence().map((record) => securityEventRow(record, position));
  const columns = Object.keys(rows[0]!).sort();
  assert.ok(columns.length > 20);
  for (const row of rows) {
    assert.deepEqual(Object.keys(row).sort(), columns, String(row.type));
    assert.deepEqual([row.source_partition, row.source_offset], [4, 17]);
  }
});

test('a reported security event keeps the station\'s type, time and detail', () => {
  assert.deepEqual(setColumns(securityEventRow(securityEvent('CP001', T0), position)), {
    source_partition: 4, source_offset: 17, charge_point_id: 'CP001', type: 'SecurityEventReported', at: new Date(T0),
    event_type: 'InvalidCentralSystemCertificate', station_timestamp: new Date(T0 - 2_000), tech_info: 'CN mismatch',
  });
});

test('a refused connection and a replaced one keep what the gateway saw of them', () => {
  assert.deepEqual(setColumns(securityEventRow(authenticationRefused('CP001', T0), position)), {
    source_partition: 4, source_offset: 17, charge_point_id: 'CP001', type: 'StationAuthenticationRefused', at: new Date(T0),
    node: 1, remote_address: '203.0.113.9', reason: 'WRONG_PASSWORD', detail: 'basic auth password does not match',
    presented_profile: 1, required_profile: 2,
  });
  const replaced = securityEventRow(connectionReplaced('CP001', T0), position);
  assert.deepEqual(
    [replaced.connection_id, replaced.previous_connection_id, replaced.remote_address, replaced.previous_remote_address],
    ['CP001-c2', 'CP001-c1', '10.0.0.8', '10.0.0.7'],
  );
});

test('certificate signing keeps the request id, the certificate\'s identity and the refusal reason, never the CSR', () => {
  const requested = securityEventRow(signingRequested('CP001', T0), position);
  assert.equal(requested.request_id, `CP001/${T0}/m-csr`);
  assert.ok(!Object.values(requested).includes(CSR));
  assert.deepEqual(setColumns(securityEventRow(certificateIssued('CP001', T0 + 1, T0), position)), {
    source_partition: 4, source_offset: 17, charge_point_id: 'CP001', type: 'CertificateIssued', at: new Date(T0 + 1),
    request_id: `CP001/${T0}/m-csr`, command_id: 'cmd-cert-1', serial_number: '4F2A91', subject: 'CN=CP001,O=Example CPO',
    not_after: new Date(T0 + 365 * 86_400_000),
  });
  const refused = securityEventRow(signingRefused('CP001', T0 + 1, T0, 'KEY_TOO_WEAK'), position);
  assert.deepEqual([refused.request_id, refused.reason], [`CP001/${T0}/m-csr`, 'KEY_TOO_WEAK']);
});

test('text a station sent is made storable: no NUL, no lone surrogate', () => {
  const row = securityEventRow(securityEvent('CP001', T0, 'Tamper\u0000', 'half \uD83D pair'), position);
  assert.equal(row.event_type, 'Tamper\uFFFD');
  assert.equal(row.tech_info, 'half \uFFFD pair');
});
