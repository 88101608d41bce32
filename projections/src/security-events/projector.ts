// Folds every record of 'security' into security_events, one row per record: what the gateway
// refused or replaced, what stations reported, and how their certificate requests went.
import type { SecurityRecord } from '@csms/contracts';
import type { ProjectionDb } from '../db.ts';
import { defineProjection, type Position } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { securityEventRow } from './rows.ts';

const key = ['source_partition', 'source_offset'];

function record(db: ProjectionDb, event: SecurityRecord, position: Position): Promise<void> {
  return db.write(upsert('security_events', securityEventRow(event, position), { key }));
}

export const securityEventsProjection = defineProjection({
  name: 'security-events',
  tables: ['security_events'],
  security: {
    StationAuthenticationRefused: record,
    ConnectionReplaced: record,
    SecurityEventReported: record,
    CertificateSigningRequested: record,
    CertificateIssued: record,
    CertificateSigningRefused: record,
  },
});
