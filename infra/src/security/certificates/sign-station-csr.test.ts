import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import { createDevelopmentCa, type CreatedCertificateAuthority } from './certificate-authority.ts';
import { signStationCsr, type CsrSigningResult } from './sign-station-csr.ts';
import { csrPem, OPENSSL_CSRS, p256StationKeys, rsaStationKeys } from './test-csrs.ts';
import {
  BasicConstraintsExtension, ExtendedKeyUsage, ExtendedKeyUsageExtension, Extension, PemConverter, Pkcs10CertificateRequestGenerator,
  X509Certificate,
} from './x509-library.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
let ca: CreatedCertificateAuthority;

function sign(csr: string, chargePointId = 'CP001'): Promise<CsrSigningResult> {
  return signStationCsr({ authority: ca, csr, chargePointId, validityDays: 365, now: NOW });
}

function issued(result: CsrSigningResult): Extract<CsrSigningResult, { outcome: 'issued' }> {
  assert.equal(result.outcome, 'issued', JSON.stringify(result));
  return result as Extract<CsrSigningResult, { outcome: 'issued' }>;
}

function reasonOf(result: CsrSigningResult): string {
  return result.outcome === 'refused' ? result.reason : 'issued';
}

/** The PEM blocks of a chain, in order. */
function blocks(chain: string): string[] {
  return chain.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n/g) ?? [];
}

