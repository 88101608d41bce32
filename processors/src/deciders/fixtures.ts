// Shared test data for the decider specs (no I/O).
import type { ChargePoint, IdTag } from '@csms/contracts';
import { defaultSettings, type FrameMeta, type ProcessorSettings } from './context.ts';

export const AT = Date.parse('2025-01-01T10:00:00.000Z');

export function frame(overrides: Partial<FrameMeta> = {}): FrameMeta {
  return { chargePointId: 'CP001', at: AT, messageId: 'm1', node: 2, connectionId: 'c1', replyExpected: true, ...overrides };
}

export function idTag(tag: string, overrides: Partial<IdTag> = {}): IdTag {
  return { idTag: tag, status: 'Accepted', expiryDate: null, parentIdTag: null, updatedAt: 0, updatedBy: null, ...overrides };
}

export function idTagTable(...tags: IdTag[]): ReadonlyMap<string, IdTag> {
  return new Map(tags.map((tag) => [tag.idTag, tag]));
}

export function chargePoint(id: string, registrationStatus: ChargePoint['registrationStatus']): ChargePoint {
  return { id, name: null, location: null, registrationStatus, updatedAt: 0, securityProfile: 0, updatedBy: null };
}

export function settings(overrides: Partial<ProcessorSettings> = {}): ProcessorSettings {
  return { ...defaultSettings, ...overrides };
}
