// Keys that sign certificates: fresh ECDSA P-256 pairs for what the CSMS creates itself, and a
// configured CA's private key read from PEM in whatever form operators keep it (PKCS#8,
// SEC1 "EC PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY"; node's OpenSSL reads them all) and handed
// to WebCrypto, where @peculiar/x509 signs.
import { createPrivateKey, createPublicKey, webcrypto, type KeyObject } from 'node:crypto';
import { CertificateError } from './certificate-errors.ts';
import { PemConverter, type X509Certificate } from './x509-library.ts';

/** What signs with a key: the WebCrypto key and the algorithm its signatures use. */
export interface SigningKey {
  readonly key: CryptoKey;
  readonly algorithm: EcdsaParams | Algorithm;
}

const P256: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const P256_SIGNING: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

/** OpenSSL curve names to WebCrypto's, with the hash of the same strength (RFC 5480 §4). */
const EC_CURVES: Readonly<Record<string, { namedCurve: string; hash: string }>> = {
  prime256v1: { namedCurve: 'P-256', hash: 'SHA-256' },
  secp384r1: { namedCurve: 'P-384', hash: 'SHA-384' },
  secp521r1: { namedCurve: 'P-521', hash: 'SHA-512' },
};

/** A new ECDSA P-256 key pair; extractable, so its private key can be written to a PEM file. */
export async function generateP256Keys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(P256, true, ['sign', 'verify']);
}

/** The signing side of a freshly generated P-256 pair. */
export function p256SigningKey(keys: CryptoKeyPair): SigningKey {
  return { key: keys.privateKey, algorithm: P256_SIGNING };
}

/** PKCS#8 PEM ("PRIVATE KEY"), which node's tls and OpenSSL read. */
export async function privateKeyPem(key: CryptoKey): Promise<string> {
  return PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function readPrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new CertificateError('CA_UNREADABLE', 'the CA private key is not a PEM private key', { cause: error });
  }
}

/** Import parameters and signature algorithm of a key WebCrypto can sign with. */
function webCryptoAlgorithm(key: KeyObject): { importAs: EcKeyImportParams | RsaHashedImportParams; signing: SigningKey['algorithm'] } {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') {
    const curve = EC_CURVES[details.namedCurve ?? ''];
    if (curve !== undefined) {
      return { importAs: { name: 'ECDSA', namedCurve: curve.namedCurve }, signing: { name: 'ECDSA', hash: curve.hash } };
    }
  }
  if (key.asymmetricKeyType === 'rsa') {
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    return { importAs: algorithm, signing: algorithm };
  }
  throw new CertificateError(
    'CA_KEY_UNSUPPORTED',
    `a CA key must be RSA or ECDSA on P-256, P-384 or P-521, not ${key.asymmetricKeyType ?? 'unknown'} ${details.namedCurve ?? ''}`.trim(),
  );
}

/** The CA's private key, checked to belong to the CA certificate, ready to sign. */
export async function importCaSigningKey(pem: string, certificate: X509Certificate): Promise<SigningKey> {
  const privateKey = readPrivateKey(pem);
  const certificateKey = createPublicKey({ key: Buffer.from(certificate.publicKey.rawData), format: 'der', type: 'spki' });
  if (!createPublicKey(privateKey).equals(certificateKey)) {
    throw new CertificateError('CA_KEY_MISMATCH', 'the CA private key does not belong to the CA certificate');
  }
  const { importAs, signing } = webCryptoAlgorithm(privateKey);
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, importAs, false, ['sign']);
  return { key, algorithm: signing };
}
