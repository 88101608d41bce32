// What the certificate authority makes of one csms.security record: a
// CertificateSigningRequested becomes either the CertificateSigned command that carries the
// new chain to the station (OCPP 1.6 Security Whitepaper ed. 3, A02/A03: SignCertificate,
// then CertificateSigned) with the CertificateIssued fact, or a CertificateSigningRefused.
// Every other record is none of its business. Times come from the request, not the clock.
import type { CertificateIssued, CertificateSigningRefused, CertificateSigningRequested, CommandRequested, SecurityRecord } from '@csms/contracts';
import { signStationCsr, type CertificateAuthority } from '@csms/infra';
import { v5 as uuidV5 } from 'uuid';

export interface SignerSettings {
  readonly authority: CertificateAuthority;
  readonly validityDays: number;
}

export type SignerOutput =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'issued'; readonly command: CommandRequested; readonly issued: CertificateIssued }
  | { readonly kind: 'refused'; readonly refused: CertificateSigningRefused; readonly detail: string };

/** The namespace of the name-based UUIDs (RFC 9562 §5.5) of the commands the certificate authority requests. */
const COMMAND_ID_NAMESPACE = '6bf4a671-a14e-42bb-bf33-e6b1e0364236';
/** How long the station has to answer CertificateSigned. */
const COMMAND_TIMEOUT_SECONDS = 60;
export const REQUESTED_BY = 'csms:certificate-authority';

/**
 * The CertificateSigned command's id, the same on every attempt at the request, so a retried
 * signing can never become a second command; also its OCPP message id, which it fits (36 characters).
 */
export function certificateCommandId(request: Pick<CertificateSigningRequested, 'chargePointId' | 'requestId'>): string {
  return uuidV5(`${request.chargePointId}\n${request.requestId}`, COMMAND_ID_NAMESPACE);
}

export async function signRequest(record: SecurityRecord, settings: SignerSettings): Promise<SignerOutput> {
  if (record.type !== 'CertificateSigningRequested') return { kind: 'ignored' };
  const { chargePointId, at, requestId } = record;
  const result = await signStationCsr({
    authority: settings.authority, csr: record.csr, chargePointId, validityDays: settings.validityDays, now: new Date(at),
  });
  if (result.outcome === 'refused') {
    return { kind: 'refused', detail: result.detail, refused: { type: 'CertificateSigningRefused', chargePointId, at, requestId, reason: result.reason } };
  }
  const commandId = certificateCommandId(record);
  return {
    kind: 'issued',
    command: {
      type: 'CommandRequested', chargePointId, at, commandId, action: 'CertificateSigned',
      payload: JSON.stringify({ certificateChain: result.certificateChain }), timeoutSeconds: COMMAND_TIMEOUT_SECONDS, requestedBy: REQUESTED_BY,
    },
    issued: {
      type: 'CertificateIssued', chargePointId, at, requestId, commandId,
      serialNumber: result.serialNumber, subject: result.subject, notAfter: result.notAfter.getTime(),
    },
  };
}
