-- Tenants are owned by scheduler-service and read from tavern.tenants.v1 (held in memory, like every service but
-- their owner): this service no longer keeps a table of them. Connections, campaigns and streamers stay filed under
-- the tenant's id. A tenant created here before has to be created at scheduler-service with the same id
-- (docs/operations.md, "Onboarding a community").
DROP TABLE tenant;
