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

  it('defaults the edge limits', () => {
    assert.deepEqual(readGatewayConfig(envReader({})).edge, {
      inboundRawMaxBytes: 4096,
      callRate: { ratePerSecond: 20, burst: 50, refusalsBeforeClose: 50 },
      maxPendingFrames: 32,
      perIp: { maxConnections: 1000, connectsPerSecond: 50, connectBurst: 100 },
      handshakeTimeoutSeconds: 10,
    });
  });

  it('reads the edge limits from the environment', () => {
    const { edge } = readGatewayConfig(envReader({
      CSMS_INBOUND_RAW_MAX_BYTES: '1024', CSMS_CALL_RATE_PER_SECOND: '5', CSMS_CALL_BURST: '10', CSMS_CALL_REFUSALS_BEFORE_CLOSE: '3',
      CSMS_INBOUND_PENDING_FRAMES: '8', CSMS_IP_MAX_CONNECTIONS: '20', CSMS_IP_CONNECTS_PER_SECOND: '2', CSMS_IP_CONNECT_BURST: '4',
      CSMS_HANDSHAKE_TIMEOUT_SECONDS: '3',
    }));
    assert.deepEqual(edge, {
      inboundRawMaxBytes: 1024, callRate: { ratePerSecond: 5, burst: 10, refusalsBeforeClose: 3 }, maxPendingFrames: 8,
      perIp: { maxConnections: 20, connectsPerSecond: 2, connectBurst: 4 }, handshakeTimeoutSeconds: 3,
    });
  });

  it('keeps the raw text and the frame within an eighth of a produce request', () => {
    assert.throws(() => readGatewayConfig(envReader({ CSMS_GATEWAY_MAX_BATCH_BYTES: '262144', CSMS_INBOUND_RAW_MAX_BYTES: '40000' })),
      /CSMS_INBOUND_RAW_MAX_BYTES: expected 256\.\.32768, got 40000/);
    assert.throws(() => readGatewayConfig(envReader({ CSMS_GATEWAY_MAX_BATCH_BYTES: '262144' })),
      /CSMS_MAX_FRAME_BYTES: expected 1024\.\.32768, got 65536/);
  });

  it('names every out-of-range edge limit', () => {
    assert.throws(() => readGatewayConfig(envReader({
      CSMS_CALL_RATE_PER_SECOND: '0', CSMS_CALL_BURST: '0', CSMS_INBOUND_PENDING_FRAMES: '0', CSMS_IP_MAX_CONNECTIONS: '0',
      CSMS_HANDSHAKE_TIMEOUT_SECONDS: '0',
    })), /CSMS_CALL_RATE_PER_SECOND[\s\S]*CSMS_CALL_BURST[\s\S]*CSMS_INBOUND_PENDING_FRAMES[\s\S]*CSMS_IP_MAX_CONNECTIONS[\s\S]*CSMS_HANDSHAKE_TIMEOUT_SECONDS/);
  });
});

describe('gateway security config', () => {
  it('keeps the quick path outside production: unknown stations accepted, no minimum profile, replace duplicates', () => {
    const { auth, tls, secretsKey } = readGatewayConfig(envReader({})).security;
    assert.deepEqual([auth.production, auth.unknownStations, auth.minimumProfile, auth.duplicatePolicy], [false, 'accept', 0, 'replace']);
    assert.deepEqual([auth.failuresPerMinute, auth.addressFailuresPerMinute, auth.lockoutSeconds, tls, secretsKey], [5, 50, 60, null, null]);
    assert.deepEqual(auth.hashSlots, { concurrency: 2, maxQueued: 100 });
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

  it('bounds an address at ten times an identity unless told otherwise, never below it', () => {
    const derived = readGatewayConfig(envReader({ CSMS_AUTH_FAILURES_PER_MINUTE: '3' })).security.auth;
    assert.equal(derived.addressFailuresPerMinute, 30);
    const set = readGatewayConfig(envReader({ CSMS_AUTH_ADDRESS_FAILURES_PER_MINUTE: '200', CSMS_AUTH_HASH_CONCURRENCY: '4', CSMS_AUTH_HASH_QUEUE: '0' }));
    assert.deepEqual([set.security.auth.addressFailuresPerMinute, set.security.auth.hashSlots], [200, { concurrency: 4, maxQueued: 0 }]);
    assert.throws(() => readGatewayConfig(envReader({ CSMS_AUTH_FAILURES_PER_MINUTE: '10', CSMS_AUTH_ADDRESS_FAILURES_PER_MINUTE: '5' })),
      /CSMS_AUTH_ADDRESS_FAILURES_PER_MINUTE: expected 10\.\.100000, got 5/);
    assert.throws(() => readGatewayConfig(envReader({ CSMS_AUTH_HASH_CONCURRENCY: '0' })), /CSMS_AUTH_HASH_CONCURRENCY/);
  });
});
