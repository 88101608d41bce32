// The TLS server's certificate, key and client CA from files, in the shape node's
// tls.createSecureContext / server.setSecureContext take. Checked on load, so a half-rotated
// secret (a new certificate beside the old key) is reported instead of served.
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import { CertificateError } from './certificate-errors.ts';

export interface TlsMaterialPaths {
  /** PEM: the server certificate, then any intermediates. */
  readonly certPath: string;
  /** PEM private key of the server certificate. */
  readonly keyPath: string;
  /** PEM CA certificates that client certificates must chain to (security profile 3). */
  readonly caPath?: string;
}

/** A `tls.SecureContextOptions` subset. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  readonly ca?: string;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CertificateError('TLS_MATERIAL_UNREADABLE', `cannot read ${path}`, { cause: error });
  }
}

export async function loadTlsMaterial(paths: TlsMaterialPaths): Promise<TlsMaterial> {
  const [cert, key, ca] = await Promise.all([
    readText(paths.certPath), readText(paths.keyPath), paths.caPath === undefined ? undefined : readText(paths.caPath),
  ]);
  const material: TlsMaterial = ca === undefined ? { cert, key } : { cert, key, ca };
  try {
    // OpenSSL parses every PEM and checks that the key belongs to the certificate.
    createSecureContext(material);
  } catch (error) {
    throw new CertificateError('TLS_MATERIAL_INVALID', `${paths.certPath} and ${paths.keyPath} do not make a TLS identity`, { cause: error });
  }
  return material;
}

export function sameTlsMaterial(a: TlsMaterial | null, b: TlsMaterial | null): boolean {
  return a !== null && b !== null && a.cert === b.cert && a.key === b.key && a.ca === b.ca;
}
