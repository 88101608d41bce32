-- The security profile each connection proved at the upgrade (StationConnected.securityProfile:
-- 0 plain ws://, 1 Basic over ws://, 2 Basic over TLS, 3 client certificate), so operators see
-- how a station actually connects, beside the least profile it is registered with. Null: a
-- connection projected before this column, or one whose Connected record did not say.
ALTER TABLE connections ADD COLUMN security_profile INTEGER;
