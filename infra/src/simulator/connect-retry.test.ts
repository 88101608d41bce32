import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpgradeRefusedError, connectWithRetry } from './connect-retry.ts';

/** Fails with each error in turn, then resolves with 'open'. */
function scripted(errors: Error[]) {
  let calls = 0;
  const connect = async (): Promise<string> => {
    const error = errors[calls];
    calls += 1;
    if (error) throw error;
    return 'open';
  };
  return { connect, calls: () => calls };
}

const fast = { baseDelayMs: 1, maxDelayMs: 2 };

describe('connect with retry', () => {
  it('retries an upgrade refused with 429, as chargers do', async () => {
    const attempt = scripted([new UpgradeRefusedError(429, 0), new UpgradeRefusedError(429, null)]);
    assert.equal(await connectWithRetry(attempt.connect, fast), 'open');
    assert.equal(attempt.calls(), 3);
  });

  it('does not retry any other refusal or error', async () => {
    for (const error of [new UpgradeRefusedError(401, null), new UpgradeRefusedError(400, null), new Error('ECONNREFUSED')]) {
      const attempt = scripted([error]);
      await assert.rejects(connectWithRetry(attempt.connect, fast), error);
      assert.equal(attempt.calls(), 1);
    }
  });

  it('gives up after its attempts', async () => {
    const attempt = scripted(Array.from({ length: 5 }, () => new UpgradeRefusedError(429, 0)));
    await assert.rejects(connectWithRetry(attempt.connect, { ...fast, attempts: 3 }), /HTTP 429/);
    assert.equal(attempt.calls(), 3);
  });
});
