// End-entity certificates signed by a CA: the CSMS's TLS server certificate (security
// profiles 2 and 3) and station client certificates (profile 3), each with a fresh P-256 key,
// plus the common step that also signs station CSRs.
import type { CertificateAuthority } from './certificate-authority.ts';
import { pemText } from './certificate-authority.ts';
import { CertificateError } from './certificate-errors.ts';
import { generateP256Keys, privateKeyPem } from './signing-keys.ts';
import { validity } from './validity.ts';
import {
  AuthorityKeyIdentifierExtension, BasicConstraintsExtension, ExtendedKeyUsage, ExtendedKeyUsageExtension, KeyUsageFlags,
  KeyUsagesExtension, SubjectAlternativeNameExtension, SubjectKeyIdentifierExtension, X509CertificateGenerator,
  type Extension, type JsonGeneralName, type JsonName, type PublicKeyType, type X509Certificate,
} from './x509-library.ts';

export type LeafUsage = 'server' | 'client';

export interface LeafSpec {
  readonly subject: JsonName;
  readonly publicKey: PublicKeyType;
  readonly usage: LeafUsage;
  readonly altNames?: readonly JsonGeneralName[];
  readonly validityDays: number;
  readonly now: Date;
}

/** A certificate with the private key created for it. */
export interface IssuedCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly serialNumber: string;
  readonly notAfter: Date;
}

export interface ServerCertificateOptions {
  readonly commonName: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly validityDays: number;
  readonly now: Date;
}

export interface StationCertificateOptions {
  readonly chargePointId: string;
  readonly validityDays: number;
  readonly now: Date;
}

/** Links the leaf to the CA's key the way the CA names it itself (RFC 5280 §4.2.1.1). */
async function authorityKeyIdentifier(ca: CertificateAuthority): Promise<AuthorityKeyIdentifierExtension> {
  const own = ca.certificate.getExtension(SubjectKeyIdentifierExtension);
  return own === null ? AuthorityKeyIdentifierExtension.create(ca.certificate.publicKey) : new AuthorityKeyIdentifierExtension(own.keyId);
}

/** CA:false, digitalSignature (all TLS 1.2 ECDHE and TLS 1.3 need), and the one TLS role the leaf is for. */
async function leafExtensions(ca: CertificateAuthority, spec: LeafSpec): Promise<Extension[]> {
  const role = spec.usage === 'server' ? ExtendedKeyUsage.serverAuth : ExtendedKeyUsage.clientAuth;
  const extensions: Extension[] = [
    new BasicConstraintsExtension(false, undefined, true),
    new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
    new ExtendedKeyUsageExtension([role]),
    await SubjectKeyIdentifierExtension.create(spec.publicKey),
    await authorityKeyIdentifier(ca),
  ];
  if (spec.altNames !== undefined && spec.altNames.length > 0) extensions.push(new SubjectAlternativeNameExtension([...spec.altNames]));
  return extensions;
}

/** Signs a leaf; the serial number is the library's default, 128 random bits (RFC 5280 §4.1.2.2, CA/B BR 7.1). */
export async function issueLeaf(ca: CertificateAuthority, spec: LeafSpec): Promise<X509Certificate> {
  const { notBefore, notAfter } = ca.certificate;
  if (spec.now < notBefore || spec.now >= notAfter) {
    throw new CertificateError('CA_EXPIRED', `${ca.certificate.subject} is valid from ${notBefore.toISOString()} to ${notAfter.toISOString()}, not at ${spec.now.toISOString()}`);
  }
  return X509CertificateGenerator.create({
    subject: spec.subject,
    issuer: ca.certificate.subjectName,
    publicKey: spec.publicKey,
    signingKey: ca.signingKey.key,
    signingAlgorithm: ca.signingKey.algorithm,
    ...validity(spec.now, spec.validityDays, ca.certificate.notAfter),
    extensions: await leafExtensions(ca, spec),
  });
}

async function issueWithNewKey(ca: CertificateAuthority, spec: Omit<LeafSpec, 'publicKey'>): Promise<IssuedCertificate> {
  const keys = await generateP256Keys();
  const certificate = await issueLeaf(ca, { ...spec, publicKey: keys.publicKey });
  return {
    certificatePem: pemText(certificate), privateKeyPem: await privateKeyPem(keys.privateKey),
    serialNumber: certificate.serialNumber, notAfter: certificate.notAfter,
  };
}

/** serverAuth, with the names clients check against (RFC 6125: the subjectAltName, not the CN). */
export function issueServerCertificate(ca: CertificateAuthority, options: ServerCertificateOptions): Promise<IssuedCertificate> {
  const altNames: JsonGeneralName[] = [
    ...options.dnsNames.map((value): JsonGeneralName => ({ type: 'dns', value })),
    ...options.ipAddresses.map((value): JsonGeneralName => ({ type: 'ip', value })),
  ];
  return issueWithNewKey(ca, {
    subject: [{ CN: [options.commonName] }], usage: 'server', altNames, validityDays: options.validityDays, now: options.now,
  });
}

/** clientAuth for security profile 3: the subject CN is the station identity the gateway compares with the URL. */
export function issueStationCertificate(ca: CertificateAuthority, options: StationCertificateOptions): Promise<IssuedCertificate> {
  return issueWithNewKey(ca, {
    subject: [{ CN: [options.chargePointId] }], usage: 'client', validityDays: options.validityDays, now: options.now,
  });
}