describe('signStationCsr', () => {
  before(async () => {
    ca = await createDevelopmentCa({ commonName: 'Test CA', validityDays: 3650, now: new Date('2025-01-01T00:00:00Z') });
  });

  it('signs a CSR for the station\'s own CN with a clientAuth leaf that the CA verifies, then the CA', async () => {
    const keys = await p256StationKeys();
    const result = issued(await sign(await csrPem([{ O: ['Acme'] }, { CN: ['CP001'] }], keys)));
    const [leafPem, caPem, ...rest] = blocks(result.certificateChain);
    assert.equal(rest.length, 0);
    assert.equal(leafPem + (caPem ?? ''), result.certificateChain, 'nothing but the two certificates');
    assert.equal(caPem, ca.certificatePem);
    // node's own X.509 (OpenSSL) agrees the CA issued and signed it.
    const leaf = new NodeX509Certificate(leafPem ?? '');
    const authority = new NodeX509Certificate(ca.certificatePem);
    assert.equal(leaf.checkIssued(authority), true);
    assert.equal(leaf.verify(authority.publicKey), true);
    assert.equal(leaf.ca, false);
    assert.deepEqual(leaf.keyUsage, [ExtendedKeyUsage.clientAuth]);
    assert.equal(leaf.serialNumber.toLowerCase(), result.serialNumber.toLowerCase());
    assert.match(leaf.subject, /^CN=CP001$/m);
    assert.match(leaf.subject, /^O=Acme$/m);
    assert.equal(result.subject.includes('CN=CP001'), true);
    assert.equal(result.notAfter.getTime(), NOW.getTime() + 365 * 86_400_000);
    const publicKey = new X509Certificate(leafPem ?? '').publicKey;
    assert.deepEqual(Buffer.from(publicKey.rawData), Buffer.from(await crypto.subtle.exportKey('spki', keys.publicKey)), 'the CSR\'s key');
  });

  it('gives every certificate a fresh random serial number', async () => {
    const csr = await csrPem([{ CN: ['CP001'] }]);
    const serials = new Set([(issued(await sign(csr))).serialNumber, (issued(await sign(csr))).serialNumber]);
    assert.equal(serials.size, 2);
    assert.ok([...serials].every((serial) => serial.length >= 30), 'about 128 bits');
  });

  it('refuses a CSR for another identity, for none, and for two', async () => {
    assert.equal(reasonOf(await sign(await csrPem([{ CN: ['CP002'] }]))), 'CN_MISMATCH');
    assert.equal(reasonOf(await sign(await csrPem([{ CN: ['cp001'] }]))), 'CN_MISMATCH');
    assert.equal(reasonOf(await sign(await csrPem([{ O: ['Acme'] }]))), 'CN_MISMATCH');
    assert.equal(reasonOf(await sign(await csrPem([{ CN: ['CP001'] }, { CN: ['CP002'] }]))), 'CN_MISMATCH');
  });

  it('calls anything that is not a PKCS#10 request unreadable, and never throws', async () => {
    const inputs = [
      '', 'garbage', '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n',
      `-----BEGIN CERTIFICATE REQUEST-----\n${Buffer.alloc(300, 0x30).toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`,
      ca.certificatePem, 'x'.repeat(6000), '\u0000\ud800', (await csrPem([{ CN: ['CP001'] }])).slice(0, 200),
    ];
    for (const input of inputs) assert.equal(reasonOf(await sign(input)), 'CSR_UNREADABLE', JSON.stringify(input.slice(0, 80)));
  });

  it('refuses a CSR whose content was changed after it was signed', async () => {
    // A request for CP002 rewritten to name CP001: the CN would pass, the signature must not.
    const der = Buffer.from(PemConverter.decodeFirst(await csrPem([{ CN: ['CP002'] }])));
    const at = der.indexOf('CP002');
    assert.ok(at > 0);
    der.write('CP001', at);
    assert.equal(reasonOf(await sign(PemConverter.encode(der, 'CERTIFICATE REQUEST'))), 'CSR_SIGNATURE_INVALID');
    // And one whose signature's last byte changed.
    const signed = Buffer.from(PemConverter.decodeFirst(await csrPem([{ CN: ['CP001'] }])));
    signed.writeUInt8(signed.readUInt8(signed.length - 1) ^ 0x01, signed.length - 1);
    assert.equal(reasonOf(await sign(PemConverter.encode(signed, 'CERTIFICATE REQUEST'))), 'CSR_SIGNATURE_INVALID');
  });

  it('refuses keys below RSA 2048 and EC 224 bits, and signs RSA 2048 and Ed25519', async () => {
    assert.equal(reasonOf(await sign(await csrPem([{ CN: ['CP001'] }], await rsaStationKeys(1024)))), 'KEY_TOO_WEAK');
    assert.equal(reasonOf(await sign(OPENSSL_CSRS.prime192v1)), 'KEY_TOO_WEAK');
    issued(await sign(OPENSSL_CSRS.rsa2048Pss));
    assert.match(issued(await sign(OPENSSL_CSRS.ed25519)).subject, /O=Acme/);
  });

  it('calls a key it cannot verify unreadable rather than signing it unchecked', async () => {
    assert.equal(reasonOf(await sign(OPENSSL_CSRS.secp224r1)), 'CSR_UNREADABLE');
  });

  it('certifies neither a CA nor names the station asked for beyond its CN and O', async () => {
    const keys = await p256StationKeys();
    const request = await Pkcs10CertificateRequestGenerator.create({
      name: [{ CN: ['CP001'] }, { OU: ['admins'] }], keys, signingAlgorithm: keys.signing,
      extensions: [new BasicConstraintsExtension(true, undefined, true), new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth])],
    });
    const result = issued(await sign(request.toString('pem')));
    const leaf = new X509Certificate(blocks(result.certificateChain)[0] ?? '');
    assert.equal(leaf.getExtension(BasicConstraintsExtension)?.ca, false);
    assert.deepEqual([...leaf.getExtension(ExtendedKeyUsageExtension)?.usages ?? []], [ExtendedKeyUsage.clientAuth]);
    assert.equal(leaf.subject, 'CN=CP001');
    assert.ok(leaf.extensions.every((extension: Extension) => extension.type !== '2.5.29.17'), 'no subjectAltName');
  });

  it('refuses an organization name longer than X.520 allows or with control characters', async () => {
    assert.equal(reasonOf(await sign(await csrPem([{ O: ['x'.repeat(65)] }, { CN: ['CP001'] }]))), 'CSR_UNREADABLE');
    assert.equal(reasonOf(await sign(await csrPem([{ O: ['Ac\u0000me'] }, { CN: ['CP001'] }]))), 'CSR_UNREADABLE');
    assert.equal(reasonOf(await sign(await csrPem([{ O: ['Acme', 'Evil'] }, { CN: ['CP001'] }]))), 'CSR_UNREADABLE');
    assert.match(issued(await sign(await csrPem([{ O: ['Élan Énergie'] }, { CN: ['CP001'] }]))).subject, /Élan Énergie/);
  });
});
