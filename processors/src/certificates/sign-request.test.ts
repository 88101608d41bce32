import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CertificateSigningRequested, SecurityRecord } from '@csms/contracts';
import { chainsTo, createDevelopmentCa, type CertificateAuthority } from '@csms/infra';
import { csrPem } from '@csms/infra/security/certificates/test-csrs.ts';
import { certificateCommandId, signRequest, type SignerOutput } from './sign-request.ts';

const AT = Date.parse('2025-06-01T12:00:00.000Z');
let authority: CertificateAuthority;

function request(csr: string, chargePointId = 'CP001', requestId = 'm-17@1748779200000'): CertificateSigningRequested {
  return { type: 'CertificateSigningRequested', chargePointId, at: AT, requestId, csr };
}

function sign(record: SecurityRecord): Promise<SignerOutput> {
  return signRequest(record, { authority, validityDays: 30 });
}

describe('signRequest', () => {
  before(async () => {
    authority = await createDevelopmentCa({ commonName: 'Signer CA', validityDays: 365, now: new Date(AT - 86_400_000) });
  });

  it('turns a good CSR into a CertificateSigned command and the CertificateIssued fact, at the request\'s time', async () => {
    const output = await sign(request(await csrPem([{ CN: ['CP001'] }])));
    assert.equal(output.kind, 'issued');
    if (output.kind !== 'issued') return;
    const { command, issued } = output;
    assert.deepEqual({ ...command, payload: '…' }, {
      type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId: certificateCommandId({ chargePointId: 'CP001', requestId: 'm-17@1748779200000' }),
      action: 'CertificateSigned', payload: '…', timeoutSeconds: 60, requestedBy: 'csms:certificate-authority',
    });
    const { certificateChain } = JSON.parse(command.payload) as { certificateChain: string };
    assert.deepEqual(Object.keys(JSON.parse(command.payload) as object), ['certificateChain']);
    assert.equal(await chainsTo(certificateChain, authority.certificatePem, new Date(AT)), true);
    assert.deepEqual({ ...issued, serialNumber: '…' }, {
      type: 'CertificateIssued', chargePointId: 'CP001', at: AT, requestId: 'm-17@1748779200000', commandId: command.commandId,
      serialNumber: '…', subject: 'CN=CP001', notAfter: AT + 30 * 86_400_000,
    });
    assert.match(issued.serialNumber, /^[0-9a-f]+$/);
  });

  it('refuses with the reason, and ignores every other security record', async () => {
    const refused = await sign(request(await csrPem([{ CN: ['CP002'] }])));
    assert.equal(refused.kind, 'refused');
    if (refused.kind !== 'refused') return;
    assert.deepEqual(refused.refused, { type: 'CertificateSigningRefused', chargePointId: 'CP001', at: AT, requestId: 'm-17@1748779200000', reason: 'CN_MISMATCH' });
    assert.deepEqual(await sign({ type: 'CertificateSigningRefused', chargePointId: 'CP001', at: AT, requestId: 'r', reason: 'CN_MISMATCH' }), { kind: 'ignored' });
  });

  it('derives one UUID-shaped command id per request and station', () => {
    const id = certificateCommandId({ chargePointId: 'CP001', requestId: 'r1' });
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(certificateCommandId({ chargePointId: 'CP001', requestId: 'r1' }), id);
    assert.notEqual(certificateCommandId({ chargePointId: 'CP001', requestId: 'r2' }), id);
    assert.notEqual(certificateCommandId({ chargePointId: 'CP002', requestId: 'r1' }), id);
  });
});
