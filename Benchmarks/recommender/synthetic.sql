-- A synthetic omnichannel clientele for the recommender benchmark (scripts/bench-recommender),
-- written straight into the fact tables as the owner:
-- `psql -v tenant=<uuid> -v profiles=<n> -f synthetic.sql`.
-- 120 days ending yesterday; 10,000 items in 50 families of 200 (category = family); each
-- person has a family and about 10 interactions: 2-4 one-line orders (store or web) and 4-8
-- product views, 80 % in their family and 20 % anywhere (skewed towards low item numbers, the
-- best sellers). 100,000 people make about 1 M interactions. Seeded (setseed), so a rerun
-- generates the same facts for the same tenant id.
\set ON_ERROR_STOP on
SELECT setseed(0.17) \gset
SET synchronous_commit = off;

CREATE TEMP TABLE synth_people AS
SELECT n, md5(:'tenant' || '/r/' || n)::uuid AS profile_id, n % 50 AS family
FROM generate_series(1, :profiles) AS n;

CREATE TEMP TABLE synth_base AS SELECT date_trunc('day', now()) - interval '120 days' AS base;

INSERT INTO profiles (tenant_id, profile_id, canonical_id, created_at)
SELECT :'tenant', profile_id, profile_id, (SELECT base FROM synth_base) FROM synth_people;

CREATE TEMP TABLE synth_facts AS
SELECT row_number() OVER () AS n, f.profile_id, f.kind, floor(random() * 120)::int AS day,
    'SKU-' || lpad((CASE WHEN random() < 0.8 THEN f.family * 200 + floor(random() * 200)::int
                         ELSE floor(10000 * random() * random())::int END)::text, 5, '0') AS sku
FROM (
    SELECT p.profile_id, p.family, 'order' AS kind FROM synth_people p
    CROSS JOIN LATERAL generate_series(1, 2 + floor(random() * 3)::int + p.n * 0)
    UNION ALL
    SELECT p.profile_id, p.family, 'view' FROM synth_people p
    CROSS JOIN LATERAL generate_series(1, 4 + floor(random() * 5)::int + p.n * 0)
) f;

INSERT INTO items (tenant_id, sku, name, category_path)
SELECT :'tenant', 'SKU-' || lpad(i::text, 5, '0'), 'Item ' || i, ARRAY['family-' || (i / 200)]
FROM generate_series(0, 9999) AS i
ON CONFLICT DO NOTHING;

INSERT INTO orders (tenant_id, profile_id, order_id, channel, store_id, occurred_at, currency, discount_minor,
    total_minor, item_count, content_hash)
SELECT :'tenant', profile_id, 'RO-' || n, CASE WHEN n % 3 = 0 THEN 'store' ELSE 'web' END,
    CASE WHEN n % 3 = 0 THEN 'PAR-1' END,
    (SELECT base FROM synth_base) + make_interval(days => day, hours => 10), 'EUR', 0, 10000, 1,
    sha256(convert_to('RO-' || n, 'UTF8'))
FROM synth_facts WHERE kind = 'order';

INSERT INTO order_lines (tenant_id, profile_id, order_id, line_id, position, sku, quantity, unit_price_minor,
    discount_minor, net_minor)
SELECT :'tenant', profile_id, 'RO-' || n, '1', 0, sku, 1, 10000, 0, 10000 FROM synth_facts WHERE kind = 'order';

INSERT INTO events (tenant_id, profile_id, event_id, message_id, type, event, occurred_at, received_at, channel,
    properties)
SELECT :'tenant', profile_id, md5('rv/' || n)::uuid, 'rv-' || n, 'track', 'Product Viewed',
    (SELECT base FROM synth_base) + make_interval(days => day, hours => 15),
    (SELECT base FROM synth_base) + make_interval(days => day, hours => 15), 'web', jsonb_build_object('sku', sku)
FROM synth_facts WHERE kind = 'view';

ANALYZE;
SELECT format('%s profiles, %s orders, %s product views', (SELECT count(*) FROM synth_people),
    (SELECT count(*) FROM synth_facts WHERE kind = 'order'), (SELECT count(*) FROM synth_facts WHERE kind = 'view'));
