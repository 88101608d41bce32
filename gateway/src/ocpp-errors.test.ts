import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { problemHandling, schemaProblemFor, type FrameProblem } from './ocpp-errors.ts';

describe('OCPP 1.6 error catalogue', () => {
  const expected: [FrameProblem, string, boolean][] = [
    ['EMPTY_FRAME', 'FormationViolation', false],
    ['BINARY_FRAME', 'FormationViolation', false],
    ['TOO_DEEP', 'FormationViolation', true],
    ['NOT_JSON', 'FormationViolation', true],
    ['NOT_AN_ARRAY', 'FormationViolation', true],
    ['BAD_MESSAGE_TYPE_ID', 'FormationViolation', true],
    ['UNKNOWN_MESSAGE_TYPE', 'ProtocolError', false],
    ['BAD_MESSAGE_ID', 'FormationViolation', true],
    ['INCOMPLETE_FRAME', 'ProtocolError', true],
    ['MALFORMED_FRAME', 'FormationViolation', true],
    ['UNKNOWN_ACTION', 'NotImplemented', true],
    ['ACTION_NOT_SUPPORTED', 'NotSupported', true],
    ['TYPE_CONSTRAINT', 'TypeConstraintViolation', true],
    // OCPP-J 1.6 errata §5.1 keeps the one-'r' spelling.
    ['OCCURRENCE_CONSTRAINT', 'OccurenceConstraintViolation', true],
    ['PROPERTY_CONSTRAINT', 'PropertyConstraintViolation', true],
    ['PAYLOAD_STRUCTURE', 'FormationViolation', true],
    ['RATE_LIMITED', 'GenericError', true],
  ];
  for (const [problem, errorCode, reply] of expected) {
    it(`${problem} -> ${errorCode}${reply ? '' : ' (no reply)'}`, () => {
      assert.deepEqual(problemHandling('ocpp1.6', problem), { errorCode, reply });
    });
  }
});

describe('OCPP 2.0.1 error catalogue (OCPP-J 2.0.1 §4.3)', () => {
  const expected: [FrameProblem, string, boolean][] = [
    ['EMPTY_FRAME', 'RpcFrameworkError', false],
    ['BINARY_FRAME', 'RpcFrameworkError', false],
    ['TOO_DEEP', 'FormatViolation', true],
    ['NOT_JSON', 'RpcFrameworkError', true],
    ['NOT_AN_ARRAY', 'RpcFrameworkError', true],
    ['BAD_MESSAGE_TYPE_ID', 'RpcFrameworkError', true],
    // Unlike 1.6, answered (§4.4), with the frame's messageId when it can be read.
    ['UNKNOWN_MESSAGE_TYPE', 'MessageTypeNotSupported', true],
    ['BAD_MESSAGE_ID', 'RpcFrameworkError', true],
    ['INCOMPLETE_FRAME', 'RpcFrameworkError', true],
    ['MALFORMED_FRAME', 'RpcFrameworkError', true],
    ['UNKNOWN_ACTION', 'NotImplemented', true],
    ['ACTION_NOT_SUPPORTED', 'NotSupported', true],
    ['TYPE_CONSTRAINT', 'TypeConstraintViolation', true],
    ['OCCURRENCE_CONSTRAINT', 'OccurrenceConstraintViolation', true],
    ['PROPERTY_CONSTRAINT', 'PropertyConstraintViolation', true],
    ['PAYLOAD_STRUCTURE', 'ProtocolError', true],
    ['RATE_LIMITED', 'GenericError', true],
  ];
  for (const [problem, errorCode, reply] of expected) {
    it(`${problem} -> ${errorCode}${reply ? '' : ' (no reply)'}`, () => {
      assert.deepEqual(problemHandling('ocpp2.0.1', problem), { errorCode, reply });
    });
  }
});

describe('schema keyword table', () => {
  const expected: [string, string][] = [
    ['type', 'TYPE_CONSTRAINT'], ['format', 'TYPE_CONSTRAINT'], ['maxLength', 'TYPE_CONSTRAINT'],
    ['required', 'OCCURRENCE_CONSTRAINT'], ['minItems', 'OCCURRENCE_CONSTRAINT'], ['maxItems', 'OCCURRENCE_CONSTRAINT'],
    ['enum', 'PROPERTY_CONSTRAINT'], ['minimum', 'PROPERTY_CONSTRAINT'], ['pattern', 'PROPERTY_CONSTRAINT'],
    ['additionalProperties', 'PAYLOAD_STRUCTURE'],
    // The value rules of contracts: right JSON type, value out of what the CSMS can carry.
    ['int32', 'PROPERTY_CONSTRAINT'], ['decimal', 'PROPERTY_CONSTRAINT'], ['text', 'PROPERTY_CONSTRAINT'],
    ['dateTimeRange', 'PROPERTY_CONSTRAINT'], ['jsonValue', 'PROPERTY_CONSTRAINT'],
    ['someFutureKeyword', 'PAYLOAD_STRUCTURE'], ['constructor', 'PAYLOAD_STRUCTURE'],
  ];
  for (const [keyword, problem] of expected) {
    it(`${keyword} -> ${problem}`, () => assert.equal(schemaProblemFor(keyword), problem));
  }
});
