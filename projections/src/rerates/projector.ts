// Folds csms.billing.rerates into rerates: a re-rating is Requested until its RerateCompleted is
// folded. The credits and Corrections it wrote are the billing projection's (csms.billing).
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { rerateCompletedRow, rerateRequestedRow } from './rows.ts';

export const reratesProjection = defineProjection({
  name: 'rerates',
  tables: ['rerates'],
  rerates: {
    // A request folded again after it ran must not make it look pending.
    RerateRequested: (db, event) => db.write(upsert('rerates', rerateRequestedRow(event), { key: ['rerate_id'], where: "rerates.status = 'Requested'" })),
    RerateCompleted: (db, event) => db.write(upsert('rerates', rerateCompletedRow(event), { key: ['rerate_id'] })),
  },
});
