// npm start's key for sealed secrets (CSMS_SECRETS_KEY, shared by the api and the gateway): made
// once on a fresh data directory, readable by the owner only, and kept, so a password rotation
// sealed before a restart can still be opened after it.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileExists, PRIVATE_FILE_MODE, writeFileAtomically } from '../../src/security/certificates/private-files.ts';

export async function ensureSecretsKey(dataDir: string): Promise<string> {
  const path = join(dataDir, 'secrets-key');
  if (!(await fileExists(path))) await writeFileAtomically(path, randomBytes(32).toString('base64'), PRIVATE_FILE_MODE);
  return (await readFile(path, 'utf8')).trim();
}
