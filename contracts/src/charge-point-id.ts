// One rule for a charge point's identity, for everyone who reads one from outside: the gateway
// (the last path segment of the upgrade URL, OCPP-J 1.6 §3.1) and the api (path parameters,
// registrations, filters). 1..48 characters (CiString48Type, the chargeBoxIdentity) from the
// RFC 3986 unreserved set (A-Z a-z 0-9 - . _ ~) plus what OCPP 2.0.1's identifierString adds
// (* = : + | @), so an identity is a URL path segment as it is, and never a name the URL
// already gives a meaning: `.` and `..` (RFC 3986 §3.3, dot-segments) are refused.

export const MAX_CHARGE_POINT_ID_LENGTH = 48;

/** One allowed character, as a regular expression character class (ECMA-262, with or without the u flag). */
export const CHARGE_POINT_ID_CHARACTER = '[A-Za-z0-9\\-._~*=:+|@]';

/** The rule as a regular expression source: a JSON schema `pattern`, or `new RegExp`. */
export const CHARGE_POINT_ID_PATTERN = `^(?!\\.\\.?$)${CHARGE_POINT_ID_CHARACTER}{1,${MAX_CHARGE_POINT_ID_LENGTH}}$`;

/** The rule in words, for refusals and documentation. */
export const CHARGE_POINT_ID_RULE =
  `1..${MAX_CHARGE_POINT_ID_LENGTH} characters of A-Z a-z 0-9 - . _ ~ * = : + | @, other than . and ..`;

const IDENTITY = new RegExp(CHARGE_POINT_ID_PATTERN, 'u');

/** Whether `text` (already percent-decoded) is a charge point identity. */
export function isChargePointId(text: string): boolean {
  return IDENTITY.test(text);
}
