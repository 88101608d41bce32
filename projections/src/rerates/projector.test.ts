import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RerateRequested } from '@csms/contracts';
import { recordingDb } from '../test-recording-db.ts';
import { T0 } from '../test-events.ts';
import { reratesProjection } from './projector.ts';

const requested: RerateRequested = {
  type: 'RerateRequested', rerateId: 'RR-1', at: T0, tariffId: 'AC', from: T0 - 86_400_000, to: T0, dryRun: false, reason: 'typo', requestedBy: 'key:admin',
};
const position = { topic: 'rerates', partition: 0, offset: 3 } as const;

test('the rerates projection folds csms.billing.rerates only', () => {
  assert.deepEqual(reratesProjection.topics, ['rerates']);
});

test('a re-rating is Requested until its completion is folded; the request folded again leaves a completed one as it is', async () => {
  const db = recordingDb();
  await reratesProjection.apply(db, { topic: 'rerates', key: 'RR-1', value: requested }, position);
  await reratesProjection.apply(db, {
    topic: 'rerates', key: 'RR-1', value: { ...requested, type: 'RerateCompleted', error: 'tariff AC is unknown', sessions: [] },
  }, { ...position, offset: 4 });
  const [request, completion] = db.statements;
  assert.match(request?.text ?? '', /^INSERT INTO rerates .* ON CONFLICT \(rerate_id\) DO UPDATE SET .* WHERE rerates\.status = 'Requested'$/);
  assert.ok(request?.values.includes('Requested'));
  assert.doesNotMatch(completion?.text ?? '', / WHERE /);
  assert.ok(completion?.values.includes('Failed') && completion.values.includes('tariff AC is unknown'));
});
