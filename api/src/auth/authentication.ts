// Who a request's credential says it comes from, resolved once per request: from an API key
// (looked up by the SHA-256 of the token) or, when an identity provider is configured, a JWT.
import { looksLikeJwt, type BearerCredential } from './bearer.ts';
import { isActive, sha256Hex, type ApiKeyDirectory } from './api-keys.ts';
import type { JwtVerifier } from './jwt-verifier.ts';
import { keyPrincipal, type Authentication } from './principal.ts';

export interface Authenticator {
  authenticate(credential: BearerCredential): Promise<Authentication>;
}

interface AuthenticatorOptions {
  readonly apiKeys: ApiKeyDirectory;
  /** Null: no identity provider; every token is looked up as an API key. */
  readonly jwt: JwtVerifier | null;
}

function byApiKey(apiKeys: ApiKeyDirectory, token: string): Authentication {
  const key = apiKeys.bySecretSha256(sha256Hex(token));
  // One answer for unknown and revoked keys: the caller learns nothing about which keys exist.
  if (key === undefined || !isActive(key)) return { kind: 'refused', reason: 'unknown or revoked API key' };
  return { kind: 'authenticated', principal: keyPrincipal(key.id, key.role) };
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  return {
    async authenticate(credential) {
      switch (credential.kind) {
        case 'none':
          return { kind: 'anonymous' };
        case 'malformed':
          return { kind: 'refused', reason: 'the Authorization header is not "Bearer <token>"' };
        case 'token':
          if (options.jwt !== null && looksLikeJwt(credential.token)) return options.jwt.verify(credential.token);
          return byApiKey(options.apiKeys, credential.token);
        default: {
          const _exhaustive: never = credential;
          return _exhaustive;
        }
      }
    },
  };
}
