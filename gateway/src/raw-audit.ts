// What of a frame's bytes goes into its ocpp.inbound record: all of them up to the audit cap;
// beyond it the first bytes (cut on a UTF-8 character boundary) with the whole frame's
// length and SHA-256, so an audit can still tell which frame it was while one station
// cannot fill the disk with large frames.
import { createHash } from 'node:crypto';
import type { TruncatedRaw } from '@csms/contracts';

export interface AuditedRaw {
  readonly raw: string;
  readonly rawTruncated: TruncatedRaw | null;
}

function digest(bytes: Buffer): TruncatedRaw {
  return { length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The longest prefix of at most `maxBytes` bytes that ends on a character boundary. */
export function utf8Prefix(bytes: Buffer, maxBytes: number): string {
  let end = Math.min(maxBytes, bytes.length);
  // Back off continuation bytes (10xxxxxx) so the cut does not split a character.
  while (end > 0 && end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

/** A text frame (valid UTF-8: ws closes with 1007 on anything else). */
export function auditText(text: string, maxBytes: number): AuditedRaw {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return { raw: text, rawTruncated: null };
  const bytes = Buffer.from(text, 'utf8');
  return { raw: utf8Prefix(bytes, maxBytes), rawTruncated: digest(bytes) };
}

/** A binary frame: not text, so only its length and hash are kept. */
export function auditBinary(bytes: Buffer): AuditedRaw {
  return { raw: '', rawTruncated: digest(bytes) };
}
