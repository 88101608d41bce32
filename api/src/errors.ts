// The one error catalogue of the api: stable codes clients may match on, each with its HTTP
// status and whether retrying the same request may succeed.
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, retriable: false },
  BAD_REQUEST: { status: 400, retriable: false },
  /** A command the OCPP version the station speaks does not have (a 1.6 command for a 2.0.1 station, or the other way). */
  COMMAND_NOT_IN_PROTOCOL: { status: 400, retriable: false },
  /** A tariff version validateTariff refuses; the body lists the problems. */
  TARIFF_INVALID: { status: 400, retriable: false },
  /** An export period holding more CDRs than one response may carry: narrow it. */
  EXPORT_TOO_LARGE: { status: 400, retriable: false },
  /** No credential, or one that is malformed, unknown, expired or revoked (RFC 6750 §3). */
  UNAUTHENTICATED: { status: 401, retriable: false },
  /** A valid credential whose role does not allow the route. */
  FORBIDDEN: { status: 403, retriable: false },
  ROUTE_NOT_FOUND: { status: 404, retriable: false },
  CHARGE_POINT_NOT_FOUND: { status: 404, retriable: false },
  TRANSACTION_NOT_FOUND: { status: 404, retriable: false },
  CONNECTION_NOT_FOUND: { status: 404, retriable: false },
  ID_TAG_NOT_FOUND: { status: 404, retriable: false },
  UNKNOWN_ACTION: { status: 404, retriable: false },
  COMMAND_NOT_FOUND: { status: 404, retriable: false },
  API_KEY_NOT_FOUND: { status: 404, retriable: false },
  TARIFF_NOT_FOUND: { status: 404, retriable: false },
  TARIFF_VERSION_NOT_FOUND: { status: 404, retriable: false },
  TARIFF_ASSIGNMENT_NOT_FOUND: { status: 404, retriable: false },
  CDR_NOT_FOUND: { status: 404, retriable: false },
  RERATE_NOT_FOUND: { status: 404, retriable: false },
  DEAD_LETTER_NOT_FOUND: { status: 404, retriable: false },
  /** The session has no running cost: it is not billed (no tariff applied) or not known. */
  COST_NOT_FOUND: { status: 404, retriable: false },
  CHARGE_POINT_EXISTS: { status: 409, retriable: false },
  ID_TAG_EXISTS: { status: 409, retriable: false },
  TARIFF_EXISTS: { status: 409, retriable: false },
  /** Revoking it would leave no active admin key. */
  LAST_ADMIN_KEY: { status: 409, retriable: false },
  /** Security profiles 1 and 2 authenticate the station with a password it does not have yet. */
  PASSWORD_NOT_SET: { status: 409, retriable: false },
  /** The upgrade route only moves a station up (1.6 Security Whitepaper: no downgrade). */
  SECURITY_PROFILE_DOWNGRADE: { status: 409, retriable: false },
  /** A re-drive of a dead letter the read model shows re-driven already. */
  DEAD_LETTER_NOT_OPEN: { status: 409, retriable: false },
  /** Sending a password to a station needs CSMS_SECRETS_KEY to seal it in transit. */
  SECRETS_KEY_NOT_SET: { status: 409, retriable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retriable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retriable: false },
  RATE_LIMITED: { status: 429, retriable: true },
  WRITE_FAILED: { status: 503, retriable: true },
  /** The api was started without a build of the web console. */
  CONSOLE_NOT_BUILT: { status: 503, retriable: false },
  /** The identity provider's keys (JWKS) could not be fetched to verify a token. */
  AUTHENTICATION_UNAVAILABLE: { status: 503, retriable: true },
  INTERNAL: { status: 500, retriable: true },
} as const satisfies Record<string, { status: number; retriable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Where a request body is wrong and how, for errors that name more than one problem (TARIFF_INVALID). */
export interface ErrorProblem {
  readonly path: string;
  readonly code: string;
  /** What is wrong there, in words, when the code alone does not say. */
  readonly message?: string;
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly retriable: boolean;

  constructor(readonly code: ErrorCode, message: string, readonly problems: readonly ErrorProblem[] = []) {
    super(message);
    this.statusCode = errorCatalogue[code].status;
    this.retriable = errorCatalogue[code].retriable;
  }
}

interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly problems?: readonly ErrorProblem[] };
}

export function errorBody(code: ErrorCode, message: string, problems: readonly ErrorProblem[] = []): ErrorBody {
  return { error: problems.length === 0 ? { code, message } : { code, message, problems } };
}
