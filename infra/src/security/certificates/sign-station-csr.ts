// The CSMS's side of "Install/Update Charge Point certificate" (OCPP 1.6 Security Whitepaper
// ed. 3, use cases A02/A03): a station's SignCertificate CSR becomes the certificate chain of
// CertificateSigned, or a refusal with a stable reason. Everything in the CSR is hostile:
// any input yields a result, never an exception.
import type { CertificateAuthority } from './certificate-authority.ts';
import { pemText } from './certificate-authority.ts';
import { CertificateError } from './certificate-errors.ts';
import { issueLeaf } from './issue-certificate.ts';
import { keyStrength } from './key-strength.ts';
import { Pkcs10CertificateRequest, type JsonName } from './x509-library.ts';

export type CsrRefusalReason = 'CSR_UNREADABLE' | 'CSR_SIGNATURE_INVALID' | 'CN_MISMATCH' | 'KEY_TOO_WEAK';

export type CsrSigningResult =
  | {
    readonly outcome: 'issued';
    /** PEM, the leaf then the CA (CertificateSigned.req certificateChain, leaf first). */
    readonly certificateChain: string;
    /** Hex. */
    readonly serialNumber: string;
    readonly subject: string;
    readonly notAfter: Date;
  }
  | { readonly outcome: 'refused'; readonly reason: CsrRefusalReason; readonly detail: string };

export interface SignStationCsrOptions {
  readonly authority: CertificateAuthority;
  /** SignCertificate.req csr: PEM PKCS#10 (RFC 2986). */
  readonly csr: string;
  /** The identity the station connected with: the only CN it may ask for. */
  readonly chargePointId: string;
  readonly validityDays: number;
  readonly now: Date;
}

/** SignCertificate.req csr is string[0..5500]; nothing longer is read. */
export const CSR_MAX_LENGTH = 5500;
/** CertificateSigned.req certificateChain is string[0..10000]. */
export const CERTIFICATE_CHAIN_MAX_LENGTH = 10_000;
/** RFC 5280 Appendix A: ub-common-name and ub-organization-name. */
const NAME_MAX_LENGTH = 64;
/** Text that goes on into events is checked like every text from a station (DESIGN: the trust boundary). */
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;

type Refusal = Extract<CsrSigningResult, { outcome: 'refused' }>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function refuse(reason: CsrRefusalReason, detail: string): Refusal {
  return { outcome: 'refused', reason, detail };
}

function parse(csr: string): Pkcs10CertificateRequest | Refusal {
  if (csr.length > CSR_MAX_LENGTH) return refuse('CSR_UNREADABLE', `longer than ${CSR_MAX_LENGTH} characters`);
  try {
    // The library's default ASN.1 limits (depth, node count, length) bound the work on hostile DER.
    return new Pkcs10CertificateRequest(csr);
  } catch (error) {
    return refuse('CSR_UNREADABLE', `not a PKCS#10 request: ${messageOf(error)}`);
  }
}

/** The proof that the station holds the key it asks a certificate for (RFC 2986 §3). */
async function signatureProblem(request: Pkcs10CertificateRequest): Promise<Refusal | null> {
  try {
    return (await request.verify()) ? null : refuse('CSR_SIGNATURE_INVALID', 'the signature does not match the request');
  } catch (error) {
    // WebCrypto verifies RSA, ECDSA on P-256/P-384/P-521 and Ed25519; anything else is a key we cannot check.
    return refuse('CSR_UNREADABLE', `cannot verify its signature: ${messageOf(error)}`);
  }
}

/**
 * The leaf's subject: the station's identity as its CN and, if present, the O the whitepaper
 * asks stations to fill with CpoName. Nothing else the station wrote is certified.
 */
function leafSubject(request: Pkcs10CertificateRequest, chargePointId: string): JsonName | Refusal {
  const commonNames = request.subjectName.getField('CN');
  if (commonNames.length !== 1 || commonNames[0] !== chargePointId) {
    return refuse('CN_MISMATCH', `subject CN ${JSON.stringify(commonNames)} is not ${JSON.stringify(chargePointId)}`);
  }
  const organizations = request.subjectName.getField('O');
  if (organizations.length > 1 || organizations.some((o) => o.length > NAME_MAX_LENGTH || CONTROL_OR_LONE_SURROGATE.test(o))) {
    return refuse('CSR_UNREADABLE', 'more than one organization name, or one longer than 64 characters or with control characters');
  }
  return [...organizations.map((o) => ({ O: [o] })), { CN: [chargePointId] }];
}

type Checked = { readonly request: Pkcs10CertificateRequest; readonly subject: JsonName } | Refusal;

async function checkParsed(options: SignStationCsrOptions): Promise<Checked> {
  const request = parse(options.csr);
  if (!(request instanceof Pkcs10CertificateRequest)) return request;
  const strength = keyStrength(request.publicKey.rawData);
  if (strength.verdict === 'weak') return refuse('KEY_TOO_WEAK', `${strength.description} is below RSA 2048 / EC 224 bits`);
  if (strength.verdict === 'unsupported') return refuse('CSR_UNREADABLE', `unsupported key: ${strength.description}`);
  const signature = await signatureProblem(request);
  if (signature !== null) return signature;
  const subject = leafSubject(request, options.chargePointId);
  return Array.isArray(subject) ? { request, subject } : subject;
}

/** The library reads some parts of the request lazily; whatever it cannot read is unreadable, not a crash. */
async function check(options: SignStationCsrOptions): Promise<Checked> {
  try {
    return await checkParsed(options);
  } catch (error) {
    return refuse('CSR_UNREADABLE', `unreadable request: ${messageOf(error)}`);
  }
}

/**
 * Issues a clientAuth certificate for the CSR's key, or refuses it. Only the key comes from the
 * CSR: extensions it requests (CA:true, other names) are ignored.
 */
export async function signStationCsr(options: SignStationCsrOptions): Promise<CsrSigningResult> {
  const checked = await check(options);
  if ('outcome' in checked) return checked;
  const leaf = await issueLeaf(options.authority, {
    subject: checked.subject, publicKey: checked.request.publicKey, usage: 'client',
    validityDays: options.validityDays, now: options.now,
  });
  const certificateChain = pemText(leaf) + options.authority.certificatePem;
  // The leaf's size is bounded by the CSR's; only an outsized CA certificate gets here.
  if (certificateChain.length > CERTIFICATE_CHAIN_MAX_LENGTH) {
    throw new CertificateError('CHAIN_TOO_LONG', `the certificate chain has ${certificateChain.length} characters; CertificateSigned allows ${CERTIFICATE_CHAIN_MAX_LENGTH}`);
  }
  return { outcome: 'issued', certificateChain, serialNumber: leaf.serialNumber, subject: leaf.subject, notAfter: leaf.notAfter };
}
