// Test support: TLS material in a fresh temp dir, from the certificate module the gateway uses
// in production (the development CA and server certificate npm start makes), plus station
// client certificates: valid ones, an expired one, and one from a CA the gateway does not trust.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDevelopmentCa, ensureDevCertificates, issueStationCertificate, loadCertificateAuthority, type DevCertificates,
} from '@csms/infra';

export interface ClientCertificate {
  readonly cert: string;
  readonly key: string;
}

export interface TestCertificates {
  readonly paths: DevCertificates;
  /** The CA's PEM: what stations trust for wss://, and what client certificates must chain to. */
  readonly ca: string;
  /** A valid client certificate naming the station. */
  station(chargePointId: string): Promise<ClientCertificate>;
  /** Issued by the trusted CA for the station, but its validity ended yesterday. */
  expired(chargePointId: string): Promise<ClientCertificate>;
  /** Naming the station, from a CA the gateway was not told about. */
  untrusted(chargePointId: string): Promise<ClientCertificate>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function createTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'csms-gateway-tls-'));
  // A CA made a week ago, so that a station certificate that expired yesterday still falls within its validity.
  const paths = await ensureDevCertificates(dir, { hostname: 'localhost', now: new Date(Date.now() - 7 * DAY_MS) });
  const [certificatePem, privateKeyPem] = await Promise.all([readFile(paths.caPath, 'utf8'), readFile(paths.caKeyPath, 'utf8')]);
  const ca = await loadCertificateAuthority({ certificatePem, privateKeyPem });
  const foreign = await createDevelopmentCa({ commonName: 'Someone Else CA', validityDays: 30, now: new Date() });
  const pair = ({ certificatePem: cert, privateKeyPem: key }: { certificatePem: string; privateKeyPem: string }) => ({ cert, key });
  return {
    paths,
    ca: certificatePem,
    station: async (chargePointId) => pair(await issueStationCertificate(ca, { chargePointId, validityDays: 30, now: new Date() })),
    expired: async (chargePointId) => pair(await issueStationCertificate(ca, {
      chargePointId, validityDays: 1, now: new Date(Date.now() - 2 * DAY_MS),
    })),
    untrusted: async (chargePointId) => pair(await issueStationCertificate(foreign, { chargePointId, validityDays: 30, now: new Date() })),
  };
}
