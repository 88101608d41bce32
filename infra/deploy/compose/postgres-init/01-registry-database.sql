-- The schema registry keeps its schemas in a database of its own on the same server, as
-- `npm start` does (infra/scripts/start.ts: registryDatabase 'csms_registry'). Run by the
-- postgres image on its first start only. The csms database itself is made by POSTGRES_DB
-- (and would be by the services' migrate() otherwise).
CREATE DATABASE csms_registry OWNER csms;
