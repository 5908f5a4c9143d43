-- The same action plus its audit entry in the same transaction, with the statements
-- AuditLog.append sends: lock and read the chain head, then insert the entry (whose trigger
-- moves the head). The SHA-256 Swift computes between the two is computed here by sha256().
\set t random(1, :tenants)
\set v random(1, 1000000000)
BEGIN;
INSERT INTO blocked_identifiers (tenant_id, type, value)
VALUES (('00000000-0000-0000-0000-' || lpad(:t::text, 12, '0'))::uuid, 'device_id', 'bench-' || :v::text)
ON CONFLICT DO NOTHING;
INSERT INTO audit_chain_heads AS head (tenant_id) VALUES (('00000000-0000-0000-0000-' || lpad(:t::text, 12, '0'))::uuid)
ON CONFLICT (tenant_id) DO UPDATE SET tenant_id = head.tenant_id
RETURNING head.last_sequence + 1 AS seq, encode(head.last_hash, 'hex') AS prev,
    (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS micros
\gset
INSERT INTO audit_log (tenant_id, sequence, occurred_at, actor_type, actor_id, action, target_type, target_id,
    outcome, reason, detail, previous_hash, entry_hash)
VALUES (('00000000-0000-0000-0000-' || lpad(:t::text, 12, '0'))::uuid, :seq,
    timestamptz 'epoch' + :micros::bigint * interval '1 microsecond', 'api_key', gen_random_uuid(), 'identifier.blocked',
    NULL, NULL, 'success', NULL, jsonb_build_object('changed', true, 'identifierType', 'device_id'), decode(:prev, 'hex'),
    sha256(convert_to(:prev || :seq::text || :micros::text || 'identifier.blocked', 'UTF8')));
COMMIT;
