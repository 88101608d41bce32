import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { envReader } from '@csms/infra';
import { quickPathWarnings } from './auth/auth-config.ts';
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

describe('gateway security config', () => {
  it('keeps the quick path outside production: unknown stations accepted, no minimum profile, replace duplicates', () => {
    const { auth, tls, secretsKey } = readGatewayConfig(envReader({})).security;
    assert.deepEqual([auth.production, auth.unknownStations, auth.minimumProfile, auth.duplicatePolicy], [false, 'accept', 0, 'replace']);
    assert.deepEqual([auth.failuresPerMinute, auth.lockoutSeconds, tls, secretsKey], [5, 60, null, null]);
  });

  it('refuses unknown stations and requires profile 1 in production, unless told otherwise', () => {
    const production = readGatewayConfig(envReader({ NODE_ENV: 'production' })).security.auth;
    assert.deepEqual([production.production, production.unknownStations, production.minimumProfile], [true, 'reject', 1]);
    const relaxed = readGatewayConfig(envReader({
      NODE_ENV: 'production', CSMS_UNKNOWN_STATION_POLICY: 'pending', CSMS_MIN_SECURITY_PROFILE: '0',
    })).security.auth;
    assert.deepEqual([relaxed.unknownStations, relaxed.minimumProfile], ['pending', 0]);
  });

  it('says what makes a configuration unfit for production', () => {
    assert.equal(quickPathWarnings(readGatewayConfig(envReader({})).security).length, 3);
    const strict = readGatewayConfig(envReader({ NODE_ENV: 'production', CSMS_TLS_CERT: '/c.pem', CSMS_TLS_KEY: '/k.pem' }));
    assert.deepEqual(quickPathWarnings(strict.security), []);
  });

  it('reads the wss:// listener only with both a certificate and a key', () => {
    const tls = readGatewayConfig(envReader({ CSMS_TLS_CERT: '/c.pem', CSMS_TLS_KEY: '/k.pem', CSMS_TLS_CA: '/ca.pem' })).security.tls;
    assert.deepEqual(tls, { port: 4443, certPath: '/c.pem', keyPath: '/k.pem', caPath: '/ca.pem' });
    assert.throws(() => readGatewayConfig(envReader({ CSMS_TLS_CERT: '/c.pem' })), /CSMS_TLS_CERT and CSMS_TLS_KEY/);
    assert.throws(() => readGatewayConfig(envReader({ CSMS_TLS_CA: '/ca.pem' })), /CSMS_TLS_CA/);
  });

  it('rejects a bad profile, policy or secrets key', () => {
    const env = envReader({ CSMS_MIN_SECURITY_PROFILE: '4', CSMS_DUPLICATE_CONNECTION_POLICY: 'both', CSMS_SECRETS_KEY: 'c2hvcnQ=' });
    readGatewayConfig(env);
    assert.throws(() => env.done(), /CSMS_MIN_SECURITY_PROFILE[\s\S]*CSMS_DUPLICATE_CONNECTION_POLICY[\s\S]*CSMS_SECRETS_KEY/);
    assert.throws(() => readGatewayConfig(envReader({ CSMS_AUTH_FAILURES_PER_MINUTE: '0' })), /CSMS_AUTH_FAILURES_PER_MINUTE/);
  });
});
