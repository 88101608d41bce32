// The wss:// listener on loopback, without Kafka: the whitepaper's TLS policy (TLS 1.2 or newer,
// its cipher suites only) and a certificate rotated on disk served without a restart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { connect, type ConnectionOptions } from 'node:tls';
import pino from 'pino';
import {
  PRIVATE_FILE_MODE, PUBLIC_FILE_MODE, envReader, issueServerCertificate, loadCertificateAuthority, writeFileAtomically,
} from '@csms/infra';
import { createFakeStationAuth, recordingSecuritySink } from './auth/test-station-auth.ts';
import { createTestCertificates, type TestCertificates } from './auth/test-certificates.ts';
import { buildApp } from './build-app.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { readGatewayConfig } from './config.ts';
import { createIpLimiter } from './ip-limiter.ts';
import { createMetrics } from './metrics.ts';
import { systemTimers } from './timers.ts';
import { startTlsListener, type TlsListener } from './tls-listener.ts';


const defaultEdge = readGatewayConfig(envReader({})).edge;
let certs: TestCertificates;
let listener: TlsListener;
let port: number;
let handshakeFailures = 0;

before(async () => {
  certs = await createTestCertificates();
  const logger = pino({ level: 'silent' });
  listener = await startTlsListener({
    tls: { port: 0, certPath: certs.paths.certPath, keyPath: certs.paths.keyPath, caPath: certs.paths.caPath },
    host: '127.0.0.1', logger, reloadEveryMs: 100, handshakeTimeoutMs: 10_000, onHandshakeFailure: () => { handshakeFailures += 1; },
    build: (kind) => buildApp({
      config: { node: 0, maxFrameBytes: 65536, pingSeconds: 30, callQueueSize: 20, callTimeoutSeconds: 30, edge: defaultEdge },
      logger, registry: createConnectionRegistry(), inbound: { enqueue: async () => undefined }, security: recordingSecuritySink(),
      metrics: createMetrics({ defaultMetrics: false }), clock: Date.now, timers: systemTimers, secrets: null,
      stationAuth: createFakeStationAuth(), kafkaHealth: () => ({ producer: 'up', consumer: 'up' }), listener: kind,
      ipLimiter: createIpLimiter(defaultEdge.perIp, Date.now),
    }),
  });
  port = (listener.app.server.address() as AddressInfo).port;
});

after(async () => {
  await listener?.close();
});

/** A TLS handshake; resolves with what was negotiated and the server certificate's CN, or the error code. */
function handshake(options: ConnectionOptions): Promise<{ protocol: string | null; cipher: string; serverCn: string } | string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ca: certs.ca, ...options }, () => {
      const result = { protocol: socket.getProtocol(), cipher: socket.getCipher().name, serverCn: String(socket.getPeerCertificate().subject.CN) };
      socket.end();
      resolve(result);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('wss:// listener', () => {
  it('speaks TLS 1.3 and TLS 1.2 with the whitepaper suites, and nothing older or weaker', async () => {
    const modern = await handshake({});
    assert.equal(typeof modern === 'object' && modern.protocol, 'TLSv1.3');
    const tls12 = await handshake({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' });
    assert.deepEqual(typeof tls12 === 'object' && [tls12.protocol, tls12.cipher], ['TLSv1.2', 'ECDHE-ECDSA-AES128-GCM-SHA256']);
    // The server's alerts: protocol_version for TLS 1.1, handshake_failure for a suite outside its list (CBC here).
    assert.equal(await handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }), 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
    assert.equal(await handshake({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA' }), 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE');
    // The server's side of the same two refusals, for csms_gateway_tls_handshake_failures_total.
    for (let i = 0; i < 100 && handshakeFailures < 2; i += 1) await new Promise(setImmediate);
    assert.equal(handshakeFailures, 2);
  });

  it('serves a certificate rotated on disk without a restart', { timeout: 30_000 }, async () => {
    const first = await handshake({});
    assert.equal(typeof first === 'object' && first.serverCn, 'localhost');
    const ca = await loadCertificateAuthority({
      certificatePem: certs.ca, privateKeyPem: await readFile(certs.paths.caKeyPath, 'utf8'),
    });
    const rotated = await issueServerCertificate(ca, {
      commonName: 'rotated.localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], validityDays: 30, now: new Date(),
    });
    await writeFileAtomically(certs.paths.keyPath, rotated.privateKeyPem, PRIVATE_FILE_MODE);
    await writeFileAtomically(certs.paths.certPath, rotated.certificatePem, PUBLIC_FILE_MODE);
    // Each probe is a fresh handshake; the watcher polls every 100 ms. Bounded, and decided by what the server presents.
    let served = '';
    for (let i = 0; i < 200 && served !== 'rotated.localhost'; i += 1) {
      const result = await handshake({});
      served = typeof result === 'object' ? result.serverCn : served;
      if (served !== 'rotated.localhost') await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(served, 'rotated.localhost');
  });
});
