import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from './decider-spec.ts';
import {
  CERTIFICATE_TYPE_NOT_SUPPORTED, CONNECTION_NOT_AUTHENTICATED, NO_CERTIFICATE_AUTHORITY, securityDecider, signingRequestId, type SecurityDeciderEvent,
} from './security.ts';
import { AT, frame, settings } from './fixtures.ts';

const spec = deciderSpec(securityDecider);
const csr = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB…\n-----END CERTIFICATE REQUEST-----\n';

function reply(payload: object): SecurityDeciderEvent {
  return { type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId: 'm1', body: { kind: 'CallResult', payload } };
}

describe('security decider', () => {
  it('records a security event with the station time parsed, and answers with an empty payload', () => {
    const payload = { type: 'InvalidCentralSystemCertificate', timestamp: '2025-01-01T09:59:58Z', techInfo: 'CN mismatch' };
    spec.given([]).when({ type: 'SecurityEventNotification', frame: frame(), payload }).then([{
      type: 'SecurityEventReported', chargePointId: 'CP001', at: AT, eventType: 'InvalidCentralSystemCertificate',
      timestamp: AT - 2000, techInfo: 'CN mismatch',
    }, reply({})]);
  });

  it('keeps a security event whose station time cannot be read, without it', () => {
    const payload = { type: 'TamperDetectionActivated', timestamp: 'not a time' };
    spec.given([]).when({ type: 'SecurityEventNotification', frame: frame(), payload }).thenState((_state, events) => {
      assert.deepEqual(events[0], {
        type: 'SecurityEventReported', chargePointId: 'CP001', at: AT, eventType: 'TamperDetectionActivated', timestamp: null, techInfo: null,
      });
    });
  });

  it('accepts a CSR over a connection that proved profile 2 or 3 when a CA is configured, and hands it to the signer', () => {
    for (const connectionProfile of [2, 3]) {
      spec.given([]).when({
        type: 'SignCertificate', frame: frame(), payload: { csr }, settings: settings({ certificateSigning: true }), connectionProfile,
      }).then([{
        type: 'CertificateSigningRequested', chargePointId: 'CP001', at: AT, requestId: `CP001/${AT}/m1`, csr,
      }, reply({ status: 'Accepted' })]);
    }
  });

  it('rejects a CSR over a connection that did not authenticate over TLS: anyone could ask for the station\'s certificate', () => {
    for (const connectionProfile of [0, 1, null]) {
      spec.given([]).when({
        type: 'SignCertificate', frame: frame(), payload: { csr }, settings: settings({ certificateSigning: true }), connectionProfile,
      }).then([{
        type: 'CertificateSigningRefused', chargePointId: 'CP001', at: AT, requestId: `CP001/${AT}/m1`, reason: CONNECTION_NOT_AUTHENTICATED,
      }, reply({ status: 'Rejected' })]);
    }
  });

  it('rejects a CSR without a CA, and records the refusal without the CSR', () => {
    spec.given([]).when({ type: 'SignCertificate', frame: frame(), payload: { csr }, settings: settings(), connectionProfile: 3 }).then([{
      type: 'CertificateSigningRefused', chargePointId: 'CP001', at: AT, requestId: `CP001/${AT}/m1`, reason: NO_CERTIFICATE_AUTHORITY,
    }, reply({ status: 'Rejected' })]);
  });

  it('gives the same request the same id on replay, and another request (or a reused messageId later) another', () => {
    assert.equal(signingRequestId(frame()), signingRequestId(frame()));
    const ids = [frame(), frame({ messageId: 'm2' }), frame({ at: AT + 1 }), frame({ chargePointId: 'CP002' })].map(signingRequestId);
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe('security decider, OCPP 2.0.1', () => {
  const signing = settings({ certificateSigning: true });

  it('records a security event and answers with an empty payload, as in 1.6 (A04)', () => {
    const payload = { type: 'SettingSystemTime', timestamp: '2025-01-01T09:59:58Z', techInfo: 'NTP' };
    spec.given([]).when({ type: 'SecurityEventNotification', frame: frame(), protocol: 'ocpp2.0.1', payload }).then([{
      type: 'SecurityEventReported', chargePointId: 'CP001', at: AT, eventType: 'SettingSystemTime', timestamp: AT - 2000, techInfo: 'NTP',
    }, reply({})]);
  });

  it('hands a CSR for the station\'s own certificate to the signer, with or without its certificateType (A02, A03)', () => {
    for (const payload of [{ csr }, { csr, certificateType: 'ChargingStationCertificate' }] as const) {
      spec.given([]).when({ type: 'SignCertificate', frame: frame(), protocol: 'ocpp2.0.1', payload, settings: signing, connectionProfile: 3 }).then([{
        type: 'CertificateSigningRequested', chargePointId: 'CP001', at: AT, requestId: `CP001/${AT}/m1`, csr,
      }, reply({ status: 'Accepted' })]);
    }
  });

  it('refuses a CSR as in 1.6: without a CA, or over a connection that did not authenticate', () => {
    const payload = { csr, certificateType: 'ChargingStationCertificate' } as const;
    spec.given([]).when({ type: 'SignCertificate', frame: frame(), protocol: 'ocpp2.0.1', payload, settings: settings(), connectionProfile: 3 })
      .then([{ type: 'CertificateSigningRefused', chargePointId: 'CP001', at: AT, requestId: `CP001/${AT}/m1`, reason: NO_CERTIFICATE_AUTHORITY }, reply({ status: 'Rejected' })]);
    spec.given([]).when({ type: 'SignCertificate', frame: frame(), protocol: 'ocpp2.0.1', payload, settings: signing, connectionProfile: 1 })
      .then([{ type: 'CertificateSigningRefused', chargePointId: 'CP001', at: AT, requestId: `CP001/${AT}/m1`, reason: CONNECTION_NOT_AUTHENTICATED }, reply({ status: 'Rejected' })]);
  });

  it('refuses a CSR for an ISO 15118 certificate: the station CA does not issue into the V2G PKI', () => {
    const payload = { csr, certificateType: 'V2GCertificate' } as const;
    spec.given([]).when({ type: 'SignCertificate', frame: frame(), protocol: 'ocpp2.0.1', payload, settings: signing, connectionProfile: 3 }).then([{
      type: 'CertificateSigningRefused', chargePointId: 'CP001', at: AT, requestId: `CP001/${AT}/m1`, reason: CERTIFICATE_TYPE_NOT_SUPPORTED,
    }, reply({ status: 'Rejected' })]);
  });
});
