import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdrCorrection, cdrCredited, cdrIssued, sessionCost } from '../test-billing-events.ts';
import { T0 } from '../test-events.ts';
import { cdrCostRow, cdrRow, creditRow, sessionCostRow } from './rows.ts';
import { toCdrDetailView, toCreditView, toSessionCostView, type CdrDetailRow, type CreditRow, type SessionCostRow } from './queries.ts';

test('a CDR keeps the columns lists and filters read beside its whole priced session', () => {
  const cdr = cdrIssued('CP001', 7, T0);
  const row = cdrRow(cdr);
  assert.deepEqual(
    [row.cdr_id, row.kind, row.corrects_cdr_id, row.transaction_id, row.id_tag, row.group_id_token, row.tariff_id, row.currency],
    ['CDR-CP001-7', 'Final', null, 7, 'RFID-12345', 'FLEET-1', 'T-STD', 'EUR'],
  );
  assert.deepEqual([row.started_at, row.stopped_at, row.issued_at], [new Date(T0), new Date(T0 + 3_600_000), new Date(T0 + 3_600_200)]);
  assert.deepEqual([row.energy_wh, row.total_excl_vat_minor, row.vat_minor, row.total_incl_vat_minor], [22_000, 770, 162, 932]);
  assert.deepEqual(JSON.parse(row.tariff_versions as string), [{ id: 'T-STD', version: 1 }]);
  assert.deepEqual(JSON.parse(row.priced as string), cdr.priced);
  assert.equal('credited_by' in row, false, 'writing a CDR again must not undo its credit');
});

test('a correction names the CDR it corrects', () => {
  const row = cdrRow(cdrCorrection(cdrIssued('CP001', 7, T0), T0 + 86_400_000, 20_000));
  assert.deepEqual([row.kind, row.corrects_cdr_id, row.energy_wh], ['Correction', 'CDR-CP001-7', 20_000]);
  assert.match(row.cdr_id as string, /^CDR-CP001-7-C[0-9a-f]{16}$/);
});

test('the detail view gives back what pricing computed, with ISO instants', () => {
  const cdr = cdrIssued('CP001', 7, T0);
  const row = cdrRow(cdr);
  // As PostgreSQL returns it: JSONB parsed, TEXT[] an array.
  const view = toCdrDetailView({
    ...row, credited_by: 'CRD-1', tariff_versions: JSON.parse(row.tariff_versions as string), priced: JSON.parse(row.priced as string),
  } as unknown as CdrDetailRow);
  assert.deepEqual(view.priced, cdr.priced);
  assert.deepEqual(
    [view.cdrId, view.creditedBy, view.startedAt, view.stoppedAt, view.issuedAt, view.totalInclVatMinor, view.tariffVersions, view.flags],
    ['CDR-CP001-7', 'CRD-1', new Date(T0).toISOString(), new Date(T0 + 3_600_000).toISOString(), new Date(T0 + 3_600_200).toISOString(), 932, [{ id: 'T-STD', version: 1 }], []],
  );
});

test('a credit keeps its negative amounts and the CDR it cancels', () => {
  const credited = cdrIssued('CP001', 7, T0);
  const correction = cdrCorrection(credited, T0 + 86_400_000, 20_000);
  const credit = cdrCredited(credited, correction, T0 + 86_400_000);
  const row = creditRow(credit);
  assert.deepEqual(
    [row.credit_id, row.credited_cdr_id, row.total_excl_vat_minor, row.vat_minor, row.total_incl_vat_minor, row.at],
    [`CDR-CP001-7-CREDIT-${correction.cdrId.slice(-16)}`, 'CDR-CP001-7', -770, -162, -932, new Date(T0 + 86_400_000)],
  );
  const view = toCreditView(row as unknown as CreditRow);
  assert.deepEqual([view.creditedCdrId, view.requestedBy, view.at], ['CDR-CP001-7', 'key:admin', new Date(T0 + 86_400_000).toISOString()]);
});

test('a running cost is keyed by its transaction and runs to its asOf', () => {
  const row = sessionCostRow(sessionCost('CP001', 7, T0 + 600_000, 200));
  assert.deepEqual(
    [row.transaction_id, row.as_of, row.updated_at, row.total_excl_vat_minor, row.vat_minor, row.total_incl_vat_minor, row.flags],
    [7, new Date(T0 + 600_000), new Date(T0 + 600_150), 200, 42, 242, ['PROVISIONAL']],
  );
  const view = toSessionCostView({ ...row, cdr_id: null } as unknown as SessionCostRow);
  assert.deepEqual([view.asOf, view.cdrId, view.chargingSeconds], [new Date(T0 + 600_000).toISOString(), null, 600]);
});

test("a billable CDR becomes the session's cost: its totals, to its stop", () => {
  const row = cdrCostRow(cdrIssued('CP001', 7, T0));
  assert.deepEqual(
    [row.transaction_id, row.as_of, row.energy_wh, row.total_excl_vat_minor, row.vat_minor, row.total_incl_vat_minor],
    [7, new Date(T0 + 3_600_000), 22_000, 770, 162, 932],
  );
});
