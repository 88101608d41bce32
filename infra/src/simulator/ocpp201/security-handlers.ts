// Block A as a station answers it: installing, listing and deleting CA certificates (M03-M05)
// and taking the certificate the CSMS had signed for it (A02). The simulator does not parse
// certificates: a certificate's hash data are derived from the SHA-256 of its PEM text, which is
// stable and fits the schema, so the CSMS can list and delete what it installed.
import { createHash } from 'node:crypto';
import type { Ocpp201 } from '@csms/contracts';
import type { StationContext } from './station-context.ts';

const looksLikeCertificate = (pem: string) => pem.includes('-----BEGIN CERTIFICATE-----');

export function hashDataOf(pem: string): Ocpp201.CertificateHashDataType {
  const digest = (salt: string) => createHash('sha256').update(salt).update(pem).digest('hex');
  return { hashAlgorithm: 'SHA256', issuerNameHash: digest('issuer-name:'), issuerKeyHash: digest('issuer-key:'), serialNumber: digest('serial:').slice(0, 20) };
}

const sameHash = (a: Ocpp201.CertificateHashDataType, b: Ocpp201.CertificateHashDataType) =>
  a.hashAlgorithm === b.hashAlgorithm && a.issuerNameHash === b.issuerNameHash && a.issuerKeyHash === b.issuerKeyHash && a.serialNumber === b.serialNumber;

export function securityHandlers({ model }: StationContext) {
  return {
    CertificateSigned: (p: Ocpp201.CertificateSignedRequest): Ocpp201.CertificateSignedResponse =>
      ({ status: looksLikeCertificate(p.certificateChain) ? 'Accepted' : 'Rejected' }),
    InstallCertificate: (p: Ocpp201.InstallCertificateRequest): Ocpp201.InstallCertificateResponse => {
      if (!looksLikeCertificate(p.certificate)) return { status: 'Rejected' };
      const hash = hashDataOf(p.certificate);
      if (!model.certificates.some((c) => sameHash(c.hash, hash))) model.certificates.push({ certificateType: p.certificateType, hash });
      return { status: 'Accepted' };
    },
    GetInstalledCertificateIds: (p: Ocpp201.GetInstalledCertificateIdsRequest): Ocpp201.GetInstalledCertificateIdsResponse => {
      const wanted = p.certificateType === undefined ? undefined : new Set<string>(p.certificateType);
      const chain = model.certificates.filter((c) => wanted === undefined || wanted.has(c.certificateType))
        .map((c) => ({ certificateType: c.certificateType, certificateHashData: c.hash }));
      return chain.length === 0 ? { status: 'NotFound' }
        : { status: 'Accepted', certificateHashDataChain: chain as Ocpp201.GetInstalledCertificateIdsResponse['certificateHashDataChain'] };
    },
    DeleteCertificate: (p: Ocpp201.DeleteCertificateRequest): Ocpp201.DeleteCertificateResponse => {
      const index = model.certificates.findIndex((c) => sameHash(c.hash, p.certificateHashData));
      if (index < 0) return { status: 'NotFound' };
      model.certificates.splice(index, 1);
      return { status: 'Accepted' };
    },
  };
}
