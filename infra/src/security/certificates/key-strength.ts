// The whitepaper's floor for keys in station certificates (OCPP 1.6 Security Whitepaper ed. 3,
// "Certificate Properties": RSA or DSA at least 2048 bits, elliptic curves at least 224 bits),
// applied to a public key as node's OpenSSL reads it, so keys WebCrypto does not know are
// judged too.
import { createPublicKey, type KeyObject } from 'node:crypto';

export interface KeyStrength {
  readonly verdict: 'strong' | 'weak' | 'unsupported';
  /** The key's type and size, for logs. */
  readonly description: string;
}

const MIN_MODULUS_BITS = 2048;
const MIN_CURVE_BITS = 224;

/** OpenSSL names a curve after its field size (secp224r1, prime256v1, brainpoolP384r1, sect571k1). */
function curveBits(namedCurve: string): number | null {
  const digits = /(\d{3})/.exec(namedCurve);
  return digits === null ? null : Number(digits[1]);
}

function judge(key: KeyObject): KeyStrength {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa': case 'rsa-pss': case 'dsa': {
      const bits = details.modulusLength ?? 0;
      return { verdict: bits >= MIN_MODULUS_BITS ? 'strong' : 'weak', description: `${key.asymmetricKeyType} ${bits} bits` };
    }
    case 'ec': {
      const curve = details.namedCurve ?? 'unnamed curve';
      const bits = curveBits(curve);
      if (bits === null) return { verdict: 'unsupported', description: `ec ${curve}` };
      return { verdict: bits >= MIN_CURVE_BITS ? 'strong' : 'weak', description: `ec ${curve}` };
    }
    // 255 and 448-bit curves (RFC 8032).
    case 'ed25519': case 'ed448':
      return { verdict: 'strong', description: key.asymmetricKeyType };
    default:
      return { verdict: 'unsupported', description: key.asymmetricKeyType ?? 'unknown key type' };
  }
}

/** Judges a DER SubjectPublicKeyInfo; one OpenSSL cannot read is unsupported. */
export function keyStrength(spki: ArrayBuffer): KeyStrength {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    return { verdict: 'unsupported', description: 'unreadable public key' };
  }
  return judge(key);
}
