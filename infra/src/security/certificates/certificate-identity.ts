// Who a certificate names and who vouches for it. Security profile 3: the station's client
// certificate must chain to the configured CA and its subject CN must equal the identity in
// the URL (OCPP 1.6 Security Whitepaper ed. 3, "Security Profile 3"). A certificate naming
// several CNs names no one.
import { X509Certificate } from './x509-library.ts';

/** What commonNameOfPeer reads of a `tls.PeerCertificate`. */
export interface PeerSubject {
  /** node's type says string; a subject with several CNs comes as an array. */
  readonly subject?: { readonly CN?: string | readonly string[] };
}

/**
 * The single subject CN of a TLS peer's certificate (`socket.getPeerCertificate()`), or null
 * when there is none, several, or no certificate at all (node gives `{}` then).
 */
export function commonNameOfPeer(peer: PeerSubject | null | undefined): string | null {
  const value = peer?.subject?.CN;
  return typeof value === 'string' ? value : null;
}

function parseCertificate(pem: string): X509Certificate | null {
  try {
    return new X509Certificate(pem);
  } catch {
    return null;
  }
}

/** The single subject CN of a PEM certificate (the first one in the text), or null. */
export function commonNameOfPem(pem: string): string | null {
  const certificate = parseCertificate(pem);
  if (certificate === null) return null;
  try {
    const names = certificate.subjectName.getField('CN');
    return names.length === 1 ? (names[0] ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * Whether the certificate was issued by the CA: issuer name, signature by the CA's key, and
 * both valid at `at`. One level only, as the CSMS's own CAs sign station certificates directly.
 */
export async function chainsTo(certificatePem: string, caPem: string, at: Date): Promise<boolean> {
  const certificate = parseCertificate(certificatePem);
  const ca = parseCertificate(caPem);
  if (certificate === null || ca === null) return false;
  if (certificate.issuer !== ca.subject || ca.notBefore > at || ca.notAfter < at) return false;
  try {
    return await certificate.verify({ publicKey: ca, date: at });
  } catch {
    return false;
  }
}
