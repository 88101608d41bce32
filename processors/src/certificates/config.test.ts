import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, envReader } from '@csms/infra';
import { readProcessorConfig } from '../config.ts';

describe('certificate authority configuration', () => {
  it('is off unless the CA files are named', () => {
    assert.equal(readProcessorConfig(envReader({})).certificateAuthority, null);
  });

  it('reads both CA files and the validity', () => {
    const config = readProcessorConfig(envReader({
      CSMS_STATION_CA_CERT: '/tls/ca.pem', CSMS_STATION_CA_KEY: '/tls/ca-key.pem', CSMS_STATION_CERT_VALIDITY_DAYS: '90',
    }));
    assert.deepEqual(config.certificateAuthority, { certPath: '/tls/ca.pem', keyPath: '/tls/ca-key.pem', validityDays: 90 });
    assert.equal(readProcessorConfig(envReader({ CSMS_STATION_CA_CERT: 'c', CSMS_STATION_CA_KEY: 'k' })).certificateAuthority?.validityDays, 365);
  });

  it('names a CA file set without the other, and a validity out of range', () => {
    const fails = (env: Record<string, string>, variable: string) => assert.throws(
      () => readProcessorConfig(envReader(env)),
      (error: unknown) => error instanceof ConfigError && error.message.includes(variable),
    );
    fails({ CSMS_STATION_CA_CERT: '/tls/ca.pem' }, 'CSMS_STATION_CA_CERT: needs CSMS_STATION_CA_KEY too');
    fails({ CSMS_STATION_CA_KEY: '/tls/ca-key.pem' }, 'CSMS_STATION_CA_KEY: needs CSMS_STATION_CA_CERT too');
    fails({ CSMS_STATION_CA_CERT: 'c', CSMS_STATION_CA_KEY: 'k', CSMS_STATION_CERT_VALIDITY_DAYS: '0' }, 'CSMS_STATION_CERT_VALIDITY_DAYS');
  });
});
