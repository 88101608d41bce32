// Errors of the certificate machinery: a broken configuration (a CA certificate that is not
// a CA or has expired, a key that does not belong to its certificate, unreadable files),
// never a refusal of what a station sent, which is a result (sign-station-csr.ts).
export type CertificateErrorCode =
  | 'CA_UNREADABLE' | 'CA_NOT_A_CA' | 'CA_KEY_MISMATCH' | 'CA_KEY_UNSUPPORTED' | 'CA_EXPIRED' | 'CHAIN_TOO_LONG'
  | 'TLS_MATERIAL_UNREADABLE' | 'TLS_MATERIAL_INVALID';

export class CertificateError extends Error {
  readonly code: CertificateErrorCode;
  readonly retriable = false;

  constructor(code: CertificateErrorCode, message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'CertificateError';
    this.code = code;
  }
}
