-- Billing's read models: the tariffs and their assignments from the two compacted config topics,
-- and what sessions cost from csms.billing. As everywhere in the read models, every row can be
-- deleted and rebuilt from Kafka (DESIGN invariant 4): no column takes a default from the clock.
-- Money is BIGINT in the currency's minor unit, as pricing computes it.

-- Every tariff with all its versions (csms.config.tariffs), for the api to list and show; a
-- tombstone deletes the row. The versions are kept whole, as OCPI 2.2.1 Tariff terms, because
-- their elements and restrictions are read together or not at all.
CREATE TABLE tariffs (
  id              TEXT PRIMARY KEY,
  name            TEXT,
  -- The newest version's (highest version number) currency and number, so a list needs no
  -- unpacking; null only for a record without versions, which the api never writes.
  currency        TEXT,
  current_version INTEGER,
  versions        JSONB NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL,
  updated_by      TEXT
);

-- Which tariff prices the sessions of a scope (csms.config.tariff-assignments), keyed by the
-- topic's key (default, station:<id>, evse:<id>:<evseId>, group:<groupIdToken>) so a tombstone
-- removes exactly the row its key wrote.
CREATE TABLE tariff_assignments (
  key             TEXT PRIMARY KEY,
  scope           TEXT NOT NULL CHECK (scope IN ('Default', 'Station', 'Evse', 'IdTokenGroup')),
  charge_point_id TEXT,
  evse_id         INTEGER,
  group_id_token  TEXT,
  tariff_id       TEXT NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL,
  updated_by      TEXT
);
-- "Where is this tariff used?" and "what prices this station?".
CREATE INDEX tariff_assignments_tariff_idx ON tariff_assignments (tariff_id);
CREATE INDEX tariff_assignments_charge_point_idx ON tariff_assignments (charge_point_id) WHERE charge_point_id IS NOT NULL;

-- One row per CdrIssued (cdrId is derived from the session, so writing a CDR twice is one row).
-- The priced session is kept whole (lines, VAT, periods) for the CDR's detail and OCPI exports;
-- the columns beside it are what lists, filters, statements and exports read.
CREATE TABLE cdrs (
  cdr_id                 TEXT PRIMARY KEY,
  kind                   TEXT NOT NULL CHECK (kind IN ('Final', 'Provisional', 'Correction')),
  corrects_cdr_id        TEXT,
  -- The creditId of the CdrCredited that cancelled this CDR (a re-rating replaced it); null
  -- while it stands. The credit sets it (it follows its CDR in the same partition); a CDR
  -- folded again leaves it as it is.
  credited_by            TEXT,
  charge_point_id        TEXT NOT NULL,
  transaction_id         BIGINT NOT NULL,
  station_transaction_id TEXT,
  connector_id           INTEGER,
  id_tag                 TEXT,
  id_token_type          TEXT,
  group_id_token         TEXT,
  tariff_id              TEXT NOT NULL,
  currency               TEXT NOT NULL,
  started_at             TIMESTAMPTZ NOT NULL,
  stopped_at             TIMESTAMPTZ NOT NULL,
  energy_wh              BIGINT NOT NULL,
  charging_seconds       DOUBLE PRECISION NOT NULL,
  idle_seconds           DOUBLE PRECISION NOT NULL,
  total_excl_vat_minor   BIGINT NOT NULL,
  vat_minor              BIGINT NOT NULL,
  total_incl_vat_minor   BIGINT NOT NULL,
  flags                  TEXT[] NOT NULL,
  tariff_versions        JSONB NOT NULL,
  priced                 JSONB NOT NULL,
  -- The CdrIssued's `at`: when the CSMS received the frame it comes from, or when a re-rating ran.
  issued_at              TIMESTAMPTZ NOT NULL
);
-- Lists and exports filter by one of these and a stoppedAt period, newest or oldest first.
CREATE INDEX cdrs_stopped_at_idx ON cdrs (stopped_at);
CREATE INDEX cdrs_charge_point_idx ON cdrs (charge_point_id, stopped_at);
CREATE INDEX cdrs_id_tag_idx ON cdrs (id_tag, stopped_at) WHERE id_tag IS NOT NULL;
CREATE INDEX cdrs_group_idx ON cdrs (group_id_token, stopped_at) WHERE group_id_token IS NOT NULL;
CREATE INDEX cdrs_tariff_idx ON cdrs (tariff_id, stopped_at);
-- A running cost finds its session's billable CDR.
CREATE INDEX cdrs_transaction_idx ON cdrs (transaction_id);

-- One row per CdrCredited (creditId is derived from the credited CDR and its correction). The
-- amounts are negative: the credited CDR's, negated, so credits plus CDRs sum to what is billed.
CREATE TABLE cdr_credits (
  credit_id            TEXT PRIMARY KEY,
  credited_cdr_id      TEXT NOT NULL,
  charge_point_id      TEXT NOT NULL,
  transaction_id       BIGINT NOT NULL,
  currency             TEXT NOT NULL,
  total_excl_vat_minor BIGINT NOT NULL,
  vat_minor            BIGINT NOT NULL,
  total_incl_vat_minor BIGINT NOT NULL,
  reason               TEXT NOT NULL,
  requested_by         TEXT,
  at                   TIMESTAMPTZ NOT NULL
);
CREATE INDEX cdr_credits_at_idx ON cdr_credits (at);
CREATE INDEX cdr_credits_charge_point_idx ON cdr_credits (charge_point_id, at);

-- The latest running cost of each session (SessionCostUpdated), for drivers and dashboards while
-- it runs: a cost never replaces one that runs to a later asOf, so a late record cannot undo it.
CREATE TABLE session_costs (
  transaction_id       BIGINT PRIMARY KEY,
  charge_point_id      TEXT NOT NULL,
  tariff_id            TEXT NOT NULL,
  currency             TEXT NOT NULL,
  -- Station time the cost runs to.
  as_of                TIMESTAMPTZ NOT NULL,
  energy_wh            BIGINT NOT NULL,
  charging_seconds     DOUBLE PRECISION NOT NULL,
  idle_seconds         DOUBLE PRECISION NOT NULL,
  total_excl_vat_minor BIGINT NOT NULL,
  vat_minor            BIGINT NOT NULL,
  total_incl_vat_minor BIGINT NOT NULL,
  flags                TEXT[] NOT NULL,
  -- When the CSMS received the frame the cost comes from.
  updated_at           TIMESTAMPTZ NOT NULL
);
