-- Read models of the OCPP 1.6 security extension (Security Whitepaper, edition 3). As in 001:
-- every row is rebuilt by replaying Kafka, so no column takes a default from the clock.

-- LogStatusNotification (use case N01): how the upload GetLog asked for goes, written by the
-- charge-points projection from 'stations'. SignedFirmwareStatusNotification reports in the
-- firmware columns of 002, with the requestId of its SignedUpdateFirmware (L01).
ALTER TABLE charge_points
  ADD COLUMN log_status            TEXT,
  ADD COLUMN log_status_request_id INTEGER,
  ADD COLUMN log_status_at         TIMESTAMPTZ,
  ADD COLUMN firmware_request_id   INTEGER;

-- One row per record of 'security', keyed by where it sits in the topic, so re-applying a
-- record never duplicates it. Which columns are set depends on the type; CSRs and certificates
-- themselves are not kept, only what identifies them.
CREATE TABLE security_events (
  source_partition        INTEGER NOT NULL,
  source_offset           BIGINT NOT NULL,
  charge_point_id         TEXT NOT NULL,
  type                    TEXT NOT NULL CHECK (type IN (
    'StationAuthenticationRefused', 'ConnectionReplaced', 'SecurityEventReported',
    'CertificateSigningRequested', 'CertificateIssued', 'CertificateSigningRefused')),
  -- When the CSMS saw it.
  at                      TIMESTAMPTZ NOT NULL,
  -- SecurityEventReported (use case A04): the station's event type, its own time, its detail.
  event_type              TEXT,
  station_timestamp       TIMESTAMPTZ,
  tech_info               TEXT,
  -- StationAuthenticationRefused and ConnectionReplaced: the gateway's view of the connection.
  node                    INTEGER,
  remote_address          TEXT,
  connection_id           TEXT,
  previous_connection_id  TEXT,
  previous_remote_address TEXT,
  presented_profile       INTEGER,
  required_profile        INTEGER,
  -- A refusal's stable code (authentication or certificate signing) and its detail.
  reason                  TEXT,
  detail                  TEXT,
  -- Certificate signing (use cases A02, A03): the request, and the certificate issued for it.
  request_id              TEXT,
  command_id              TEXT,
  serial_number           TEXT,
  subject                 TEXT,
  not_after               TIMESTAMPTZ,
  PRIMARY KEY (source_partition, source_offset)
);
CREATE INDEX security_events_charge_point_idx ON security_events (charge_point_id, at DESC);
CREATE INDEX security_events_at_idx ON security_events (at DESC);
CREATE INDEX security_events_type_idx ON security_events (type, at DESC);
