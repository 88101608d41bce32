// What a station tells the CSMS about its own security (OCPP 1.6 Security Whitepaper, edition 3):
// the security events it logs (use case A04) and the certificate signing requests it sends
// (A02/A03). Each message is answered on its own, so the decider keeps no state and costs no
// snapshot; its facts go to csms.security.
import type {
  CertificateSigningRefused, CertificateSigningRequested, Ocpp16, SecurityEventReported,
} from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp, type FrameMeta, type ProcessorSettings } from './context.ts';
import { replyWith, type Replied } from './reply.ts';

export type SecurityCommand =
  | { readonly type: 'SecurityEventNotification'; readonly frame: FrameMeta; readonly payload: Ocpp16.SecurityEventNotificationRequest }
  | {
    readonly type: 'SignCertificate'; readonly frame: FrameMeta; readonly payload: Ocpp16.SignCertificateRequest;
    readonly settings: ProcessorSettings;
    /** The security profile the connection the CSR came on proved at its upgrade; null when unknown. */
    readonly connectionProfile: number | null;
  };

export type SecurityDeciderEvent = SecurityEventReported | CertificateSigningRequested | CertificateSigningRefused | Replied;

/** Nothing to remember between messages. */
export type SecurityState = null;

/** Why a CSR was refused before it reached the signer (the signer's own reasons are in the contract). */
export const NO_CERTIFICATE_AUTHORITY = 'NO_CERTIFICATE_AUTHORITY';
export const CONNECTION_NOT_AUTHENTICATED = 'CONNECTION_NOT_AUTHENTICATED';

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

function securityEvent(frame: FrameMeta, payload: Ocpp16.SecurityEventNotificationRequest): SecurityDeciderEvent[] {
  return [
    {
      type: 'SecurityEventReported', chargePointId: frame.chargePointId, at: frame.at, eventType: payload.type,
      timestamp: parseTimestamp(payload.timestamp), techInfo: payload.techInfo ?? null,
    },
    ...replyWith(frame, {}),
  ];
}

/**
 * Accepted means only that the CSMS will try: the signer checks the CSR and sends the certificate
 * with CertificateSigned, or records why it would not. Without a CA, or over a connection that
 * did not authenticate, the answer is Rejected, and the attempt is still recorded for the operator.
 */
function signCertificate(command: Extract<SecurityCommand, { type: 'SignCertificate' }>): SecurityDeciderEvent[] {
  const { frame, payload, settings } = command;
  const base = { chargePointId: frame.chargePointId, at: frame.at, requestId: signingRequestId(frame) };
  const refusal = !settings.certificateSigning ? NO_CERTIFICATE_AUTHORITY
    : !isAuthenticated(command.connectionProfile) ? CONNECTION_NOT_AUTHENTICATED : null;
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
