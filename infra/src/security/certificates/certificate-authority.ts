// A certificate authority the CSMS signs with: a development CA it creates itself, or the one
// an operator configures (CSMS_STATION_CA_CERT / CSMS_STATION_CA_KEY), checked once when loaded.
import { readFile } from 'node:fs/promises';
import { CertificateError } from './certificate-errors.ts';
import { generateP256Keys, importCaSigningKey, p256SigningKey, privateKeyPem, type SigningKey } from './signing-keys.ts';
import { validity } from './validity.ts';
import {
  BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension, SubjectKeyIdentifierExtension, X509Certificate,
  X509CertificateGenerator,
} from './x509-library.ts';

export interface CertificateAuthority {
  readonly certificate: X509Certificate;
  /** Ends with a newline. */
  readonly certificatePem: string;
  readonly signingKey: SigningKey;
}

/** A CA the CSMS created, with its private key to store. */
export interface CreatedCertificateAuthority extends CertificateAuthority {
  readonly privateKeyPem: string;
}

export interface DevelopmentCaOptions {
  readonly commonName: string;
  readonly validityDays: number;
  readonly now: Date;
}

export function pemText(certificate: X509Certificate): string {
  return `${certificate.toString('pem').trim()}\n`;
}

/** Self-signed, ECDSA P-256, CA:true (may sign end-entity certificates only), keyCertSign and cRLSign. */
export async function createDevelopmentCa(options: DevelopmentCaOptions): Promise<CreatedCertificateAuthority> {
  const keys = await generateP256Keys();
  const signingKey = p256SigningKey(keys);
  const certificate = await X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [options.commonName] }],
    keys,
    signingAlgorithm: signingKey.algorithm,
    ...validity(options.now, options.validityDays),
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, certificatePem: pemText(certificate), signingKey, privateKeyPem: await privateKeyPem(keys.privateKey) };
}

function readCaCertificate(pem: string): X509Certificate {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    throw new CertificateError('CA_UNREADABLE', 'the CA certificate is not a PEM X.509 certificate', { cause: error });
  }
  // RFC 5280 §4.2.1.9 and §4.2.1.3: only a CA certificate with keyCertSign may sign certificates.
  const constraints = certificate.getExtension(BasicConstraintsExtension);
  const usages = certificate.getExtension(KeyUsagesExtension);
  if (constraints?.ca !== true || (usages !== null && (usages.usages & KeyUsageFlags.keyCertSign) === 0)) {
    throw new CertificateError('CA_NOT_A_CA', `${certificate.subject} is not a CA certificate (basicConstraints CA:true, keyCertSign)`);
  }
  return certificate;
}

/** A configured CA from its PEM texts: the certificate must be a CA's and the key must be its own. */
export async function loadCertificateAuthority(pems: { certificatePem: string; privateKeyPem: string }): Promise<CertificateAuthority> {
  const certificate = readCaCertificate(pems.certificatePem);
  const signingKey = await importCaSigningKey(pems.privateKeyPem, certificate);
  return { certificate, certificatePem: pemText(certificate), signingKey };
}

/** loadCertificateAuthority from the files at these paths. */
export async function readCertificateAuthority(paths: { certPath: string; keyPath: string }): Promise<CertificateAuthority> {
  const read = async (path: string): Promise<string> => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new CertificateError('CA_UNREADABLE', `cannot read ${path}`, { cause: error });
    }
  };
  return loadCertificateAuthority({ certificatePem: await read(paths.certPath), privateKeyPem: await read(paths.keyPath) });
}
