// Folds ChargingProfileSet / ChargingProfilesCleared / CompositeScheduleReported from
// 'stations' into charging_profiles and composite_schedules: the profiles installed on each
// connector as the station accepted them, and the last composite schedule it reported. Folds
// TransactionStopped from 'sessions' too: the station discards a TxProfile when its
// transaction ends (see transaction-ends.ts for why both orders of the topics agree).
import type { ChargingProfileSet, SessionEvent, StationEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert, type Statement } from '../upsert.ts';
import { clearedBy, compositeScheduleRow, profileRow, replacedBy } from './rows.ts';
import { discardedBy, endedBefore, transactionEnded } from './transaction-ends.ts';

async function run(db: Db, ...statements: Statement[]): Promise<void> {
  for (const statement of statements) await db.query(statement.text, statement.values);
}

async function setProfile(db: Db, event: ChargingProfileSet): Promise<void> {
  await run(db, replacedBy(event), upsert('charging_profiles', profileRow(event), { key: ['charge_point_id', 'charging_profile_id'] }));
  const ended = endedBefore(event);
  if (ended !== null) await run(db, ended);
}

export async function projectChargingProfileEvent(db: Db, event: StationEvent): Promise<void> {
  switch (event.type) {
    case 'ChargingProfileSet':
      return setProfile(db, event);
    case 'ChargingProfilesCleared':
      return run(db, clearedBy(event));
    case 'CompositeScheduleReported':
      return run(db, upsert('composite_schedules', compositeScheduleRow(event), { key: ['charge_point_id', 'connector_id'] }));
    case 'StationConnected':
    case 'StationDisconnected':
    case 'StationBooted':
    case 'HeartbeatReceived':
    case 'ConnectorStatusChanged':
    case 'DataTransferReceived':
    case 'FirmwareStatusReported':
    case 'DiagnosticsStatusReported':
    case 'ConfigurationReported':
    case 'ConfigurationChanged':
    case 'LocalListUpdated':
    case 'LocalListVersionReported':
    case 'ReservationMade':
    case 'ReservationEnded':
      return;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled station event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export async function projectTransactionEnd(db: Db, event: SessionEvent): Promise<void> {
  switch (event.type) {
    case 'TransactionStopped':
      return run(db, transactionEnded(event), discardedBy(event));
    case 'AuthorizationDecided':
    case 'TransactionStarted':
    case 'MeterValuesSampled':
      return;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled session event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

async function apply(db: Db, record: ProjectionRecord, _position: Position): Promise<void> {
  switch (record.topic) {
    case 'stations':
      return record.value === null ? undefined : projectChargingProfileEvent(db, record.value);
    case 'sessions':
      return record.value === null ? undefined : projectTransactionEnd(db, record.value);
    case 'idTags':
    case 'chargePoints':
    case 'commands':
      return undefined;
    default: {
      const _exhaustive: never = record;
      throw new Error(`unexpected record ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export const chargingProfilesProjection: Projection = {
  name: 'charging-profiles',
  topics: ['stations', 'sessions'],
  async reset(db) {
    await db.query('DELETE FROM charging_profiles');
    await db.query('DELETE FROM charging_profile_transaction_ends');
    await db.query('DELETE FROM composite_schedules');
  },
  apply,
};
