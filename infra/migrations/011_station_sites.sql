-- Where each registered station stands (ChargePoint.site), for the OCPI CDR export's cdr_location
-- (OCPI 2.2.1 §10.4.5). Operator columns like name and location: written by the chargePoints topic
-- only, cleared by a tombstone. Coordinates stay text, as written, so the export repeats them exactly.
ALTER TABLE charge_points
  ADD COLUMN site_address     TEXT,
  ADD COLUMN site_city        TEXT,
  ADD COLUMN site_postal_code TEXT,
  ADD COLUMN site_country     TEXT,
  ADD COLUMN site_latitude    TEXT,
  ADD COLUMN site_longitude   TEXT,
  ADD COLUMN site_time_zone   TEXT,
  -- A site is whole or absent: the export never sees an address without its country and coordinates.
  ADD CONSTRAINT charge_points_site_whole CHECK (
    (site_address IS NULL) = (site_city IS NULL) AND (site_address IS NULL) = (site_country IS NULL)
    AND (site_address IS NULL) = (site_latitude IS NULL) AND (site_address IS NULL) = (site_longitude IS NULL)
    AND (site_address IS NOT NULL OR (site_postal_code IS NULL AND site_time_zone IS NULL))
  );
