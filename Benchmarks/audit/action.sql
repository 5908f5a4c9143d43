-- Baseline: an admin action alone (block a random device id of a random tenant).
\set t random(1, :tenants)
\set v random(1, 1000000000)
BEGIN;
INSERT INTO blocked_identifiers (tenant_id, type, value)
VALUES (('00000000-0000-0000-0000-' || lpad(:t::text, 12, '0'))::uuid, 'device_id', 'bench-' || :v::text)
ON CONFLICT DO NOTHING;
COMMIT;
