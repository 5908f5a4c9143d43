-- A synthetic clientele for the score benchmark (scripts/bench-scores), written straight into
-- the fact tables as the owner: `psql -v tenant=<uuid> -v profiles=<n> -f synthetic.sql`.
-- The same story as the tests' SyntheticCustomers: 180 days ending yesterday; background orders
-- in the first 109 days; in each of the two 30-day label windows (after days 119 and 149)
-- about 30 % of people are "in the market": 2-5 product views in the 5 days before the window
-- and a 70 % chance of buying in it (8 % for the others); 0-2 random product views each as
-- noise. Seeded (setseed; random() keeps the plan serial), so a rerun generates the same facts
-- for the same tenant id.
\set ON_ERROR_STOP on
SELECT setseed(0.42) \gset
SET synchronous_commit = off;

CREATE TEMP TABLE synth_people AS
SELECT n, md5(:'tenant' || '/' || n)::uuid AS profile_id,
    40000 + floor(random() * 41)::int * 1000 AS level,
    random() < 0.3 AS market1, random() < 0.3 AS market2
FROM generate_series(1, :profiles) AS n;

CREATE TEMP TABLE synth_base AS SELECT date_trunc('day', now()) - interval '180 days' AS base;

INSERT INTO profiles (tenant_id, profile_id, canonical_id, created_at)
SELECT :'tenant', profile_id, profile_id, (SELECT base FROM synth_base) FROM synth_people;

CREATE TEMP TABLE synth_orders AS
SELECT row_number() OVER () AS n, o.profile_id, o.day, o.hour,
    o.level * (70 + floor(random() * 61)::int) / 100 AS price,
    CASE WHEN random() < 0.4 THEN 'store' ELSE 'web' END AS channel,
    (ARRAY['BELT-1', 'SCARF-1', 'SCARF-2', 'BAG-1', 'BAG-2', 'RING-1'])[1 + floor(random() * 6)::int] AS sku
FROM (
    SELECT p.profile_id, p.level, d.day, 10 AS hour FROM synth_people p
    CROSS JOIN LATERAL (
        SELECT floor(random() * 109)::int AS day FROM generate_series(1, floor(random() * 4)::int + p.n * 0)
    ) d
    UNION ALL
    SELECT profile_id, level, 120 + floor(random() * 29)::int, 10 FROM synth_people
    WHERE random() < CASE WHEN market1 THEN 0.7 ELSE 0.08 END
    UNION ALL
    SELECT profile_id, level, 150 + floor(random() * 29)::int, 10 FROM synth_people
    WHERE random() < CASE WHEN market2 THEN 0.7 ELSE 0.08 END
    UNION ALL
    SELECT profile_id, level, 179, 12 FROM synth_people WHERE n = 1
) o;

INSERT INTO orders (tenant_id, profile_id, order_id, channel, store_id, occurred_at, currency, discount_minor,
    total_minor, item_count, content_hash)
SELECT :'tenant', profile_id, 'BO-' || n, channel, CASE WHEN channel = 'store' THEN 'PAR-1' END,
    (SELECT base FROM synth_base) + make_interval(days => day, hours => hour), 'EUR', 0, price, 1,
    sha256(convert_to('BO-' || n, 'UTF8'))
FROM synth_orders;

INSERT INTO order_lines (tenant_id, profile_id, order_id, line_id, position, sku, quantity, unit_price_minor,
    discount_minor, net_minor)
SELECT :'tenant', profile_id, 'BO-' || n, '1', 0, sku, 1, price, 0, price FROM synth_orders;

INSERT INTO items (tenant_id, sku, name, category_path)
VALUES (:'tenant', 'BELT-1', 'Belt', '{belts}'), (:'tenant', 'SCARF-1', 'Scarf', '{scarves}'),
    (:'tenant', 'SCARF-2', 'Scarf', '{scarves}'), (:'tenant', 'BAG-1', 'Bag', '{bags}'),
    (:'tenant', 'BAG-2', 'Bag', '{bags}'), (:'tenant', 'RING-1', 'Ring', '{jewellery}')
ON CONFLICT DO NOTHING;

CREATE TEMP TABLE synth_views AS
SELECT p.profile_id, 118 - floor(random() * 5)::int AS day FROM synth_people p
CROSS JOIN LATERAL generate_series(1, 2 + floor(random() * 4)::int + p.n * 0) WHERE p.market1
UNION ALL
SELECT p.profile_id, 148 - floor(random() * 5)::int FROM synth_people p
CROSS JOIN LATERAL generate_series(1, 2 + floor(random() * 4)::int + p.n * 0) WHERE p.market2
UNION ALL
SELECT p.profile_id, floor(random() * 180)::int FROM synth_people p
CROSS JOIN LATERAL generate_series(1, floor(random() * 3)::int + p.n * 0);

INSERT INTO events (tenant_id, profile_id, event_id, message_id, type, event, occurred_at, received_at, channel,
    properties)
SELECT :'tenant', profile_id, md5('bv/' || row_number() OVER ())::uuid, 'bv-' || row_number() OVER (), 'track',
    'Product Viewed', (SELECT base FROM synth_base) + make_interval(days => day, hours => 15),
    (SELECT base FROM synth_base) + make_interval(days => day, hours => 15), 'web', '{}'
FROM synth_views;

INSERT INTO profile_channels (tenant_id, profile_id, channel, first_seen_at, last_seen_at, events)
SELECT :'tenant', profile_id, 'web', min(occurred_at), max(occurred_at), count(*)
FROM events WHERE tenant_id = :'tenant' GROUP BY profile_id;

ANALYZE;
SELECT format('%s profiles, %s orders, %s product views', (SELECT count(*) FROM synth_people),
    (SELECT count(*) FROM synth_orders), (SELECT count(*) FROM synth_views));
