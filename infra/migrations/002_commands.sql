-- Read models of remote commands and of the station facts their answers establish (OCPP 1.6
-- Firmware Management, Local Auth List Management, Reservation, Smart Charging and the
-- configuration keys of Core). As in 001: every row is rebuilt by replaying Kafka, so no
-- column takes a default from the clock.

-- FirmwareStatusNotification / DiagnosticsStatusNotification (OCPP 1.6 §4.4, §4.5), written by
-- the charge-points projection from 'stations'.
ALTER TABLE charge_points
  ADD COLUMN firmware_status       TEXT,
  ADD COLUMN firmware_status_at    TIMESTAMPTZ,
  ADD COLUMN diagnostics_status    TEXT,
  ADD COLUMN diagnostics_status_at TIMESTAMPTZ,
  ADD COLUMN diagnostics_file_name TEXT;

-- The life of every command from 'commands': Requested -> Sent -> one final outcome. The
-- columns of a step are nullable because a rebuild of a truncated topic may start mid-life.
CREATE TABLE commands (
  id                TEXT PRIMARY KEY,
  charge_point_id   TEXT NOT NULL,
  action            TEXT NOT NULL,
  -- JSON text exactly as the events carry it.
  payload           TEXT,
  timeout_seconds   INTEGER,
  status            TEXT NOT NULL CHECK (status IN ('Requested', 'Sent', 'Accepted', 'Rejected', 'Failed', 'TimedOut', 'NotConnected')),
  response          TEXT,
  error_code        TEXT,
  error_description TEXT,
  requested_at      TIMESTAMPTZ,
  sent_at           TIMESTAMPTZ,
  completed_at      TIMESTAMPTZ,
  node              INTEGER,
  connection_id     TEXT,
  message_id        TEXT
);
CREATE INDEX commands_charge_point_idx ON commands (charge_point_id, requested_at DESC);

-- ReserveNow / CancelReservation (OCPP 1.6 §5.13, §5.1) and how a reservation ended. A
-- reservationId is the operator's, unique per charge point; reusing it replaces the reservation.
CREATE TABLE reservations (
  charge_point_id TEXT NOT NULL,
  reservation_id  INTEGER NOT NULL,
  connector_id    INTEGER,
  id_tag          TEXT,
  parent_id_tag   TEXT,
  expiry_date     TIMESTAMPTZ,
  status          TEXT NOT NULL CHECK (status IN ('Active', 'Cancelled', 'Used', 'Expired')),
  made_at         TIMESTAMPTZ,
  ended_at        TIMESTAMPTZ,
  transaction_id  INTEGER,
  PRIMARY KEY (charge_point_id, reservation_id)
);
CREATE INDEX reservations_status_idx ON reservations (status, made_at DESC);

-- The Local Authorization List (OCPP 1.6 §3.5.3, §5.15): the version the CSMS last sent and
-- the station accepted, and the version the station last reported (GetLocalListVersion).
CREATE TABLE local_lists (
  charge_point_id  TEXT PRIMARY KEY,
  version_sent     INTEGER,
  update_type      TEXT,
  sent_at          TIMESTAMPTZ,
  version_reported INTEGER,
  reported_at      TIMESTAMPTZ
);

CREATE TABLE local_list_entries (
  charge_point_id TEXT NOT NULL,
  id_tag          TEXT NOT NULL,
  status          TEXT NOT NULL,
  expiry_date     TIMESTAMPTZ,
  parent_id_tag   TEXT,
  updated_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (charge_point_id, id_tag)
);

-- Installed charging profiles (OCPP 1.6 §3.13, §5.16). chargingProfileId is unique per charge
-- point; the replacement rules are applied by the projector.
CREATE TABLE charging_profiles (
  charge_point_id     TEXT NOT NULL,
  charging_profile_id INTEGER NOT NULL,
  connector_id        INTEGER NOT NULL,
  stack_level         INTEGER NOT NULL,
  purpose             TEXT NOT NULL,
  transaction_id      INTEGER,
  valid_from          TIMESTAMPTZ,
  valid_to            TIMESTAMPTZ,
  -- The csChargingProfiles object as JSON text.
  profile             TEXT NOT NULL,
  set_at              TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (charge_point_id, charging_profile_id)
);
CREATE INDEX charging_profiles_connector_idx ON charging_profiles (charge_point_id, connector_id, stack_level);

-- The latest GetCompositeSchedule answer per connector (OCPP 1.6 §5.7).
CREATE TABLE composite_schedules (
  charge_point_id TEXT NOT NULL,
  connector_id    INTEGER NOT NULL,
  schedule_start  TIMESTAMPTZ,
  -- The chargingSchedule object as JSON text.
  schedule        TEXT,
  reported_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id)
);

-- Configuration keys as the station reported them (GetConfiguration, OCPP 1.6 §5.8).
CREATE TABLE configuration_keys (
  charge_point_id TEXT NOT NULL,
  key             TEXT NOT NULL,
  value           TEXT,
  readonly        BOOLEAN NOT NULL,
  reported_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (charge_point_id, key)
);

-- The latest ChangeConfiguration answer per key (OCPP 1.6 §5.3): Accepted, Rejected,
-- RebootRequired or NotSupported.
CREATE TABLE configuration_changes (
  charge_point_id TEXT NOT NULL,
  key             TEXT NOT NULL,
  value           TEXT NOT NULL,
  status          TEXT NOT NULL,
  requested_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (charge_point_id, key)
);
