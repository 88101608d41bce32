-- Who asked, and what the station registry holds about credentials. As before: every row is
-- rebuilt by replaying Kafka, so no column takes a default from the clock.

-- The principal behind each command (CommandRequested.requestedBy): key:<id>, sub:<subject> or
-- csms:<component>; null for commands requested before operators authenticated.
ALTER TABLE commands ADD COLUMN requested_by TEXT;

-- The OCPP security profile a registered station must connect with at least (1.6 Security
-- Whitepaper §2.2); null while the station is not registered.
ALTER TABLE charge_points ADD COLUMN security_profile INTEGER CHECK (security_profile BETWEEN 0 AND 3);

-- That a station has an HTTP Basic password (security profiles 1 and 2), when and by whom it was
-- set, and until when the password it replaced still opens a connection. Never the password nor
-- its hash: those stay on the compacted credentials topic the gateway reads.
CREATE TABLE station_credentials (
  charge_point_id      TEXT PRIMARY KEY,
  password_set_at      TIMESTAMPTZ NOT NULL,
  password_set_by      TEXT,
  previous_valid_until TIMESTAMPTZ
);
