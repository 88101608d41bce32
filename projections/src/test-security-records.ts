// Realistic records of the 'security' topic, one of each type, shared by the unit and
// integration tests.
import type {
  CertificateIssued, CertificateSigningRefused, CertificateSigningRequested, ConnectionReplaced, SecurityEventReported,
  SecurityRecord, StationAuthenticationRefused,
} from '@csms/contracts';
import { T0 } from './test-events.ts';

export const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBszCCARwCAQAwczELMAkGA1UEBhMCTkwx\n-----END CERTIFICATE REQUEST-----\n';

export function authenticationRefused(chargePointId: string, at: number, reason = 'WRONG_PASSWORD'): StationAuthenticationRefused {
  return {
    type: 'StationAuthenticationRefused', chargePointId, at, node: 1, remoteAddress: '203.0.113.9', reason,
    detail: 'basic auth password does not match', presentedProfile: 1, requiredProfile: 2,
  };
}

export function connectionReplaced(chargePointId: string, at: number): ConnectionReplaced {
  return {
    type: 'ConnectionReplaced', chargePointId, at, node: 0, connectionId: `${chargePointId}-c2`, remoteAddress: '10.0.0.8',
    previousConnectionId: `${chargePointId}-c1`, previousRemoteAddress: '10.0.0.7', presentedProfile: 2,
  };
}

export function securityEvent(chargePointId: string, at: number, eventType = 'InvalidCentralSystemCertificate', techInfo: string | null = 'CN mismatch'): SecurityEventReported {
  return { type: 'SecurityEventReported', chargePointId, at, eventType, timestamp: at - 2_000, techInfo };
}

export function signingRequested(chargePointId: string, at: number): CertificateSigningRequested {
  return { type: 'CertificateSigningRequested', chargePointId, at, requestId: `${chargePointId}/${at}/m-csr`, csr: CSR };
}

export function certificateIssued(chargePointId: string, at: number, requestedAt: number): CertificateIssued {
  return {
    type: 'CertificateIssued', chargePointId, at, requestId: `${chargePointId}/${requestedAt}/m-csr`, commandId: 'cmd-cert-1',
    serialNumber: '4F2A91', subject: `CN=${chargePointId},O=Example CPO`, notAfter: T0 + 365 * 86_400_000,
  };
}

export function signingRefused(chargePointId: string, at: number, requestedAt: number, reason = 'CN_MISMATCH'): CertificateSigningRefused {
  return { type: 'CertificateSigningRefused', chargePointId, at, requestId: `${chargePointId}/${requestedAt}/m-csr`, reason };
}

/** What the integration tests fold, in 'security' order: every type, on two stations. */
export function securityRecordSequence(): SecurityRecord[] {
  return [
    authenticationRefused('CP-A', T0 + 500),
    connectionReplaced('CP-A', T0 + 20_000),
    securityEvent('CP-A', T0 + 30_000),
    signingRequested('CP-A', T0 + 31_000),
    certificateIssued('CP-A', T0 + 31_500, T0 + 31_000),
    signingRequested('CP-B', T0 + 32_000),
    signingRefused('CP-B', T0 + 32_500, T0 + 32_000),
    securityEvent('CP-B', T0 + 33_000, 'TamperDetectionActivated', null),
  ];
}
