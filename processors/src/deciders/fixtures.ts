// Shared test data for the decider specs (no I/O).
import { outcomeOf, type ChargePoint, type IdTag } from '@csms/contracts';
import { defaultSettings, type FrameMeta, type ProcessorSettings } from './context.ts';
import type { AnswerReceived } from './answer-received.ts';

export const AT = Date.parse('2025-01-01T10:00:00.000Z');

export function frame(overrides: Partial<FrameMeta> = {}): FrameMeta {
  return { chargePointId: 'CP001', at: AT, messageId: 'm1', node: 2, connectionId: 'c1', replyExpected: true, ...overrides };
}

export function idTag(tag: string, overrides: Partial<IdTag> = {}): IdTag {
  return { idTag: tag, status: 'Accepted', expiryDate: null, parentIdTag: null, updatedAt: 0, updatedBy: null, idTokenType: null, ...overrides };
}

export function idTagTable(...tags: IdTag[]): ReadonlyMap<string, IdTag> {
  return new Map(tags.map((tag) => [tag.idTag, tag]));
}

export function chargePoint(id: string, registrationStatus: ChargePoint['registrationStatus']): ChargePoint {
  return { id, name: null, location: null, registrationStatus, updatedAt: 0, securityProfile: 0, updatedBy: null, site: null };
}

export function settings(overrides: Partial<ProcessorSettings> = {}): ProcessorSettings {
  return { ...defaultSettings, ...overrides };
}

/** CP001's answer to a CSMS call, as the decider its row names receives it: the outcome read as the commands decider reads it. */
export function answerReceived(action: string, request: object, response: object, protocol = 'ocpp1.6'): AnswerReceived {
  return {
    type: 'AnswerReceived', chargePointId: 'CP001', at: AT, protocol, action, request: JSON.stringify(request),
    response: JSON.stringify(response), outcome: outcomeOf(response, protocol, action),
  };
}
