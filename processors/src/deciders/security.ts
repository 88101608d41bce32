// What a station tells the CSMS about its own security (OCPP 1.6 Security Whitepaper, edition 3;
// OCPP 2.0.1 block A, which the whitepaper took its messages from): the security events it logs
// (use case A04) and the certificate signing requests it sends (A02/A03). Each message is
// answered on its own, so the decider keeps no state and costs no snapshot; its facts go to
// csms.security.
import type {
  CertificateSigningRefused, CertificateSigningRequested, Ocpp16, Ocpp201, SecurityEventReported,
} from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp, type FrameMeta, type ProcessorSettings } from './context.ts';
import { replyWith, type Replied } from './reply.ts';
import type { Versioned } from './versioned-payload.ts';

export type SecurityCommand =
  | ({ readonly type: 'SecurityEventNotification'; readonly frame: FrameMeta }
    & Versioned<Ocpp16.SecurityEventNotificationRequest, Ocpp201.SecurityEventNotificationRequest>)
  | ({
    readonly type: 'SignCertificate'; readonly frame: FrameMeta;
    readonly settings: ProcessorSettings;
    /** The security profile the connection the CSR came on proved at its upgrade; null when unknown. */
    readonly connectionProfile: number | null;
  } & Versioned<Ocpp16.SignCertificateRequest, Ocpp201.SignCertificateRequest>);

export type SecurityDeciderEvent = SecurityEventReported | CertificateSigningRequested | CertificateSigningRefused | Replied;

/** Nothing to remember between messages. */
export type SecurityState = null;

/** Why a CSR was refused before it reached the signer (the signer's own reasons are in the contract). */
export const NO_CERTIFICATE_AUTHORITY = 'NO_CERTIFICATE_AUTHORITY';
export const CONNECTION_NOT_AUTHENTICATED = 'CONNECTION_NOT_AUTHENTICATED';
export const CERTIFICATE_TYPE_NOT_SUPPORTED = 'CERTIFICATE_TYPE_NOT_SUPPORTED';

/**
 * A CSR is signed only when it came over a connection that proved who the station is and is
 * encrypted: TLS with a password (profile 2) or a client certificate (3). Anything less, and
 * whoever opened a socket under the station's identity (profile 0, an unknown station under the
 * accept or pending policy) would get a profile-3 certificate for it (1.6 Security Whitepaper:
 * certificates are for profile 3, reached from 2).
 */
function isAuthenticated(profile: number | null): boolean {
  return profile === 2 || profile === 3;
}

/**
 * Unique per request and the same on every replay of the frame: a station's identity holds no
 * '/', and `at` is digits, so the messageId (which the station chose) is whatever follows.
 */
export function signingRequestId(frame: FrameMeta): string {
  return `${frame.chargePointId}/${frame.at}/${frame.messageId}`;
}

/** The two versions' requests have the same fields (2.0.1 adds only customData). */
function securityEvent(frame: FrameMeta, payload: Ocpp16.SecurityEventNotificationRequest | Ocpp201.SecurityEventNotificationRequest): SecurityDeciderEvent[] {
  return [
    {
      type: 'SecurityEventReported', chargePointId: frame.chargePointId, at: frame.at, eventType: payload.type,
      timestamp: parseTimestamp(payload.timestamp), techInfo: payload.techInfo ?? null,
    },
    ...replyWith(frame, {}),
  ];
}

type SignCertificateCommand = Extract<SecurityCommand, { type: 'SignCertificate' }>;

/**
 * The CA signs certificates for the station's connection to the CSMS. A 2.0.1 station may ask for
 * its ISO 15118 certificate too (A02/A03, certificateType V2GCertificate), which belongs to the V2G
 * PKI, not to this CA.
 */
function isStationCertificate(command: SignCertificateCommand): boolean {
  return command.protocol !== 'ocpp2.0.1' || command.payload.certificateType !== 'V2GCertificate';
}

function refusalOf(command: SignCertificateCommand): string | null {
  if (!command.settings.certificateSigning) return NO_CERTIFICATE_AUTHORITY;
  if (!isAuthenticated(command.connectionProfile)) return CONNECTION_NOT_AUTHENTICATED;
  return isStationCertificate(command) ? null : CERTIFICATE_TYPE_NOT_SUPPORTED;
}

/**
 * Accepted means only that the CSMS will try: the signer checks the CSR and sends the certificate
 * with CertificateSigned, or records why it would not. Without a CA, over a connection that did
 * not authenticate, or for a certificate this CA does not issue, the answer is Rejected, and the
 * attempt is still recorded for the operator. Both versions answer {status}.
 */
function signCertificate(command: SignCertificateCommand): SecurityDeciderEvent[] {
  const { frame, payload } = command;
  const base = { chargePointId: frame.chargePointId, at: frame.at, requestId: signingRequestId(frame) };
  const refusal = refusalOf(command);
  if (refusal !== null) {
    return [
      { type: 'CertificateSigningRefused', ...base, reason: refusal },
      ...replyWith(frame, { status: 'Rejected' }),
    ];
  }
  return [
    { type: 'CertificateSigningRequested', ...base, csr: payload.csr },
    ...replyWith(frame, { status: 'Accepted' }),
  ];
}

function decide(command: SecurityCommand, _state: SecurityState): readonly SecurityDeciderEvent[] {
  switch (command.type) {
    case 'SecurityEventNotification':
      return securityEvent(command.frame, command.payload);
    case 'SignCertificate':
      return signCertificate(command);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

export const securityDecider: Decider<SecurityCommand, SecurityDeciderEvent, SecurityState> = {
  name: 'security', initialState: null, decide, evolve: (state) => state,
};
