import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { envReader } from '@csms/infra';
import { readGatewayConfig } from './config.ts';

describe('gateway config', () => {
  it('defaults to a 20-call queue and a 30 s call timeout', () => {
    const config = readGatewayConfig(envReader({}));
    assert.deepEqual([config.callQueueSize, config.callTimeoutSeconds], [20, 30]);
  });

  it('reads the call settings from the environment', () => {
    const config = readGatewayConfig(envReader({ CSMS_CALL_QUEUE_SIZE: '0', CSMS_CALL_TIMEOUT_SECONDS: '90' }));
    assert.deepEqual([config.callQueueSize, config.callTimeoutSeconds], [0, 90]);
  });

  it('names every out-of-range call setting', () => {
    assert.throws(() => readGatewayConfig(envReader({ CSMS_CALL_QUEUE_SIZE: '-1', CSMS_CALL_TIMEOUT_SECONDS: '0' })),
      /CSMS_CALL_QUEUE_SIZE[\s\S]*CSMS_CALL_TIMEOUT_SECONDS/);
  });
});
