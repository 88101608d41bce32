import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDevelopmentCa, type CreatedCertificateAuthority } from './certificate-authority.ts';
import { chainsTo, commonNameOfPeer, commonNameOfPem } from './certificate-identity.ts';
import { issueStationCertificate, type IssuedCertificate } from './issue-certificate.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
let ca: CreatedCertificateAuthority;
let station: IssuedCertificate;

describe('certificate identity', () => {
  before(async () => {
    ca = await createDevelopmentCa({ commonName: 'Identity CA', validityDays: 365, now: NOW });
    station = await issueStationCertificate(ca, { chargePointId: 'CP-7/α', validityDays: 30, now: NOW });
  });

  it('reads the single CN of a PEM certificate, and nothing from anything else', () => {
    assert.equal(commonNameOfPem(station.certificatePem), 'CP-7/α');
    assert.equal(commonNameOfPem(ca.certificatePem), 'Identity CA');
    for (const input of ['', 'garbage', station.privateKeyPem, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----']) {
      assert.equal(commonNameOfPem(input), null, input);
    }
  });

  it('reads the single CN of a TLS peer, and none when there is no certificate or several CNs', () => {
    const peer = (subject: { CN?: string | string[]; O?: string }) => ({ subject });
    assert.equal(commonNameOfPeer(peer({ CN: 'CP001', O: 'Acme' })), 'CP001');
    assert.equal(commonNameOfPeer(peer({ CN: ['CP001', 'CP002'] })), null);
    assert.equal(commonNameOfPeer(peer({ O: 'Acme' })), null);
    assert.equal(commonNameOfPeer({}), null);
    assert.equal(commonNameOfPeer(null), null);
  });

  it('tells whether a certificate chains to a CA at a given time', async () => {
    const other = await createDevelopmentCa({ commonName: 'Identity CA', validityDays: 365, now: NOW });
    assert.equal(await chainsTo(station.certificatePem, ca.certificatePem, NOW), true);
    assert.equal(await chainsTo(station.certificatePem, other.certificatePem, NOW), false, 'same name, other key');
    assert.equal(await chainsTo(station.certificatePem, ca.certificatePem, new Date('2025-08-01T00:00:00Z')), false, 'expired');
    assert.equal(await chainsTo(station.certificatePem, ca.certificatePem, new Date('2025-05-01T00:00:00Z')), false, 'not yet valid');
    assert.equal(await chainsTo('garbage', ca.certificatePem, NOW), false);
    assert.equal(await chainsTo(station.certificatePem, 'garbage', NOW), false);
  });
});
