import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { createDevelopmentCa, loadCertificateAuthority } from './certificate-authority.ts';
import { CertificateError, type CertificateErrorCode } from './certificate-errors.ts';
import { chainsTo } from './certificate-identity.ts';
import { issueServerCertificate, issueStationCertificate } from './issue-certificate.ts';
import { privateKeyPem } from './signing-keys.ts';
import {
  BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension, X509Certificate, X509CertificateGenerator,
} from './x509-library.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');

function failsWith(code: CertificateErrorCode) {
  return (error: unknown) => error instanceof CertificateError && error.code === code;
}

describe('certificate authorities', () => {
  it('creates a self-signed P-256 CA that may sign certificates only', async () => {
    const ca = await createDevelopmentCa({ commonName: 'Dev CA', validityDays: 10, now: NOW });
    const certificate = new X509Certificate(ca.certificatePem);
    assert.equal(certificate.subject, 'CN=Dev CA');
    assert.equal(certificate.issuer, 'CN=Dev CA');
    assert.equal(await certificate.isSelfSigned(), true);
    assert.deepEqual(certificate.publicKey.algorithm, { name: 'ECDSA', namedCurve: 'P-256' });
    assert.equal(certificate.getExtension(BasicConstraintsExtension)?.ca, true);
    assert.equal(certificate.getExtension(KeyUsagesExtension)?.usages, KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign);
    assert.equal(certificate.notAfter.getTime(), NOW.getTime() + 10 * 86_400_000);
    assert.match(ca.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
  });

  it('loads a CA from its PEMs, the key in PKCS#8 or SEC1, and signs with it', async () => {
    const created = await createDevelopmentCa({ commonName: 'Operator CA', validityDays: 10, now: NOW });
    const sec1 = createPrivateKey(created.privateKeyPem).export({ type: 'sec1', format: 'pem' }).toString();
    for (const privateKeyPem of [created.privateKeyPem, sec1]) {
      const ca = await loadCertificateAuthority({ certificatePem: created.certificatePem, privateKeyPem });
      const station = await issueStationCertificate(ca, { chargePointId: 'CP001', validityDays: 1, now: NOW });
      assert.equal(await chainsTo(station.certificatePem, created.certificatePem, NOW), true);
    }
  });

  it('loads an RSA CA (PKCS#1 key) and signs with RSA', async () => {
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    // Small, because RSA key generation is slow and the size does not matter here.
    const keys = await webcrypto.subtle.generateKey(
      { ...algorithm, modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'],
    );
    const certificate = await X509CertificateGenerator.createSelfSigned({
      name: 'CN=RSA CA', keys, signingAlgorithm: algorithm, notBefore: NOW, notAfter: new Date(NOW.getTime() + 86_400_000),
      extensions: [new BasicConstraintsExtension(true, undefined, true)],
    });
    const pkcs1 = createPrivateKey(await privateKeyPem(keys.privateKey)).export({ type: 'pkcs1', format: 'pem' }).toString();
    const ca = await loadCertificateAuthority({ certificatePem: certificate.toString('pem'), privateKeyPem: pkcs1 });
    const station = await issueStationCertificate(ca, { chargePointId: 'CP001', validityDays: 1, now: NOW });
    assert.equal(await chainsTo(station.certificatePem, certificate.toString('pem'), NOW), true);
    assert.equal(new X509Certificate(station.certificatePem).signatureAlgorithm.name, 'RSASSA-PKCS1-v1_5');
  });

  it('refuses a key that is not the certificate\'s, a certificate that is no CA, and unreadable PEM', async () => {
    const ca = await createDevelopmentCa({ commonName: 'CA', validityDays: 10, now: NOW });
    const other = await createDevelopmentCa({ commonName: 'CA', validityDays: 10, now: NOW });
    const server = await issueServerCertificate(ca, { commonName: 'x', dnsNames: ['x'], ipAddresses: [], validityDays: 1, now: NOW });
    await assert.rejects(loadCertificateAuthority({ certificatePem: ca.certificatePem, privateKeyPem: other.privateKeyPem }), failsWith('CA_KEY_MISMATCH'));
    await assert.rejects(loadCertificateAuthority({ certificatePem: server.certificatePem, privateKeyPem: server.privateKeyPem }), failsWith('CA_NOT_A_CA'));
    await assert.rejects(loadCertificateAuthority({ certificatePem: 'garbage', privateKeyPem: ca.privateKeyPem }), failsWith('CA_UNREADABLE'));
    await assert.rejects(loadCertificateAuthority({ certificatePem: ca.certificatePem, privateKeyPem: 'garbage' }), failsWith('CA_UNREADABLE'));
  });

  it('never lets a certificate outlive the CA that issued it, nor issues one outside the CA\'s validity', async () => {
    const ca = await createDevelopmentCa({ commonName: 'Short CA', validityDays: 5, now: NOW });
    const station = await issueStationCertificate(ca, { chargePointId: 'CP001', validityDays: 365, now: NOW });
    assert.equal(station.notAfter.getTime(), ca.certificate.notAfter.getTime());
    const later = new Date(NOW.getTime() + 6 * 86_400_000);
    await assert.rejects(issueStationCertificate(ca, { chargePointId: 'CP001', validityDays: 1, now: later }), failsWith('CA_EXPIRED'));
  });
});
