// `npm run station-cert -- --id CP001 [--out DIR] [--ca-cert PATH --ca-key PATH] [--days N]`:
// a client certificate for trying security profile 3, signed by the development CA that
// `npm start` keeps in <data dir>/tls (created here if it does not exist yet) or by the CA named.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ensureDevCertificates, issueStationCertificate, PRIVATE_FILE_MODE, PUBLIC_FILE_MODE, readCertificateAuthority, writeFileAtomically,
} from '../src/security/certificates/index.ts';
import { dataDir } from './stack/paths.ts';

/**
 * The identity is the CN and part of the file names: the characters a URL path segment carries
 * unescaped (RFC 3986 "unreserved"), at most 64 (RFC 5280 ub-common-name).
 */
const IDENTITY = /^[A-Za-z0-9._~-]{1,64}$/;

const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    // npm runs scripts from the repository root; INIT_CWD is where the command was typed.
    out: { type: 'string', default: process.env.INIT_CWD ?? process.cwd() },
    'ca-cert': { type: 'string' },
    'ca-key': { type: 'string' },
    days: { type: 'string', default: '365' },
  },
});

function fail(message: string): never {
  console.error(`${message}\nusage: npm run station-cert -- --id CP001 [--out DIR] [--ca-cert PATH --ca-key PATH] [--days N]`);
  process.exit(2);
}

async function caPaths(): Promise<{ certPath: string; keyPath: string }> {
  const [certPath, keyPath] = [values['ca-cert'], values['ca-key']];
  if (certPath !== undefined && keyPath !== undefined) return { certPath: resolve(certPath), keyPath: resolve(keyPath) };
  if (certPath !== undefined || keyPath !== undefined) fail('--ca-cert and --ca-key go together');
  const dev = await ensureDevCertificates(join(dataDir, 'tls'));
  return { certPath: dev.caPath, keyPath: dev.caKeyPath };
}

const id = values.id ?? fail('--id is required');
if (!IDENTITY.test(id)) fail(`--id must be 1 to 64 of A-Z a-z 0-9 . _ ~ -, not ${JSON.stringify(id)}`);
const days = Number(values.days);
if (!Number.isInteger(days) || days < 1 || days > 3650) fail('--days must be a whole number from 1 to 3650');

try {
  const ca = await caPaths();
  const authority = await readCertificateAuthority(ca);
  const issued = await issueStationCertificate(authority, { chargePointId: id, validityDays: days, now: new Date() });
  const out = resolve(values.out);
  await mkdir(out, { recursive: true });
  const certPath = join(out, `${id}.pem`);
  const keyPath = join(out, `${id}-key.pem`);
  await writeFileAtomically(keyPath, issued.privateKeyPem, PRIVATE_FILE_MODE);
  await writeFileAtomically(certPath, issued.certificatePem, PUBLIC_FILE_MODE);
  console.log(`wrote ${certPath}
      ${keyPath} (private key, mode 0600)
CN=${id}, serial ${issued.serialNumber}, valid until ${issued.notAfter.toISOString()}, signed by ${ca.certPath}

Security profile 3: give the station
  its client certificate and key:  ${certPath}  ${keyPath}
  the CA that its wss:// server is checked against:  ${ca.certPath}
and connect to  wss://<csms-host>:<gateway TLS port>/ocpp/${id}
The gateway accepts the certificate when it chains to its CSMS_TLS_CA and its CN is the id in the URL.`);
} catch (error) {
  const code = typeof error === 'object' && error !== null && 'code' in error ? ` (${String(error.code)})` : '';
  console.error(`station-cert failed${code}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
