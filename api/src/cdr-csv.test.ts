import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdrCsv, csvField } from './cdr-csv.ts';
import { cdrFixture } from './test-billing.ts';

test('RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\r'), '"cr\r"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(42), '42');
});

test('a header row, one CRLF-ended row per CDR, amounts in the currency\'s decimals', () => {
  const csv = cdrCsv([
    cdrFixture(),
    cdrFixture({ cdrId: 'cdr-2', currency: 'JPY', totalExclVatMinor: 1500, vatMinor: 150, totalInclVatMinor: 1650, idTag: 'A,"B"', flags: ['CLOCK_SKEW', 'METER_RESET'] }),
  ]);
  const lines = csv.split('\r\n');
  assert.equal(lines.length, 4, 'header, two rows, and the final CRLF');
  assert.equal(lines[3], '');
  const header = lines[0]!.split(',');
  assert.deepEqual(header.slice(0, 3), ['cdr_id', 'kind', 'corrects_cdr_id']);
  const at = (name: string) => header.indexOf(name);
  const first = lines[1]!.split(',');
  assert.deepEqual([first[at('total_excl_vat')], first[at('vat')], first[at('total_incl_vat')], first[at('currency')]], ['3.50', '0.74', '4.24', 'EUR']);
  assert.equal(first[at('tariff_versions')], 'standard:1');
  assert.equal(first[at('corrects_cdr_id')], '', 'null is an empty field');
  assert.match(lines[2]!, /,"A,""B""",/);
  assert.match(lines[2]!, /,JPY,1500,150,1650,CLOCK_SKEW METER_RESET,/);
});

test('free text that a spreadsheet would run as a formula is defused', () => {
  const csv = cdrCsv([cdrFixture({ idTag: '=HYPERLINK("x")', groupIdToken: '@SUM(1)' })]);
  assert.match(csv, /,"'=HYPERLINK\(""x""\)",/);
  assert.match(csv, /,'@SUM\(1\),/);
  assert.match(csv, /,-?\d/, 'amounts keep their sign');
});

test('no CDRs is the header alone', () => {
  assert.equal(cdrCsv([]).split('\r\n').length, 2);
});
