-- Transaction stops as the charging-profiles projection saw them. A TxProfile applies to one
-- transaction and the station discards it when that transaction ends (OCPP 1.6 §3.13.1, §5.16).
-- Profiles come from 'stations' and stops from 'sessions', two topics read in no fixed order
-- relative to each other, so a profile may be projected after the stop that ended it: the stop
-- is remembered here (one row per stop event) so that both orders yield the same rows.
CREATE TABLE charging_profile_transaction_ends (
  charge_point_id TEXT NOT NULL,
  transaction_id  INTEGER NOT NULL,
  -- Null when the CSMS never saw the start: that stop ends profiles by transaction id only.
  connector_id    INTEGER,
  ended_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (charge_point_id, transaction_id, ended_at)
);
CREATE INDEX charging_profile_transaction_ends_connector_idx
  ON charging_profile_transaction_ends (charge_point_id, connector_id, ended_at);
