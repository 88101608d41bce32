// Certificate signing requests for the tests, made the way a station would: a key pair of its
// own and a PKCS#10 request signed with it. The fixed ones came from OpenSSL 3.0
// (`openssl req -new -key <key> -subj /CN=CP001`), for keys WebCrypto cannot make or makes slowly.
import { webcrypto } from 'node:crypto';
import { Pkcs10CertificateRequestGenerator, type JsonName } from './x509-library.ts';

export type StationKeys = CryptoKeyPair & { readonly signing: Algorithm | EcdsaParams };

export async function p256StationKeys(): Promise<StationKeys> {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  return { ...keys, signing: { name: 'ECDSA', hash: 'SHA-256' } };
}

export async function rsaStationKeys(modulusLength: number): Promise<StationKeys> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(
    { ...algorithm, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'],
  );
  return { ...keys, signing: algorithm };
}

/** PEM PKCS#10 for `name`, signed with the keys (fresh P-256 ones by default). */
export async function csrPem(name: JsonName, keys?: StationKeys): Promise<string> {
  const own = keys ?? await p256StationKeys();
  const request = await Pkcs10CertificateRequestGenerator.create({ name, keys: own, signingAlgorithm: own.signing });
  return request.toString('pem');
}

export const OPENSSL_CSRS = {
  /** 192-bit curve: below the whitepaper's 224. */
  prime192v1: `-----BEGIN CERTIFICATE REQUEST-----
MIGpMGICAQAwEDEOMAwGA1UEAwwFQ1AwMDEwSTATBgcqhkjOPQIBBggqhkjOPQMB
AQMyAASe8PhV7a8liTj3qDFCuVTzYXMUSJzQC7vUjgRie7Vco8+/a51Lja/A4jOK
zvZlC5KgADAKBggqhkjOPQQDAgM3ADA0AhhdSsbixY0AlesFyTIvG+obqVk1Buv6
fogCGFz+/RZB1sTzgoD85EJtkKiApifRfh+uzg==
-----END CERTIFICATE REQUEST-----
`,
  /** Strong enough, but no WebCrypto verifies it. */
  secp224r1: `-----BEGIN CERTIFICATE REQUEST-----
MIG4MGcCAQAwEDEOMAwGA1UEAwwFQ1AwMDEwTjAQBgcqhkjOPQIBBgUrgQQAIQM6
AAR4r7qDqu3E9Bdf0NwMH7IZfoZIr/sbH4yczfNsLixENUJ3uj9bP0iZnIjXk0Ac
6N8yrxnSU9PxvaAAMAoGCCqGSM49BAMCA0EAMD4CHQC6KVc1ugfbjxkOsOC4yRp5
FySvZLyfCIkbV3+HAh0A8L/6flofczUHUCkhC9bkQ6wmZernnguYtNLZAQ==
-----END CERTIFICATE REQUEST-----
`,
  /** O=Acme, CN=CP001. */
  ed25519: `-----BEGIN CERTIFICATE REQUEST-----
MIGeMFICAQAwHzENMAsGA1UECgwEQWNtZTEOMAwGA1UEAwwFQ1AwMDEwKjAFBgMr
ZXADIQAigwY4X/7EO5jLD2lVdD3ghHZm0COQx62yZf9fmXJtdaAAMAUGAytlcANB
AH/VrdqdWttXfIaYys2MIpgewUolkAQld2XeD9wmhBJSvE2ZYm2NKfCjyN0ONiEe
63pH1NqGaQEXUHxd5FGsKgg=
-----END CERTIFICATE REQUEST-----
`,
  /** RSA 2048 (the whitepaper's floor), signed RSASSA-PSS with SHA-256; a fixture because RSA key generation is slow. */
  rsa2048Pss: `-----BEGIN CERTIFICATE REQUEST-----
MIICijCCAT0CAQAwEDEOMAwGA1UEAwwFQ1AwMDEwggEiMA0GCSqGSIb3DQEBAQUA
A4IBDwAwggEKAoIBAQCaZC5m4qlNGsK0Kv78ppkqxQa1ADTcTZq1sJZbKu7sQJ+M
DZTxcOHhJ+3TXdjzNpB74VuZq0boryFqHLEOMkcBi0/wzALT+bsJsgZy6Wli9Xdp
smP2rPal24/PZPy6ie8JWyBfXNUdW/7YJaaU1j60y/0uTG7kll2h4cDp6Oip68Gv
29cXnnu0S5Q0bNCA7+15gkS27hxDx42WhT34mkjntXZycPz2WDpqbxxB3coQsEm8
Evv0dDCFi6RJJd44Zzi1AoLmgvch1IAS8TB0LzdY8GxJ1ze7vOzLNTln561ZPPYf
YKufULRumvVbXjvrUbKBexoSsI4OYua7pm1xC92NAgMBAAGgADBCBgkqhkiG9w0B
AQowNaAPMA0GCWCGSAFlAwQCAQUAoRwwGgYJKoZIhvcNAQEIMA0GCWCGSAFlAwQC
AQUAogQCAgDeA4IBAQA/vSmUC3JokYDg3eOjmjJP8rV2J55N0/Trzgc3Gnx3OXHk
L5TlsBgOksMQafeSCnK98WkVnx3YIAEvQi8GHGW9YO8nkIhz+tPQFPIgosLRT7o4
ODkmHk4wTqEFNaNqXlFmZVyhBCqr5avbPWOe97tix6iikRDrcClFhBI2VcUsyGum
QjYDdsfMHCcRPlIfdG02yEih1tsk+nMZ22bfFRy2yBk8Cu1OHxceBovwe7ZnA1hA
0+SovQ8/lRSzbkQcwfSZXLHFGEmH9jRhIjWkswOMx38sRasITLiQH3bU8vF/1qmo
cgbg2vsULKh2LPpxb++f8nXUt+HGxt+6BWr/mSs0
-----END CERTIFICATE REQUEST-----
`,
} as const;
