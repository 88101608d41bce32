import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './errors.ts';
import { eurVersion } from './test-billing.ts';
import { checkValidFrom, versionFromBody, withVersion } from './tariff-versions.ts';

const NOW = Date.parse('2025-01-15T10:00:00Z');
const elements = [{ priceComponents: [{ type: 'ENERGY' as const, price: '0.40' }] }];

test('a version may start now or later; earlier only as a correction', () => {
  assert.doesNotThrow(() => checkValidFrom(NOW, NOW, false));
  assert.doesNotThrow(() => checkValidFrom(NOW + 1, NOW, false));
  assert.throws(() => checkValidFrom(NOW - 1, NOW, false), (error: ApiError) => error.code === 'VALIDATION_FAILED');
  assert.doesNotThrow(() => checkValidFrom(NOW - 86_400_000, NOW, true));
});

test('a new version takes what it omits from the newest one, and starts now by default', () => {
  const previous = eurVersion({ minPrice: '1.00', idlePowerThresholdW: 100 });
  const version = versionFromBody({ elements, maxPrice: '20' }, { id: 'standard', version: 2, now: NOW, previous });
  assert.deepEqual(
    [version.version, version.validFrom, version.currency, version.timeZone, version.vatRate, version.minPrice, version.maxPrice, version.idlePowerThresholdW],
    [2, NOW, 'EUR', 'Europe/Amsterdam', '21', '1.00', '20', 100],
  );
  const cleared = versionFromBody({ elements, minPrice: null }, { id: 'standard', version: 2, now: NOW, previous });
  assert.equal(cleared.minPrice, null, 'null clears what the newest version had');
});

test('the first version states currency, time zone and VAT rate', () => {
  assert.throws(() => versionFromBody({ elements }, { id: 'new', version: 1, now: NOW, previous: undefined }), (error: ApiError) => error.code === 'VALIDATION_FAILED');
});

test('restrictions are filled with nulls for what they leave out', () => {
  const version = versionFromBody(
    { currency: 'JPY', timeZone: 'Asia/Tokyo', vatRate: '10', elements: [{ ...elements[0]!, restrictions: { startTime: '22:00', endTime: '06:00' } }] },
    { id: 'night', version: 1, now: NOW, previous: undefined },
  );
  const restrictions = version.elements[0]!.restrictions!;
  assert.deepEqual([restrictions.startTime, restrictions.endTime, restrictions.dayOfWeek, restrictions.minKwh], ['22:00', '06:00', null, null]);
});

test('the record keeps every version', () => {
  const v1 = eurVersion();
  const v2 = eurVersion({ version: 2 });
  const record = withVersion({ id: 'standard', name: 'Standard', versions: [v1] }, { id: 'standard', name: null, version: v2, updatedAt: NOW, updatedBy: 'key:k' });
  assert.deepEqual([record.name, record.versions.length, record.updatedAt], ['Standard', 2, NOW]);
});
