// The certificates as node's TLS uses them for security profiles 2 and 3: a loopback server
// with the issued server certificate, clients trusting the CA, the server verifying client
// certificates against it. Each handshake is awaited to its end; nothing is timed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type ConnectionOptions, type Server, type TLSSocket } from 'node:tls';
import { createDevelopmentCa, type CreatedCertificateAuthority } from './certificate-authority.ts';
import { commonNameOfPeer } from './certificate-identity.ts';
import { issueServerCertificate, issueStationCertificate } from './issue-certificate.ts';
import { signStationCsr } from './sign-station-csr.ts';
import { privateKeyPem } from './signing-keys.ts';
import { csrPem, p256StationKeys } from './test-csrs.ts';

const NOW = new Date();

interface Handshake {
  readonly serverSaw: { authorized: boolean; error: string | null; commonName: string | null };
  readonly clientAuthorized: boolean;
}

let ca: CreatedCertificateAuthority;
let server: Server;
let port: number;

/** One connection: what the server made of the client, and whether the client trusted the server. */
async function handshake(options: ConnectionOptions): Promise<Handshake> {
  const accepted = once(server, 'secureConnection') as Promise<[TLSSocket]>;
  const client = connect({ host: '127.0.0.1', port, ca: ca.certificatePem, ...options });
  await once(client, 'secureConnect');
  const [socket] = await accepted;
  const error = socket.authorizationError;
  const result: Handshake = {
    serverSaw: {
      authorized: socket.authorized, error: error === undefined || error === null ? null : String(error),
      commonName: commonNameOfPeer(socket.getPeerCertificate()),
    },
    clientAuthorized: client.authorized,
  };
  client.destroy();
  socket.destroy();
  return result;
}

describe('TLS with the issued certificates', () => {
  before(async () => {
    ca = await createDevelopmentCa({ commonName: 'Handshake CA', validityDays: 30, now: NOW });
    const serverCertificate = await issueServerCertificate(ca, {
      commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1', '::1'], validityDays: 30, now: NOW,
    });
    // Profile 3 as the gateway will run it: ask for a certificate, decide on `authorized` itself.
    server = createServer({
      cert: serverCertificate.certificatePem, key: serverCertificate.privateKeyPem, ca: ca.certificatePem,
      requestCert: true, rejectUnauthorized: false,
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  after(() => { server.close(); });

  it('is trusted by a client holding the CA, by host name and by IP address', async () => {
    assert.equal((await handshake({ servername: 'localhost' })).clientAuthorized, true);
    assert.equal((await handshake({})).clientAuthorized, true, 'checked against the 127.0.0.1 subjectAltName');
  });

  it('verifies a station certificate against the CA and reads its CN', async () => {
    const station = await issueStationCertificate(ca, { chargePointId: 'CP001', validityDays: 30, now: NOW });
    const result = await handshake({ servername: 'localhost', cert: station.certificatePem, key: station.privateKeyPem });
    assert.deepEqual(result.serverSaw, { authorized: true, error: null, commonName: 'CP001' });
  });

  it('verifies the certificate signed from a station\'s CSR, used with the station\'s own key', async () => {
    const keys = await p256StationKeys();
    const result = await signStationCsr({
      authority: ca, csr: await csrPem([{ CN: ['CP042'] }], keys), chargePointId: 'CP042', validityDays: 30, now: NOW,
    });
    assert.equal(result.outcome, 'issued');
    if (result.outcome !== 'issued') return;
    const seen = await handshake({ servername: 'localhost', cert: result.certificateChain, key: await privateKeyPem(keys.privateKey) });
    assert.deepEqual(seen.serverSaw, { authorized: true, error: null, commonName: 'CP042' });
  });

  it('does not authorize a client certificate from another CA, nor a client without one', async () => {
    const other = await createDevelopmentCa({ commonName: 'Other CA', validityDays: 30, now: NOW });
    const stranger = await issueStationCertificate(other, { chargePointId: 'CP001', validityDays: 30, now: NOW });
    const foreign = await handshake({ servername: 'localhost', cert: stranger.certificatePem, key: stranger.privateKeyPem });
    assert.equal(foreign.serverSaw.authorized, false);
    assert.notEqual(foreign.serverSaw.error, null);
    const anonymous = await handshake({ servername: 'localhost' });
    assert.equal(anonymous.serverSaw.authorized, false);
    assert.equal(anonymous.serverSaw.commonName, null);
  });
});
