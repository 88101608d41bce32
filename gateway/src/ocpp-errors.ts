// The one catalogue of OCPP-J errors: what went wrong with a frame (a stable problem code
// of ours) and which CALLERROR errorCode each protocol version names for it.
import type { FramingProblem, TableVersion, ValueRule } from '@csms/contracts';

/** OCPP-J 1.6 §4.2.3 table 7. The 1.6 spellings "FormationViolation" and
 * "OccurenceConstraintViolation" are typos the OCPP-J 1.6 errata (§5.1, §5.2) keeps on purpose. */
type Ocpp16ErrorCode =
  | 'NotImplemented' | 'NotSupported' | 'InternalError' | 'ProtocolError' | 'SecurityError' | 'FormationViolation'
  | 'PropertyConstraintViolation' | 'OccurenceConstraintViolation' | 'TypeConstraintViolation' | 'GenericError';

/** OCPP-J 2.0.1 §4.3: the spellings fixed (FormatViolation, OccurrenceConstraintViolation) and the RPC framework's own codes. */
type Ocpp201ErrorCode =
  | 'FormatViolation' | 'GenericError' | 'InternalError' | 'MessageTypeNotSupported' | 'NotImplemented' | 'NotSupported'
  | 'OccurrenceConstraintViolation' | 'PropertyConstraintViolation' | 'ProtocolError' | 'RpcFrameworkError'
  | 'SecurityError' | 'TypeConstraintViolation';

export type OcppErrorCode = Ocpp16ErrorCode | Ocpp201ErrorCode;

/** What the gateway found wrong with a frame; stable, protocol-independent. */
export type FrameProblem =
  | FramingProblem
  | 'BINARY_FRAME' // OCPP-J §3 uses text frames only
  | 'UNKNOWN_ACTION'
  | 'ACTION_NOT_SUPPORTED' // a known action a charge point may not send (e.g. Reset)
  | 'TYPE_CONSTRAINT'
  | 'OCCURRENCE_CONSTRAINT'
  | 'PROPERTY_CONSTRAINT'
  | 'PAYLOAD_STRUCTURE'
  | 'RATE_LIMITED'; // more frames than the connection's rate limit allows

interface ProblemHandling<C extends OcppErrorCode = OcppErrorCode> {
  readonly errorCode: C;
  /** false: record the rejection but send no CALLERROR. */
  readonly reply: boolean;
}

/** Typed by version: a code of the other version's spelling does not compile. */
const ocpp16: Readonly<Record<FrameProblem, ProblemHandling<Ocpp16ErrorCode>>> = {
  // Some stations send empty frames as keep-alives (ocpp-rpc ignores them too); answering
  // would only confuse them.
  EMPTY_FRAME: { errorCode: 'FormationViolation', reply: false },
  // Not answered: the socket is closed with 1003 (RFC 6455 §7.4.1 "unsupported data").
  BINARY_FRAME: { errorCode: 'FormationViolation', reply: false },
  // Framing, not content: no PDU is that deep (§4.2.3 FormationViolation).
  TOO_DEEP: { errorCode: 'FormationViolation', reply: true },
  // §4.2.3: "Payload for Action is syntactically incorrect or not conform the PDU structure".
  NOT_JSON: { errorCode: 'FormationViolation', reply: true },
  NOT_AN_ARRAY: { errorCode: 'FormationViolation', reply: true },
  BAD_MESSAGE_TYPE_ID: { errorCode: 'FormationViolation', reply: true },
  // §4.1.3: a server receiving a Message Type Number not in the list "SHALL ignore the
  // message payload". 1.6 has no MessageTypeNotSupported (2.0.1 §4.4 adds it).
  UNKNOWN_MESSAGE_TYPE: { errorCode: 'ProtocolError', reply: false },
  BAD_MESSAGE_ID: { errorCode: 'FormationViolation', reply: true },
  // §4.2.3 ProtocolError: "Payload for Action is incomplete".
  INCOMPLETE_FRAME: { errorCode: 'ProtocolError', reply: true },
  MALFORMED_FRAME: { errorCode: 'FormationViolation', reply: true },
  UNKNOWN_ACTION: { errorCode: 'NotImplemented', reply: true },
  ACTION_NOT_SUPPORTED: { errorCode: 'NotSupported', reply: true },
  TYPE_CONSTRAINT: { errorCode: 'TypeConstraintViolation', reply: true },
  OCCURRENCE_CONSTRAINT: { errorCode: 'OccurenceConstraintViolation', reply: true },
  PROPERTY_CONSTRAINT: { errorCode: 'PropertyConstraintViolation', reply: true },
  PAYLOAD_STRUCTURE: { errorCode: 'FormationViolation', reply: true },
  // Table 7 has no "too many requests". The frame is well-formed and its action implemented
  // and supported, so NotImplemented, NotSupported, ProtocolError, FormationViolation and the
  // constraint codes would misdirect the station's logs; InternalError would blame the CSMS
  // and SecurityError speaks of the message itself. GenericError ("any other error not
  // covered by the previous ones") with a description that names the limit; a station
  // retries a refused transaction message (OCPP 1.6 "Transaction-Related Messages",
  // TransactionMessageAttempts), so it is delayed, not lost.
  RATE_LIMITED: { errorCode: 'GenericError', reply: true },
};

