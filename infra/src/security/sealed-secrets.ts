// Secrets that must travel through Kafka to a station (the AuthorizationKey of a password
// rotation) are sealed with AES-256-GCM under a key only the api and the gateway hold, so every
// record that carries one (command requests, command events, outbound frames, read models) holds
// ciphertext; the gateway opens it at the last moment, when it writes the frame to the socket.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

export interface SecretSealer {
  seal(plaintext: string): string;
  /** The plaintext of a sealed value; throws when it was not sealed with this key or was altered. */
  open(sealed: string): string;
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** `key`: 32 bytes, e.g. from CSMS_SECRETS_KEY (base64). */
export function createSecretSealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new Error('the sealing key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_LENGTH);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      if (!isSealed(sealed)) throw new Error('not a sealed value');
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      if (bytes.length < IV_LENGTH + TAG_LENGTH) throw new Error('sealed value too short');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_LENGTH));
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
