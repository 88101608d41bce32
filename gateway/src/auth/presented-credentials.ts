// What an upgrade request presents to authenticate with, read from its socket and headers:
// whether it came over TLS, the client certificate node's TLS layer checked against
// CSMS_TLS_CA (the server asks for one but does not abort the handshake without it, so a bad
// certificate gets an HTTP status and a security event instead of a bare TLS alert), and HTTP
// Basic credentials (RFC 7617, parsed by the `basic-auth` package).
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import parseBasicAuth from 'basic-auth';
import { commonNameOfPeer } from '@csms/infra';
import type { BasicCredentials, Presented, PresentedCertificate } from './auth-decision.ts';

export function basicCredentialsOf(header: string | undefined): BasicCredentials | 'malformed' | null {
  if (header === undefined || header === '') return null;
  const parsed = parseBasicAuth.parse(header);
  return parsed === undefined ? 'malformed' : { username: parsed.name, password: parsed.pass };
}

/** node sets a string code (CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE…) although its types say Error. */
function verificationError(socket: TLSSocket): string {
  const error: unknown = socket.authorizationError;
  if (typeof error === 'string') return error;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return 'UNVERIFIED';
}

function certificateOf(socket: TLSSocket): PresentedCertificate | null {
  const peer = socket.getPeerCertificate();
  // An empty object when the client sent no certificate.
  if (peer === null || peer === undefined || Object.keys(peer).length === 0) return null;
  return socket.authorized ? { verified: true, commonName: commonNameOfPeer(peer) } : { verified: false, error: verificationError(socket) };
}

export function presentedOf(chargePointId: string, socket: Socket | null, authorization: string | undefined): Presented {
  const tls = socket instanceof TLSSocket;
  return {
    chargePointId, tls, certificate: tls ? certificateOf(socket) : null, basic: basicCredentialsOf(authorization),
  };
}