// OCPP-J 2.0.1 §4.3 renames and regroups the 1.6 codes: FormatViolation ("Payload for Action is
// syntactically incorrect") and OccurrenceConstraintViolation are spelled right, ProtocolError now
// means "Payload for Action is not conform the PDU structure", and RpcFrameworkError ("Content of
// the call is not a valid RPC Request, for example: MessageId could not be read") takes what was
// wrong with the frame rather than its payload.
const ocpp201: Readonly<Record<FrameProblem, ProblemHandling<Ocpp201ErrorCode>>> = {
  // Not answered, as in 1.6: keep-alives of some stations; a binary frame closes the socket (1003).
  EMPTY_FRAME: { errorCode: 'RpcFrameworkError', reply: false },
  BINARY_FRAME: { errorCode: 'RpcFrameworkError', reply: false },
  // The frame is no RPC message at all, or its messageId cannot be read: RpcFrameworkError,
  // answered with messageId "-1" when there is none (§4.2.3).
  NOT_JSON: { errorCode: 'RpcFrameworkError', reply: true },
  NOT_AN_ARRAY: { errorCode: 'RpcFrameworkError', reply: true },
  BAD_MESSAGE_TYPE_ID: { errorCode: 'RpcFrameworkError', reply: true },
  BAD_MESSAGE_ID: { errorCode: 'RpcFrameworkError', reply: true },
  INCOMPLETE_FRAME: { errorCode: 'RpcFrameworkError', reply: true },
  MALFORMED_FRAME: { errorCode: 'RpcFrameworkError', reply: true },
  // Text nested deeper than any PDU is refused before it is parsed: syntax we do not read.
  TOO_DEEP: { errorCode: 'FormatViolation', reply: true },
  // §4.4 (extension fallback): a MessageTypeId the receiver does not support is answered with
  // MessageTypeNotSupported and the frame's messageId, so a sender trying an extension falls
  // back. 5 (CALLRESULTERROR) and 6 (SEND) are OCPP 2.1's (2.1 Part 4 §4.1.3), not 2.0.1's:
  // here they are unknown types like any other.
  UNKNOWN_MESSAGE_TYPE: { errorCode: 'MessageTypeNotSupported', reply: true },
  // The same rule as 1.6 (payload-validator.ts): not in the table, or only as a CSMS call.
  UNKNOWN_ACTION: { errorCode: 'NotImplemented', reply: true },
  ACTION_NOT_SUPPORTED: { errorCode: 'NotSupported', reply: true },
  TYPE_CONSTRAINT: { errorCode: 'TypeConstraintViolation', reply: true },
  OCCURRENCE_CONSTRAINT: { errorCode: 'OccurrenceConstraintViolation', reply: true },
  PROPERTY_CONSTRAINT: { errorCode: 'PropertyConstraintViolation', reply: true },
  // A property the PDU does not have: 1.6 called that a FormationViolation ("...or not conform
  // the PDU structure for Action"); 2.0.1 gives the PDU structure to ProtocolError and keeps
  // FormatViolation for syntax, which a parsed JSON payload cannot get wrong.
  PAYLOAD_STRUCTURE: { errorCode: 'ProtocolError', reply: true },
  // As in 1.6: the frame is fine, the station sends too fast; a transaction message is retried
  // (2.0.1 E13, OCPPCommCtrlr.MessageAttempts), so it is delayed, not lost.
  RATE_LIMITED: { errorCode: 'GenericError', reply: true },
};

