-- 20,000 profiles of tenant `bench` with identifiers, traits, channels, 30 events and 2 orders
-- each; every profile granted personalization through the ledger (the triggers derive the
-- decisions), so both roles do the same work and the difference is the consent check alone.
-- Used by scripts/bench-consent-overhead.
CREATE TEMP TABLE bench_tenant AS SELECT tenant_id FROM tenants WHERE slug = 'bench';
INSERT INTO profiles (tenant_id, profile_id, canonical_id)
SELECT t.tenant_id, p.id, p.id FROM bench_tenant t,
    (SELECT md5('p' || n)::uuid AS id FROM generate_series(1, 20000) n) p;
INSERT INTO profile_identifiers (tenant_id, type, value, profile_id)
SELECT t.tenant_id, 'email', 'c' || n || '@example.com', md5('p' || n)::uuid FROM bench_tenant t, generate_series(1, 20000) n;
INSERT INTO profile_traits (tenant_id, profile_id, key, value, source, updated_at)
SELECT t.tenant_id, md5('p' || n)::uuid, k, to_jsonb('v' || n), 'identify', now()
FROM bench_tenant t, generate_series(1, 20000) n, unnest(ARRAY['firstName', 'city', 'tier']) k;
INSERT INTO profile_channels (tenant_id, profile_id, channel, first_seen_at, last_seen_at, events)
SELECT t.tenant_id, md5('p' || n)::uuid, c, now() - interval '90 days', now(), 15
FROM bench_tenant t, generate_series(1, 20000) n, unnest(ARRAY['web', 'store']) c;
INSERT INTO events (tenant_id, profile_id, event_id, message_id, type, event, occurred_at, received_at, channel, properties)
SELECT t.tenant_id, md5('p' || n)::uuid, gen_random_uuid(), 'm' || n || '-' || e, 'track',
    CASE WHEN e % 10 = 0 THEN 'NPS Submitted' ELSE 'Product Viewed' END,
    now() - e * interval '1 day', now(), 'web', jsonb_build_object('score', e % 10)
FROM bench_tenant t, generate_series(1, 20000) n, generate_series(1, 30) e;
INSERT INTO orders (tenant_id, profile_id, order_id, channel, store_id, occurred_at, currency, discount_minor, total_minor,
    item_count, content_hash)
SELECT t.tenant_id, md5('p' || n)::uuid, 'o' || n || '-' || o, 'store', 'PAR-1', now() - o * interval '20 days', 'EUR', 0,
    10000, 1, sha256(('o' || n || '-' || o)::bytea)
FROM bench_tenant t, generate_series(1, 20000) n, generate_series(1, 2) o;
INSERT INTO order_lines (tenant_id, profile_id, order_id, line_id, position, sku, quantity, unit_price_minor,
    discount_minor, net_minor)
SELECT tenant_id, profile_id, order_id, '1', 0, 'SKU-1', 1, 10000, 0, 10000 FROM orders;
INSERT INTO consent_events (tenant_id, profile_id, purpose, granted, source, proof_format, recorded_by, occurred_at)
SELECT t.tenant_id, md5('p' || n)::uuid, 'personalization', true, 'api', 'none', 'bench', now()
FROM bench_tenant t, generate_series(1, 20000) n;
ANALYZE;
