// Every projection of the service, by name.
import { billingProjection } from '../billing/projector.ts';
import { chargePointsProjection } from '../charge-points/projector.ts';
import { chargingProfilesProjection } from '../charging-profiles/projector.ts';
import { commandsProjection } from '../commands/projector.ts';
import { configurationProjection } from '../configuration/projector.ts';
import { connectionsProjection } from '../connections/projector.ts';
import { deadLettersProjection } from '../dead-letters/projector.ts';
import { deviceModelProjection } from '../device-model/projector.ts';
import { idTagsProjection } from '../id-tags/projector.ts';
import { localListsProjection } from '../local-lists/projector.ts';
import type { Projection, ProjectionName } from '../projection.ts';
import { reratesProjection } from '../rerates/projector.ts';
import { reservationsProjection } from '../reservations/projector.ts';
import { securityEventsProjection } from '../security-events/projector.ts';
import { stationCredentialsProjection } from '../station-credentials/projector.ts';
import { tariffsProjection } from '../tariffs/projector.ts';
import { transactionsProjection } from '../transactions/projector.ts';

export const projections: readonly Projection[] = [
  chargePointsProjection, connectionsProjection, transactionsProjection, idTagsProjection, commandsProjection,
  reservationsProjection, localListsProjection, chargingProfilesProjection, configurationProjection, securityEventsProjection,
  deadLettersProjection, stationCredentialsProjection, deviceModelProjection, billingProjection, reratesProjection, tariffsProjection,
];

export function findProjection(name: string): Projection | undefined {
  return projections.find((projection) => projection.name === name);
}

export function projectionNames(): ProjectionName[] {
  return projections.map((projection) => projection.name);
}
