-- Re-ratings (csms.billing.rerates): what was asked for, and once run, what it found for each
-- session it touched. The credits and corrections themselves are rows of cdrs and cdr_credits.
CREATE TABLE rerates (
  rerate_id     TEXT PRIMARY KEY,
  tariff_id     TEXT NOT NULL,
  period_from   TIMESTAMPTZ NOT NULL,
  period_to     TIMESTAMPTZ NOT NULL,
  dry_run       BOOLEAN NOT NULL,
  reason        TEXT NOT NULL,
  requested_by  TEXT,
  requested_at  TIMESTAMPTZ NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('Requested', 'Completed', 'Failed')),
  error         TEXT,
  -- One entry per session, as RerateCompleted carries it; null until it ran.
  sessions      JSONB
);
CREATE INDEX rerates_requested_at ON rerates (requested_at DESC, rerate_id);
