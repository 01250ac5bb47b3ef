-- Tenants are owned here and every change is published on tavern.tenants.v1, which the other services read instead
-- of keeping tenants of their own. A DELETED tenant keeps its row: other services file its data under its id, so the
-- id is never given to another tenant.
ALTER TABLE tenant
    ADD COLUMN status         TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'DELETED')),
    -- SHA-256 of the tenant's admin key (tadm_...). Tenants created before have none until the operator issues one.
    ADD COLUMN admin_key_hash BYTEA,
    -- Counts changes; consumers of the topic ignore a record whose revision is not above the one they hold.
    ADD COLUMN revision       INT NOT NULL DEFAULT 1,
    ADD COLUMN changed_at     TIMESTAMPTZ;

CREATE UNIQUE INDEX tenant_admin_key_hash ON tenant (admin_key_hash) WHERE admin_key_hash IS NOT NULL;

UPDATE tenant SET changed_at = created_at;

-- Tenants created before are announced at revision 1, so consumers know them without waiting for a change.
INSERT INTO outbox_message (event_id, topic, record_key, event_type, payload, occurred_at)
SELECT gen_random_uuid(), 'tavern.tenants.v1', t.id, 'tavern.tenant.changed',
       json_build_object(
               'id', t.id,
               'name', t.name,
               'status', t.status,
               'hostnames', coalesce((SELECT json_agg(h.hostname ORDER BY h.hostname)
                                      FROM tenant_hostname h WHERE h.tenant_id = t.id), '[]'::json),
               'publicBaseUrl', t.public_base_url,
               'adminKeyHash', NULL,
               'revision', t.revision,
               'changedAt', to_char(t.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text,
       now()
FROM tenant t
ORDER BY t.id;
