-- Read models folded from Kafka by projections/. Kafka is the source of truth: every row
-- here can be deleted and rebuilt by replaying the topics from offset 0 (DESIGN invariant 4),
-- so no column has a default taken from the clock; every time comes from an event.

-- One row per charge point, written by the charge-points projection from two topics whose
-- columns are disjoint, so the row does not depend on how the two topics interleave:
--   operator config from 'chargePoints' (registered .. updated_at),
--   what the station told us from 'stations' (vendor .. last_seen_at).
CREATE TABLE charge_points (
  id                       TEXT PRIMARY KEY,
  registered               BOOLEAN NOT NULL DEFAULT false,
  name                     TEXT,
  location                 TEXT,
  registration_status      TEXT CHECK (registration_status IN ('Accepted', 'Pending', 'Rejected')),
  updated_at               TIMESTAMPTZ,
  vendor                   TEXT,
  model                    TEXT,
  serial_number            TEXT,
  charge_box_serial_number TEXT,
  firmware_version         TEXT,
  iccid                    TEXT,
  imsi                     TEXT,
  meter_type               TEXT,
  meter_serial_number      TEXT,
  heartbeat_interval       INTEGER,
  last_boot_status         TEXT,
  last_boot_at             TIMESTAMPTZ,
  last_heartbeat_at        TIMESTAMPTZ,
  last_seen_at             TIMESTAMPTZ
);

-- Latest StatusNotification per connector; connector 0 is the charge point as a whole.
CREATE TABLE connectors (
  charge_point_id   TEXT NOT NULL,
  connector_id      INTEGER NOT NULL,
  status            TEXT NOT NULL,
  error_code        TEXT NOT NULL,
  info              TEXT,
  vendor_id         TEXT,
  vendor_error_code TEXT,
  -- The station's own timestamp when it sent one, else when the CSMS received the frame.
  status_at         TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id)
);

-- The latest WebSocket of each charge point, from StationConnected / StationDisconnected.
CREATE TABLE connections (
  charge_point_id TEXT PRIMARY KEY,
  connected       BOOLEAN NOT NULL,
  node            INTEGER NOT NULL,
  connection_id   TEXT NOT NULL,
  protocol        TEXT,
  remote_address  TEXT,
  connected_at    TIMESTAMPTZ,
  disconnected_at TIMESTAMPTZ,
  close_code      INTEGER,
  close_reason    TEXT
);

-- A stop can arrive for a transaction whose start the CSMS never saw, so the start columns
-- are nullable.
CREATE TABLE transactions (
  transaction_id   BIGINT PRIMARY KEY,
  charge_point_id  TEXT NOT NULL,
  connector_id     INTEGER,
  id_tag           TEXT,
  id_tag_status    TEXT,
  reservation_id   BIGINT,
  meter_start_wh   BIGINT,
  meter_stop_wh    BIGINT,
  energy_wh        BIGINT,
  started_at       TIMESTAMPTZ,
  stopped_at       TIMESTAMPTZ,
  duration_seconds BIGINT,
  stop_reason      TEXT,
  status           TEXT NOT NULL CHECK (status IN ('Active', 'Completed'))
);
CREATE INDEX transactions_charge_point_idx ON transactions (charge_point_id, started_at);
CREATE INDEX transactions_started_at_idx ON transactions (started_at);

-- One row per sampled value, keyed by where it came from in the 'sessions' topic (partition,
-- offset, index in the record), so re-applying a record never duplicates a sample.
CREATE TABLE meter_values (
  source_partition INTEGER NOT NULL,
  source_offset    BIGINT NOT NULL,
  sample_index     INTEGER NOT NULL,
  charge_point_id  TEXT NOT NULL,
  connector_id     INTEGER,
  transaction_id   BIGINT,
  sampled_at       TIMESTAMPTZ NOT NULL,
  measurand        TEXT NOT NULL,
  value            TEXT NOT NULL,
  unit             TEXT,
  context          TEXT,
  phase            TEXT,
  location         TEXT,
  format           TEXT,
  PRIMARY KEY (source_partition, source_offset, sample_index)
);
CREATE INDEX meter_values_transaction_idx ON meter_values (transaction_id, sampled_at);

CREATE TABLE id_tags (
  id_tag        TEXT PRIMARY KEY,
  status        TEXT NOT NULL CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid')),
  expiry_date   TIMESTAMPTZ,
  parent_id_tag TEXT,
  updated_at    TIMESTAMPTZ NOT NULL
);

-- Log of authorization decisions (AuthorizationDecided on 'sessions'), keyed like meter_values.
CREATE TABLE authorizations (
  source_partition INTEGER NOT NULL,
  source_offset    BIGINT NOT NULL,
  charge_point_id  TEXT NOT NULL,
  id_tag           TEXT NOT NULL,
  status           TEXT NOT NULL,
  expiry_date      TIMESTAMPTZ,
  parent_id_tag    TEXT,
  decided_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (source_partition, source_offset)
);
CREATE INDEX authorizations_id_tag_idx ON authorizations (id_tag, decided_at);

-- The next Kafka offset each projection will apply, written in the same transaction as the
-- rows it produced: PostgreSQL, not the consumer group, is the truth of where a projection is.
CREATE TABLE projection_offsets (
  projection  TEXT NOT NULL,
  topic       TEXT NOT NULL,
  partition   INTEGER NOT NULL,
  next_offset BIGINT NOT NULL,
  PRIMARY KEY (projection, topic, partition)
);
