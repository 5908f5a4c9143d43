-- A synthetic clientele for the segmentation benchmark (scripts/bench-segmentation), written
-- straight into the fact tables as the owner: `psql -v tenant=<uuid> -v profiles=<n> -f synthetic.sql`.
-- Four planted groups, as the tests' PlantedSegments plus one, with noise so clusters overlap a
-- little, as real ones do (person n is in group n % 4):
--   0 store regulars: 6-14 store orders over the last year, bags, 2000-4000 EUR;
--   1 online returners: 2-6 web orders in the last 200 days, scarves, 200-400 EUR, the first returned;
--   2 lapsed one-timers: 1 app order 400-730 days ago, jewellery, 500-900 EUR;
--   3 mixed: 1-4 orders in the last year in any channel and category, 100-2000 EUR.
-- Seeded (setseed), so a rerun generates the same facts for the same tenant id.
\set ON_ERROR_STOP on
SELECT setseed(0.17) \gset
SET synchronous_commit = off;

CREATE TEMP TABLE synth_people AS
SELECT n, n % 4 AS grp, md5(:'tenant' || '/seg/' || n)::uuid AS profile_id
FROM generate_series(1, :profiles) AS n;

INSERT INTO profiles (tenant_id, profile_id, canonical_id, created_at)
SELECT :'tenant', profile_id, profile_id, now() - interval '800 days' FROM synth_people;

CREATE TEMP TABLE synth_orders AS
SELECT row_number() OVER () AS n, o.profile_id, o.grp, o.days_ago, o.channel, o.sku, o.price, o.first
FROM (
    SELECT p.profile_id, p.grp, k.days_ago, k.channel, k.sku, k.price, k.i = 1 AS first
    FROM synth_people p
    CROSS JOIN LATERAL (
        SELECT i,
            CASE p.grp
                WHEN 0 THEN 1 + floor(random() * 360)
                WHEN 1 THEN 5 + floor(random() * 195)
                WHEN 2 THEN 400 + floor(random() * 330)
                ELSE 1 + floor(random() * 364) END::int AS days_ago,
            CASE p.grp
                WHEN 0 THEN CASE WHEN random() < 0.95 THEN 'store' ELSE 'web' END
                WHEN 1 THEN CASE WHEN random() < 0.9 THEN 'web' ELSE 'app' END
                WHEN 2 THEN 'app'
                ELSE (ARRAY['store', 'web', 'app'])[1 + floor(random() * 3)::int] END AS channel,
            CASE p.grp
                WHEN 0 THEN CASE WHEN random() < 0.9 THEN 'BAG-1' ELSE 'BELT-1' END
                WHEN 1 THEN CASE WHEN random() < 0.9 THEN 'SCARF-1' ELSE 'BELT-1' END
                WHEN 2 THEN 'RING-1'
                ELSE (ARRAY['BELT-1', 'SCARF-1', 'BAG-1', 'RING-1'])[1 + floor(random() * 4)::int] END AS sku,
            CASE p.grp
                WHEN 0 THEN 200000 + floor(random() * 200000)
                WHEN 1 THEN 20000 + floor(random() * 20000)
                WHEN 2 THEN 50000 + floor(random() * 40000)
                ELSE 10000 + floor(random() * 190000) END::bigint AS price
        FROM generate_series(1,
            CASE p.grp WHEN 0 THEN 6 + floor(random() * 9) WHEN 1 THEN 2 + floor(random() * 5)
                WHEN 2 THEN 1 ELSE 1 + floor(random() * 4) END::int + p.n * 0) AS i
    ) k
) o;

INSERT INTO orders (tenant_id, profile_id, order_id, channel, store_id, occurred_at, currency, discount_minor,
    total_minor, item_count, content_hash)
SELECT :'tenant', profile_id, 'SO-' || n, channel, CASE WHEN channel = 'store' THEN 'PAR-1' END,
    now() - make_interval(days => days_ago, hours => 2), 'EUR', 0, price, 1, sha256(convert_to('SO-' || n, 'UTF8'))
FROM synth_orders;

INSERT INTO order_lines (tenant_id, profile_id, order_id, line_id, position, sku, quantity, unit_price_minor,
    discount_minor, net_minor)
SELECT :'tenant', profile_id, 'SO-' || n, '1', 0, sku, 1, price, 0, price FROM synth_orders;

-- Group 1 returns its first order (in full) a day after buying it.
INSERT INTO returns (tenant_id, profile_id, return_id, order_id, occurred_at, reason, refund_minor, item_count,
    content_hash)
SELECT :'tenant', profile_id, 'SR-' || n, 'SO-' || n, now() - make_interval(days => greatest(days_ago - 1, 0), hours => 1),
    'returned', price, 1, sha256(convert_to('SR-' || n, 'UTF8'))
FROM synth_orders WHERE grp = 1 AND first;

INSERT INTO items (tenant_id, sku, name, category_path)
VALUES (:'tenant', 'BELT-1', 'Belt', '{belts}'), (:'tenant', 'SCARF-1', 'Scarf', '{scarves}'),
    (:'tenant', 'BAG-1', 'Bag', '{bags}'), (:'tenant', 'RING-1', 'Ring', '{jewellery}')
ON CONFLICT DO NOTHING;

ANALYZE;
SELECT format('%s profiles, %s orders, %s returns', (SELECT count(*) FROM synth_people),
    (SELECT count(*) FROM synth_orders), (SELECT count(*) FROM returns WHERE tenant_id = :'tenant'));
