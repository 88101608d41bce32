// The HTTP answers to refused upgrades, in the gateway's error shape. Before any upgrade, so a
// station sees a status it can act on (RFC 6455 §4.1: any status but 101 fails the handshake).
// - 401 with a Basic challenge (RFC 9110 §11.6.1, RFC 7617) for a missing or wrong username or
//   password and for an identity the gateway will not admit: the same status and body for all of
//   them, so the answer itself does not say which part was wrong (the precise reason goes to
//   csms.security and the log). Its timing does: an identity with a stored password is answered
//   after an scrypt, an unknown one at once, so a guesser can tell registered identities apart.
//   Identities are not secrets (they are printed on chargers and sent in clear on ws://); the
//   per-address lockout bounds how fast anyone can learn them this way;
// - 403 for what new credentials would not fix: the wrong transport for the station's profile
//   (a downgrade), a client certificate missing, untrusted, expired or naming another station;
// - 409 for a duplicate refused while the station's socket is alive;
// - 429 with Retry-After for an address, or an identity from it, locked out after failed attempts,
//   or with as many password checks running as it may still fail;
// - 503 with Retry-After until the gateway knows the registered stations, and while every hash
//   slot and the queue behind them are taken.
import type { StationRefusalReason } from './security-records.ts';

export interface HttpRefusal {
  readonly status: 401 | 403 | 409 | 429 | 503;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly error: { readonly code: string; readonly message: string } };
}

const CHALLENGE = { 'www-authenticate': 'Basic realm="OCPP"' };

const unauthorized: HttpRefusal = {
  status: 401, headers: CHALLENGE,
  body: { error: { code: 'STATION_UNAUTHORIZED', message: 'authenticate with HTTP Basic: the station identity as username and its password' } },
};

function forbidden(code: StationRefusalReason, message: string): HttpRefusal {
  return { status: 403, headers: {}, body: { error: { code, message } } };
}

export function refusalResponse(reason: StationRefusalReason): HttpRefusal {
  switch (reason) {
    case 'UNKNOWN_STATION':
    case 'CREDENTIALS_REQUIRED':
    case 'USERNAME_MISMATCH':
    case 'WRONG_PASSWORD':
    case 'NO_PASSWORD_SET':
      return unauthorized;
    case 'DOWNGRADE':
      return forbidden(reason, 'this station must connect with a higher security profile (wss://, or a client certificate)');
    case 'CERTIFICATE_REQUIRED':
      return forbidden(reason, 'this station must present a client certificate (security profile 3)');
    case 'CERTIFICATE_UNTRUSTED':
      return forbidden(reason, 'the client certificate is not trusted: unknown issuer, expired or not yet valid');
    case 'CERTIFICATE_CN_MISMATCH':
      return forbidden(reason, 'the client certificate names another station');
    case 'DUPLICATE_REFUSED':
      return { status: 409, headers: {}, body: { error: { code: reason, message: 'this station is already connected' } } };
    default: {
      const _exhaustive: never = reason;
      return _exhaustive;
    }
  }
}

export function lockedOutResponse(waitMs: number): HttpRefusal {
  return {
    status: 429, headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) },
    body: { error: { code: 'TOO_MANY_FAILED_AUTHENTICATIONS', message: 'too many failed authentications from this address; retry later' } },
  };
}

export const stationsLoading: HttpRefusal = {
  status: 503, headers: { 'retry-after': '5' },
  body: { error: { code: 'STATIONS_LOADING', message: 'the gateway is still loading the registered stations' } },
};

/** As many password checks of this identity or address are running as the lockout allows failures: one more waits for them. */
export const checksInProgress: HttpRefusal = {
  status: 429, headers: { 'retry-after': '1' },
  body: { error: { code: 'TOO_MANY_AUTHENTICATIONS_IN_PROGRESS', message: 'too many authentications from this address are in progress; retry later' } },
};

export const authenticationBusy: HttpRefusal = {
  status: 503, headers: { 'retry-after': '5' },
  body: { error: { code: 'AUTHENTICATION_BUSY', message: 'too many stations are authenticating at once; retry later' } },
};
