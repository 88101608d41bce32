// The certificate authority's configuration: it runs when both CA files are named
// (`npm start` names its development CA; production names the operator's signing CA).
import { asInt, asString, type EnvReader } from '@csms/infra';

export interface CertificateAuthorityConfig {
  /** PEM certificate of the CA that signs station CSRs. */
  readonly certPath: string;
  /** Its PEM private key. */
  readonly keyPath: string;
  /** How long the certificates it issues are valid. */
  readonly validityDays: number;
}

const CERT = 'CSMS_STATION_CA_CERT';
const KEY = 'CSMS_STATION_CA_KEY';

function asValidityDays(raw: string): number {
  const days = asInt(raw);
  if (days < 1 || days > 3650) throw new Error(`expected 1 to 3650 days, got ${days}`);
  return days;
}

/** Null when neither CA file is set: the processors then sign nothing. */
export function readCertificateAuthorityConfig(env: EnvReader): CertificateAuthorityConfig | null {
  const certPath = env.read(CERT, asString, '');
  const keyPath = env.read(KEY, asString, '');
  const validityDays = env.read('CSMS_STATION_CERT_VALIDITY_DAYS', asValidityDays, 365);
  if (certPath === '' && keyPath === '') return null;
  if (certPath === '') env.reject(KEY, `needs ${CERT} too`);
  if (keyPath === '') env.reject(CERT, `needs ${KEY} too`);
  return { certPath, keyPath, validityDays };
}
