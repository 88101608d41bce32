// Bearer tokens from an identity provider: a JWT signed by one of the keys its JWKS publishes
// (jose: createRemoteJWKSet caches them and refetches on an unknown key id), with the expected
// issuer and audience when configured. The CSMS role is read from one claim, a string or an
// array of strings; the highest role named wins.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { textProblem } from '../text-rules.ts';
import { subjectPrincipal, type Authentication } from './principal.ts';
import { highestRole } from './roles.ts';

export interface JwtConfig {
  readonly jwksUrl: URL;
  readonly issuer: string | null;
  readonly audience: string | null;
  /** The claim holding the role(s), e.g. csms_role. */
  readonly roleClaim: string;
}

export interface JwtVerifier {
  verify(token: string): Promise<Authentication>;
}

/** Clocks of the identity provider and the api may differ by this much (RFC 7519 §4.1.4 allows "some small leeway"). */
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_SUBJECT_LENGTH = 255;

function rolesOf(payload: JWTPayload, claim: string): unknown[] {
  const value = payload[claim];
  return Array.isArray(value) ? value : [value];
}

function fromPayload(payload: JWTPayload, roleClaim: string): Authentication {
  const subject = payload.sub;
  // The subject ends up in Kafka records and read models as sub:<subject>.
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH) {
    return { kind: 'refused', reason: 'the token has no usable subject (sub)' };
  }
  if (textProblem(subject, { lineBreaks: false }) !== null) return { kind: 'refused', reason: 'the token subject is not plain text' };
  return { kind: 'authenticated', principal: subjectPrincipal(subject, highestRole(rolesOf(payload, roleClaim))) };
}

/** A JWKS that cannot be fetched says nothing about the token: the caller may retry. */
function failure(error: unknown): Authentication {
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    return { kind: 'unavailable', reason: 'the identity provider keys could not be fetched' };
  }
  if (error instanceof errors.JWTExpired) return { kind: 'refused', reason: 'the token has expired' };
  return { kind: 'refused', reason: 'the token is not valid' };
}

export function createJwtVerifier(config: JwtConfig): JwtVerifier {
  const keys = createRemoteJWKSet(config.jwksUrl);
  const options = {
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(config.issuer === null ? {} : { issuer: config.issuer }),
    ...(config.audience === null ? {} : { audience: config.audience }),
  };
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, options);
        return fromPayload(payload, config.roleClaim);
      } catch (error) {
        return failure(error);
      }
    },
  };
}
