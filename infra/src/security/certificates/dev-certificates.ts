// The TLS files `npm start` serves wss:// with on one machine: a development CA and a server
// certificate for this host, created on the first start and reused afterwards, so stations
// and clients keep trusting the same CA. The server certificate is renewed when it no longer
// chains to the CA or expires within 30 days.
import { mkdir, readFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { CertificateError } from './certificate-errors.ts';
import { createDevelopmentCa, loadCertificateAuthority, type CertificateAuthority } from './certificate-authority.ts';
import { chainsTo } from './certificate-identity.ts';
import { issueServerCertificate } from './issue-certificate.ts';
import { loadTlsMaterial } from './tls-material.ts';
import { fileExists, PRIVATE_FILE_MODE, PUBLIC_FILE_MODE, writeFileAtomically } from './private-files.ts';

export interface DevCertificates {
  /** The server certificate (server.pem). */
  readonly certPath: string;
  /** Its private key (server-key.pem, mode 0600). */
  readonly keyPath: string;
  /** The development CA (ca.pem): stations trust it for wss://, and it signs their certificates. */
  readonly caPath: string;
  /** The CA's private key (ca-key.pem, mode 0600). */
  readonly caKeyPath: string;
}

export interface DevCertificateOptions {
  readonly now?: Date;
  /** The machine's name, certified beside localhost, 127.0.0.1 and ::1. */
  readonly hostname?: string;
}

const CA_VALIDITY_DAYS = 3650;
const SERVER_VALIDITY_DAYS = 365;
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

export function devCertificatePaths(dir: string): DevCertificates {
  return {
    certPath: join(dir, 'server.pem'), keyPath: join(dir, 'server-key.pem'),
    caPath: join(dir, 'ca.pem'), caKeyPath: join(dir, 'ca-key.pem'),
  };
}

async function ensureCa(paths: DevCertificates, now: Date, host: string): Promise<CertificateAuthority> {
  const [haveCert, haveKey] = await Promise.all([fileExists(paths.caPath), fileExists(paths.caKeyPath)]);
  if (haveCert && haveKey) {
    const [certificatePem, privateKeyPem] = await Promise.all([readFile(paths.caPath, 'utf8'), readFile(paths.caKeyPath, 'utf8')]);
    return loadCertificateAuthority({ certificatePem, privateKeyPem });
  }
  // A new CA would silently invalidate every certificate the old one signed.
  if (haveCert || haveKey) {
    throw new CertificateError('CA_UNREADABLE', `${paths.caPath} and ${paths.caKeyPath} go together; restore the missing one or delete both`);
  }
  const ca = await createDevelopmentCa({ commonName: `CSMS Development CA (${host})`, validityDays: CA_VALIDITY_DAYS, now });
  // The key first: a CA certificate without its key is the state refused above.
  await writeFileAtomically(paths.caKeyPath, ca.privateKeyPem, PRIVATE_FILE_MODE);
  await writeFileAtomically(paths.caPath, ca.certificatePem, PUBLIC_FILE_MODE);
  return ca;
}

/** Present, its key beside it, issued by the CA, and valid for a while yet. */
async function serverCertificateUsable(paths: DevCertificates, ca: CertificateAuthority, now: Date): Promise<boolean> {
  const material = await loadTlsMaterial(paths).catch(() => null);
  if (material === null) return false;
  const pem = material.cert;
  return (await chainsTo(pem, ca.certificatePem, now)) && (await chainsTo(pem, ca.certificatePem, new Date(now.getTime() + RENEW_BEFORE_MS)));
}

/** Creates what is missing in `dir` (itself created, mode 0700) and returns the four paths. */
export async function ensureDevCertificates(dir: string, options: DevCertificateOptions = {}): Promise<DevCertificates> {
  const now = options.now ?? new Date();
  const paths = devCertificatePaths(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = options.hostname ?? osHostname();
  const ca = await ensureCa(paths, now, name);
  if (await serverCertificateUsable(paths, ca, now)) return paths;
  const server = await issueServerCertificate(ca, {
    commonName: name, dnsNames: [...new Set(['localhost', name])], ipAddresses: ['127.0.0.1', '::1'],
    validityDays: SERVER_VALIDITY_DAYS, now,
  });
  await writeFileAtomically(paths.keyPath, server.privateKeyPem, PRIVATE_FILE_MODE);
  await writeFileAtomically(paths.certPath, server.certificatePem, PUBLIC_FILE_MODE);
  return paths;
}
