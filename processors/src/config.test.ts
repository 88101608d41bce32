import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, envReader } from '@csms/infra';
import { readProcessorConfig } from './config.ts';

describe('readProcessorConfig', () => {
  it('runs on one machine with no variables set', () => {
    const config = readProcessorConfig(envReader({}));
    assert.equal(config.instanceId, '0');
    assert.equal(config.metricsPort, 4002);
    assert.deepEqual(config.settings, {
      unknownStationPolicy: 'accept', heartbeatIntervalSeconds: 60, dataTransferVendorIds: new Set(), certificateSigning: false,
      billingCostIntervalSeconds: 60, billingStaleSessionHours: 48, billingMaxClockSkewMs: 300_000,
    });
  });

  it('reads billing\'s settings, and refuses a cost interval or stale age of 0 and a negative clock skew', () => {
    const config = readProcessorConfig(envReader({
      CSMS_BILLING_COST_INTERVAL_SECONDS: '30', CSMS_BILLING_STALE_SESSION_HOURS: '24', CSMS_BILLING_MAX_CLOCK_SKEW_SECONDS: '60',
    }));
    assert.equal(config.settings.billingCostIntervalSeconds, 30);
    assert.equal(config.settings.billingStaleSessionHours, 24);
    assert.equal(config.settings.billingMaxClockSkewMs, 60_000);
    assert.throws(
      () => readProcessorConfig(envReader({
        CSMS_BILLING_COST_INTERVAL_SECONDS: '0', CSMS_BILLING_STALE_SESSION_HOURS: '0', CSMS_BILLING_MAX_CLOCK_SKEW_SECONDS: '-1',
      })),
      (error: unknown) => error instanceof ConfigError && /CSMS_BILLING_COST_INTERVAL_SECONDS: expected 1\.\.86400/.test(error.message)
        && /CSMS_BILLING_STALE_SESSION_HOURS/.test(error.message) && /CSMS_BILLING_MAX_CLOCK_SKEW_SECONDS/.test(error.message),
    );
  });

  it('signs station certificates when the CA certificate and key are both set, and refuses to start with only one', () => {
    const ca = { CSMS_STATION_CA_CERT: '/etc/csms/ca.pem', CSMS_STATION_CA_KEY: '/etc/csms/ca.key' };
    assert.equal(readProcessorConfig(envReader(ca)).settings.certificateSigning, true);
    for (const only of [{ CSMS_STATION_CA_CERT: ca.CSMS_STATION_CA_CERT }, { CSMS_STATION_CA_KEY: ca.CSMS_STATION_CA_KEY }]) {
      assert.throws(
        () => readProcessorConfig(envReader(only)),
        (error: unknown) => error instanceof ConfigError && /CSMS_STATION_CA_(CERT|KEY): needs CSMS_STATION_CA_(KEY|CERT) too/.test(error.message),
      );
    }
  });

  it('holds batches before their commit only outside production: the failpoint is for crash tests', () => {
    const hold = { CSMS_PROCESSOR_HOLD_BEFORE_COMMIT: '/tmp/held' };
    assert.equal(readProcessorConfig(envReader({})).holdBeforeCommitFile, null);
    assert.equal(readProcessorConfig(envReader({ ...hold, NODE_ENV: 'test' })).holdBeforeCommitFile, '/tmp/held');
    assert.throws(
      () => readProcessorConfig(envReader({ ...hold, NODE_ENV: 'production' })),
      (error: unknown) => error instanceof ConfigError && /CSMS_PROCESSOR_HOLD_BEFORE_COMMIT: a crash-test failpoint/.test(error.message),
    );
  });

  it('reads the settings and names every bad variable', () => {
    const config = readProcessorConfig(envReader({
      CSMS_PROCESSOR_INSTANCE: '3', CSMS_UNKNOWN_STATION_POLICY: 'pending', CSMS_DATA_TRANSFER_VENDORS: 'a, b',
    }));
    assert.equal(config.instanceId, '3');
    assert.equal(config.settings.unknownStationPolicy, 'pending');
    assert.deepEqual([...config.settings.dataTransferVendorIds], ['a', 'b']);
    assert.throws(
      () => readProcessorConfig(envReader({ CSMS_UNKNOWN_STATION_POLICY: 'maybe', CSMS_HEARTBEAT_INTERVAL: 'x' })),
      (error: unknown) => error instanceof ConfigError && /CSMS_UNKNOWN_STATION_POLICY/.test(error.message)
        && /CSMS_HEARTBEAT_INTERVAL/.test(error.message),
    );
  });
});
