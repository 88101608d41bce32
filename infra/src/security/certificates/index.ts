export { CertificateError, type CertificateErrorCode } from './certificate-errors.ts';
export {
  createDevelopmentCa, loadCertificateAuthority, readCertificateAuthority,
  type CertificateAuthority, type CreatedCertificateAuthority, type DevelopmentCaOptions,
} from './certificate-authority.ts';
export {
  issueServerCertificate, issueStationCertificate,
  type IssuedCertificate, type ServerCertificateOptions, type StationCertificateOptions,
} from './issue-certificate.ts';
export {
  signStationCsr, CERTIFICATE_CHAIN_MAX_LENGTH, CSR_MAX_LENGTH,
  type CsrRefusalReason, type CsrSigningResult, type SignStationCsrOptions,
} from './sign-station-csr.ts';
export { chainsTo, commonNameOfPeer, commonNameOfPem, type PeerSubject } from './certificate-identity.ts';
export { loadTlsMaterial, type TlsMaterial, type TlsMaterialPaths } from './tls-material.ts';
export { watchTlsMaterial, type TlsMaterialWatch, type TlsMaterialWatchOptions } from './tls-material-watch.ts';
export { ensureDevCertificates, devCertificatePaths, type DevCertificates, type DevCertificateOptions } from './dev-certificates.ts';
export { writeFileAtomically, PRIVATE_FILE_MODE, PUBLIC_FILE_MODE } from './private-files.ts';
