// The wss:// listener's server (security profiles 2 and 3), made in one place: TLS 1.2 or newer
// with the cipher suites of the OCPP 1.6 Security Whitepaper ed. 3 §2 (and OCPP 2.0.1 Part 2
// A00.FR.318) plus ECDHE-RSA with AES-GCM and TLS 1.3's, and the same handshake bounds as the
// plain listener. A client certificate is asked for but not required at the TLS layer: a
// station without one, or with one that fails, gets an HTTP status and a security event from
// the upgrade gate instead of a bare TLS alert (auth/presented-credentials.ts reads the result).
import type { RequestListener } from 'node:http';
import type { Server } from 'node:https';
import type { SecureContextOptions } from 'node:tls';
import type { TlsMaterial } from '@csms/infra';
import { createTlsEdgeServer } from './edge-server.ts';

/** OpenSSL names; forward-secret suites first, and the server's order wins. */
const TLS_CIPHERS = [
  // TLS 1.3 (RFC 8446 §9.1 requires TLS_AES_128_GCM_SHA256).
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
  // Whitepaper: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384',
  // Whitepaper: TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_256_GCM_SHA384 (stations with RSA-only stacks).
  'AES128-GCM-SHA256', 'AES256-GCM-SHA384',
].join(':');

/** The parts of the server's TLS set-up that a certificate rotation replaces (server.setSecureContext). */
export function secureContextOptions(material: TlsMaterial): SecureContextOptions {
  const options: SecureContextOptions = {
    cert: material.cert, key: material.key, minVersion: 'TLSv1.2', ciphers: TLS_CIPHERS, honorCipherOrder: true,
  };
  return material.ca === undefined ? options : { ...options, ca: material.ca };
}

/** The TLS handshake, and then the HTTP upgrade request, must each complete within `handshakeTimeoutMs`. */
export function createTlsServer(material: TlsMaterial, handler: RequestListener, handshakeTimeoutMs: number): Server {
  return createTlsEdgeServer(handler, {
    handshakeTimeoutMs,
    tls: {
      ...secureContextOptions(material),
      // Without a CA of our own, node would check client certificates against the public roots:
      // any publicly issued certificate with a station's name as CN would pass. So none is asked for.
      requestCert: material.ca !== undefined,
      rejectUnauthorized: false,
    },
  });
}
