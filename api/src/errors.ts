// The one error catalogue of the api: stable codes clients may match on, each with its HTTP
// status and whether retrying the same request may succeed.
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, retriable: false },
  BAD_REQUEST: { status: 400, retriable: false },
  ROUTE_NOT_FOUND: { status: 404, retriable: false },
  CHARGE_POINT_NOT_FOUND: { status: 404, retriable: false },
  TRANSACTION_NOT_FOUND: { status: 404, retriable: false },
  CONNECTION_NOT_FOUND: { status: 404, retriable: false },
  ID_TAG_NOT_FOUND: { status: 404, retriable: false },
  UNKNOWN_ACTION: { status: 404, retriable: false },
  COMMAND_NOT_FOUND: { status: 404, retriable: false },
  CHARGE_POINT_EXISTS: { status: 409, retriable: false },
  ID_TAG_EXISTS: { status: 409, retriable: false },
  WRITE_FAILED: { status: 503, retriable: true },
  INTERNAL: { status: 500, retriable: true },
} as const satisfies Record<string, { status: number; retriable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class ApiError extends Error {
  readonly statusCode: number;
  readonly retriable: boolean;

  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.statusCode = errorCatalogue[code].status;
    this.retriable = errorCatalogue[code].retriable;
  }
}

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
