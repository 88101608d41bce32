import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeadLetterRedriveFailed, DeadLetterRedriveRequested } from '@csms/contracts';
import type { StoredDeadLetter } from '../dead-letters/queries.ts';
import type { RedriveResult } from './redrive-letter.ts';
import { handleRedriveRequest, redriverOf, type RedriveRequestPorts } from './redrive-request.ts';

const AT = 1_736_935_200_000;
const request: DeadLetterRedriveRequested = {
  type: 'DeadLetterRedriveRequested', requestId: 'r-1', deadLetterId: 'projection:charge-points/csms.config.charge-points/2/41', at: AT - 5,
  requestedBy: 'key:abc',
};
const letter = { id: request.deadLetterId, value: Buffer.from('x') } as StoredDeadLetter;

/** Ports whose re-drive answers each try with the next of `tries` (a result, or an error to throw). */
function ports(open: boolean, tries: readonly (RedriveResult | Error)[]) {
  const redrives: string[] = [];
  const failures: DeadLetterRedriveFailed[] = [];
  const fakes: RedriveRequestPorts = {
    openLetter: async (id) => (open && id === letter.id ? letter : undefined),
    redrive: async (found, by) => {
      const next = tries[redrives.length] ?? assert.fail('tried once too often');
      redrives.push(`${found.id} by ${by}`);
      if (next instanceof Error) throw next;
      return next;
    },
    recordFailure: async (failed) => { failures.push(failed); },
    clock: () => AT, transientAttempts: 3, retryDelayMs: 1,
  };
  return { fakes, redrives, failures };
}

test('a request re-drives the open letter as the api principal who asked, through the api', async () => {
  const { fakes, redrives, failures } = ports(true, ['Applied']);
  assert.deepEqual(await handleRedriveRequest(fakes, request), { outcome: 'Applied' });
  assert.deepEqual(redrives, [`${letter.id} by api:key:abc`]);
  assert.deepEqual(failures, []);
  assert.equal(redriverOf({ requestedBy: 'sub:ops@example.com' }), 'api:sub:ops@example.com');
});

test('a letter no longer open (re-driven by an earlier request or the command line) is left alone', async () => {
  const { fakes, redrives, failures } = ports(false, []);
  assert.deepEqual(await handleRedriveRequest(fakes, request), { outcome: 'NotOpen' });
  assert.deepEqual([redrives, failures], [[], []]);
});

test('a re-drive that fails again is recorded, once, with why, and the request counts as handled', async () => {
  const { fakes, redrives, failures } = ports(true, [Object.assign(new Error('new row violates check constraint'), { code: '23514' })]);
  assert.deepEqual(await handleRedriveRequest(fakes, request), { outcome: 'Failed', error: 'new row violates check constraint' });
  assert.equal(redrives.length, 1, 'the record\'s own failure is not tried again');
  assert.deepEqual(failures, [{
    type: 'DeadLetterRedriveFailed', deadLetterId: letter.id, at: AT, by: 'api:key:abc', error: 'new row violates check constraint',
  }]);
});

test('a transient failure (the database away a moment) is tried again, a bounded number of times', async () => {
  const away = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const recovered = ports(true, [away(), 'Reappended']);
  assert.deepEqual(await handleRedriveRequest(recovered.fakes, request), { outcome: 'Reappended' });
  assert.deepEqual(recovered.failures, []);

  const gone = ports(true, [away(), away(), away()]);
  assert.deepEqual(await handleRedriveRequest(gone.fakes, request), { outcome: 'Failed', error: 'connect ECONNREFUSED' });
  assert.equal(gone.redrives.length, 3);
  assert.equal(gone.failures.length, 1);
});

test('a failure\'s error is cut to what an operator reads', async () => {
  const { fakes, failures } = ports(true, [new Error('x'.repeat(5000))]);
  await handleRedriveRequest(fakes, request);
  assert.equal(failures[0]?.error.length, 2001);
});