const catalogue: Readonly<Record<TableVersion, Readonly<Record<FrameProblem, ProblemHandling>>>> = {
  'ocpp1.6': ocpp16,
  'ocpp2.0.1': ocpp201,
};

export function problemHandling(protocol: TableVersion, problem: FrameProblem): ProblemHandling {
  return catalogue[protocol][problem];
}

type SchemaProblem = Extract<
  FrameProblem, 'TYPE_CONSTRAINT' | 'OCCURRENCE_CONSTRAINT' | 'PROPERTY_CONSTRAINT' | 'PAYLOAD_STRUCTURE'
>;

/**
 * The one table from a JSON-schema keyword (as ajv reports it) to the problem it shows,
 * after ocpp-rpc's lib/validator.js but following the wording of OCPP-J 1.6 §4.2.3:
 * - data type constraints ("somestring": 12): the JSON type, the dateTime format and the
 *   CiStringNType lengths, which are part of the OCPP data type;
 * - occurrence constraints: how many times something occurs (required fields, array sizes);
 * - property constraints: a field of the right type holding a value not allowed (enums, ranges);
 * - PDU structure: properties the message does not have.
 */
/**
 * The value rules of contracts (value-rules.ts): a field of the right JSON type holding a
 * value the CSMS cannot carry (beyond int32, beyond ±1e15, a NUL, a lone surrogate, year 9999).
 */
const valueRuleKeywords: Readonly<Record<ValueRule, SchemaProblem>> = {
  int32: 'PROPERTY_CONSTRAINT',
  decimal: 'PROPERTY_CONSTRAINT',
  text: 'PROPERTY_CONSTRAINT',
  dateTimeRange: 'PROPERTY_CONSTRAINT',
  jsonValue: 'PROPERTY_CONSTRAINT',
};

const keywordTable: Readonly<Record<string, SchemaProblem>> = {
  type: 'TYPE_CONSTRAINT',
  format: 'TYPE_CONSTRAINT',
  maxLength: 'TYPE_CONSTRAINT',
  minLength: 'TYPE_CONSTRAINT',
  required: 'OCCURRENCE_CONSTRAINT',
  minItems: 'OCCURRENCE_CONSTRAINT',
  maxItems: 'OCCURRENCE_CONSTRAINT',
  minProperties: 'OCCURRENCE_CONSTRAINT',
  maxProperties: 'OCCURRENCE_CONSTRAINT',
  additionalItems: 'OCCURRENCE_CONSTRAINT',
  dependencies: 'OCCURRENCE_CONSTRAINT',
  enum: 'PROPERTY_CONSTRAINT',
  const: 'PROPERTY_CONSTRAINT',
  pattern: 'PROPERTY_CONSTRAINT',
  minimum: 'PROPERTY_CONSTRAINT',
  maximum: 'PROPERTY_CONSTRAINT',
  exclusiveMinimum: 'PROPERTY_CONSTRAINT',
  exclusiveMaximum: 'PROPERTY_CONSTRAINT',
  multipleOf: 'PROPERTY_CONSTRAINT',
  additionalProperties: 'PAYLOAD_STRUCTURE',
  propertyNames: 'PAYLOAD_STRUCTURE',
  ...valueRuleKeywords,
};

export function schemaProblemFor(keyword: string): SchemaProblem {
  return Object.hasOwn(keywordTable, keyword) ? keywordTable[keyword]! : 'PAYLOAD_STRUCTURE';
}
