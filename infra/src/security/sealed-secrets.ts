// Secrets that must travel through Kafka to a station (the new password of a rotation: 1.6
// AuthorizationKey, 2.0.1 SecurityCtrlr.BasicAuthPassword) are sealed with AES-256-GCM under a key only the api and the gateway hold, so every
// record that carries one (command requests, command events, outbound frames, read models) holds
// ciphertext; the gateway opens it at the last moment, when it writes the frame to the socket.
// The seal binds the station it is for and the configuration key it sets as GCM associated data
// (NIST SP 800-38D §5.2.1): a sealed password copied into a call to another station, or under
// another key, does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/** Whom a sealed value is for: it opens only with the same context. */
export interface SealContext {
  /** The station the value is sent to. */
  readonly chargePointId: string;
  /**
   * The setting it is for: a 1.6 configuration key, or a 2.0.1 `Component.Variable`
   * (case-insensitive, as both are CiString50Type).
   */
  readonly key: string;
}

export interface SecretSealer {
  seal(plaintext: string, context: SealContext): string;
  /** The plaintext of a sealed value; throws when it was not sealed with this key and context, or was altered. */
  open(sealed: string, context: SealContext): string;
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The associated data: a JSON array, so no choice of id and key can read as another pair. */
function associatedData(context: SealContext): Buffer {
  return Buffer.from(JSON.stringify([PREFIX, context.chargePointId, context.key.toLowerCase()]), 'utf8');
}

/** `key`: 32 bytes, e.g. from CSMS_SECRETS_KEY (base64). */
export function createSecretSealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new Error('the sealing key must be 32 bytes');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_LENGTH);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed, context) {
      if (!isSealed(sealed)) throw new Error('not a sealed value');
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      if (bytes.length < IV_LENGTH + TAG_LENGTH) throw new Error('sealed value too short');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_LENGTH), { authTagLength: TAG_LENGTH });
      decipher.setAAD(associatedData(context));
      decipher.setAuthTag(bytes.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH));
      return Buffer.concat([decipher.update(bytes.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]).toString('utf8');
    },
  };
}

/** Parses CSMS_SECRETS_KEY: 32 bytes in base64. */
export function asSecretsKey(raw: string): Buffer {
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('expected 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
  return key;
}
