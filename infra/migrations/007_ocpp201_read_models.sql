-- Read models of OCPP 2.0.1 stations, beside the 1.6 ones (the domain facts are the same; 2.0.1
-- adds detail). Every change is additive on a database in use: new nullable columns, a key
-- widened with a column whose value for every existing row is 0, new tables. As before, every
-- row is rebuilt by replaying Kafka, so no column takes a default from the clock.

-- 2.0.1 transactions (TransactionEvent, use cases E01-E15). Null for 1.6 transactions.
ALTER TABLE transactions
  -- The transaction id the station chose; transaction_id stays the CSMS's own number.
  ADD COLUMN station_transaction_id TEXT,
  -- The connector within the EVSE whose id is connector_id.
  ADD COLUMN evse_connector_id      INTEGER,
  ADD COLUMN id_token_type          TEXT,
  -- The remoteStartId of the RequestStartTransaction that started it (use cases F01, F02).
  ADD COLUMN remote_start_id        INTEGER,
  -- The highest seqNo received, the seqNos below it still missing ("helps with determining if
  -- all messages of a transaction have been received"), and what the event with the highest
  -- seqNo said.
  ADD COLUMN last_seq_no            INTEGER,
  ADD COLUMN missing_seq_nos        INTEGER[],
  ADD COLUMN trigger_reason         TEXT,
  ADD COLUMN charging_state         TEXT,
  -- Whether any of its events was sent while the station was offline.
  ADD COLUMN offline                BOOLEAN;
CREATE INDEX transactions_remote_start_idx ON transactions (remote_start_id) WHERE remote_start_id IS NOT NULL;

-- Sampled values of 2.0.1 meters: the connector within the EVSE, and the meter's signature of
-- the reading (signedMeterValue), kept for the driver to verify.
ALTER TABLE meter_values
  ADD COLUMN evse_connector_id INTEGER,
  ADD COLUMN signed_meter_data TEXT,
  ADD COLUMN signing_method    TEXT,
  ADD COLUMN encoding_method   TEXT,
  ADD COLUMN public_key        TEXT;

-- A 2.0.1 StatusNotification is per connector of an EVSE (connector_id holds the EVSE id, as in
-- the domain), so several connectors of one EVSE are kept apart by the connector within it; 0 for
-- a 1.6 connector, which is every row written before. A projections service of the previous
-- release cannot write connectors once this key is in place: stop it before starting this one.
ALTER TABLE connectors ADD COLUMN evse_connector_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connectors DROP CONSTRAINT connectors_pkey;
ALTER TABLE connectors ADD PRIMARY KEY (charge_point_id, connector_id, evse_connector_id);

-- The OCPP 2.0.1 IdTokenEnumType an id tag must be presented as; null matches any type.
ALTER TABLE id_tags ADD COLUMN id_token_type TEXT;

-- The 2.0.1 device model (Part 1 §4, use cases B06-B08): per charge point, one row per variable
-- attribute a NotifyReport, GetVariables or SetVariables answer told of. Component and variable
-- names and instances are case-insensitive (Part 2, ComponentType / VariableType), so the key is
-- their case-folded tuple; the other columns keep the names as the station last wrote them.
CREATE TABLE device_variables (
  charge_point_id    TEXT NOT NULL,
  variable_key       TEXT NOT NULL,
  component          TEXT NOT NULL,
  component_instance TEXT,
  evse_id            INTEGER,
  connector_id       INTEGER,
  variable           TEXT NOT NULL,
  variable_instance  TEXT,
  attribute_type     TEXT NOT NULL,
  value              TEXT,
  mutability         TEXT,
  persistent         BOOLEAN,
  constant           BOOLEAN,
  data_type          TEXT,
  unit               TEXT,
  values_list        TEXT,
  min_limit          DOUBLE PRECISION,
  max_limit          DOUBLE PRECISION,
  -- The attributeStatus of the latest GetVariables / SetVariables answer about it.
  last_status        TEXT,
  updated_at         TIMESTAMPTZ NOT NULL,
  source             TEXT NOT NULL CHECK (source IN ('NotifyReport', 'GetVariables', 'SetVariables')),
  PRIMARY KEY (charge_point_id, variable_key)
);

-- How far each report (GetBaseReport / GetReport, B07-B08) has come: the seqNos of its
-- NotifyReport parts received, and the seqNo of the part with tbc=false once it arrived.
CREATE TABLE device_model_reports (
  charge_point_id TEXT NOT NULL,
  request_id      INTEGER NOT NULL,
  seq_nos         INTEGER[] NOT NULL,
  final_seq_no    INTEGER,
  complete        BOOLEAN NOT NULL,
  first_part_at   TIMESTAMPTZ NOT NULL,
  last_part_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (charge_point_id, request_id)
);
CREATE INDEX device_model_reports_latest_idx ON device_model_reports (charge_point_id, first_part_at DESC);
