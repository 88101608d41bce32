-- Records a processor or projection set aside (csms.dead-letter), and whether they were re-driven.
-- One row per dead-letter id (<consumer>/<topic>/<partition>/<offset>): a dead letter written
-- twice (a crash between writing it and committing past its record) is one row.
CREATE TABLE dead_letters (
  id              TEXT PRIMARY KEY,
  consumer        TEXT NOT NULL,
  source_topic    TEXT NOT NULL,
  source_partition INTEGER NOT NULL,
  source_offset   BIGINT NOT NULL,
  record_key      TEXT,
  reason          TEXT NOT NULL,
  error           TEXT NOT NULL,
  -- The record's own timestamp in its topic.
  recorded_at     TIMESTAMPTZ NOT NULL,
  value           BYTEA NOT NULL,
  redriven_at     TIMESTAMPTZ,
  redriven_by     TEXT,
  redrive_outcome TEXT
);
CREATE INDEX dead_letters_open_idx ON dead_letters (consumer, recorded_at) WHERE redriven_at IS NULL;
