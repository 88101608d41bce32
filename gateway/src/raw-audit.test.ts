import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { auditBinary, auditText, utf8Prefix } from './raw-audit.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('raw audit', () => {
  it('keeps a frame within the cap whole', () => {
    assert.deepEqual(auditText('[2,"a","Heartbeat",{}]', 22), { raw: '[2,"a","Heartbeat",{}]', rawTruncated: null });
  });

  it('keeps the first bytes of a larger frame, with its whole length and hash', () => {
    const text = `[2,"a","DataTransfer",{"vendorId":"V","data":"${'x'.repeat(10_000)}"}]`;
    const audited = auditText(text, 4096);
    assert.equal(audited.raw, text.slice(0, 4096));
    assert.deepEqual(audited.rawTruncated, { length: text.length, sha256: sha256(Buffer.from(text)) });
  });

  it('cuts on a UTF-8 character boundary', () => {
    // 'é' is 2 bytes, '😀' 4: a cut at 5 bytes falls inside the emoji.
    const text = 'aé😀b';
    assert.equal(utf8Prefix(Buffer.from(text), 5), 'aé');
    assert.equal(utf8Prefix(Buffer.from(text), 7), 'aé😀');
    assert.equal(utf8Prefix(Buffer.from(text), 2), 'a', 'inside the é');
    const audited = auditText('é'.repeat(3000), 4095);
    assert.equal(audited.raw, 'é'.repeat(2047));
    assert.equal(audited.rawTruncated?.length, 6000);
    assert.ok(!audited.raw.includes('\uFFFD'));
  });

  it('keeps only the length and hash of a binary frame', () => {
    const bytes = Buffer.from([0, 1, 2, 0xff]);
    assert.deepEqual(auditBinary(bytes), { raw: '', rawTruncated: { length: 4, sha256: sha256(bytes) } });
  });
});
