// A station's answer to a CSMS call, as the decider its row in the action table names receives it
// once the commands decider has completed the command (see workflow/answer-to-concern.ts). The gateway
// validated the request (api) and the response (urn:{Action}.conf) against the official schemas
// of the station's protocol, so their shapes are trusted here.
export interface AnswerReceived {
  readonly type: 'AnswerReceived';
  readonly chargePointId: string;
  readonly at: number;
  /** The OCPP version the station answered in, which says how to read the request and the response (ReserveNow, SendLocalList, ... are in both). */
  readonly protocol: string;
  readonly action: string;
  /** The request payload the CSMS sent, as JSON text. */
  readonly request: string;
  /** The CALLRESULT payload, as JSON text. */
  readonly response: string;
  /** Only a valid CALLRESULT is handed on, so never Failed, TimedOut or NotConnected. */
  readonly outcome: 'Accepted' | 'Rejected';
}

export function requestOf<T>(answer: AnswerReceived): T {
  return JSON.parse(answer.request) as T;
}

export function responseOf<T>(answer: AnswerReceived): T {
  return JSON.parse(answer.response) as T;
}

/** The station and time every fact of the answer carries: the answer's own. */
export function baseOf(answer: AnswerReceived): { readonly chargePointId: string; readonly at: number } {
  return { chargePointId: answer.chargePointId, at: answer.at };
}
