-- Loads the synthetic luxury baskets of Benchmarks/RulesFit (the same seeded baskets the
-- in-memory benchmark mines) into the fact tables, as the owner, for scripts/bench-rules:
-- `Benchmarks/RulesFit/run.sh N dump | psql -v tenant=<uuid> -v baskets=N -f baskets.sql`.
-- Reads `basket<TAB>sku` lines from psql's stdin. Each basket is one order of one line per
-- SKU; orders spread evenly over the 365 days ending yesterday, in basket order; baskets belong
-- to baskets / 2.5 people (a luxury client orders a few times a year). No returns: every
-- basket is read whole. Deterministic: ids derive from the tenant id and basket numbers.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

CREATE TEMP TABLE synth_lines (basket int NOT NULL, sku int NOT NULL);
\copy synth_lines FROM pstdin
CREATE TEMP TABLE synth_base AS SELECT date_trunc('day', now()) - interval '365 days' AS base;
CREATE TEMP TABLE synth_orders AS
SELECT basket, md5(:'tenant' || '/b/' || (basket % greatest(1, (:baskets / 2.5)::int)))::uuid AS profile_id,
    count(*) AS lines
FROM synth_lines GROUP BY basket;

INSERT INTO profiles (tenant_id, profile_id, canonical_id, created_at)
SELECT DISTINCT :'tenant'::uuid, profile_id, profile_id, (SELECT base FROM synth_base) FROM synth_orders;

INSERT INTO items (tenant_id, sku, name, category_path)
SELECT :'tenant', 'SKU-' || lpad((sku + 1)::text, 6, '0'), 'Item ' || (sku + 1), ARRAY['luxury']
FROM (SELECT DISTINCT sku FROM synth_lines) s;

INSERT INTO orders (tenant_id, profile_id, order_id, channel, store_id, occurred_at, currency, discount_minor,
    total_minor, item_count, content_hash)
SELECT :'tenant', profile_id, 'LB-' || basket, CASE WHEN basket % 3 = 0 THEN 'store' ELSE 'web' END,
    CASE WHEN basket % 3 = 0 THEN 'PAR-1' END,
    (SELECT base FROM synth_base) + make_interval(secs => basket::float8 * 365 * 86400 / :baskets), 'EUR', 0,
    100000 * lines, lines, sha256(convert_to('LB-' || basket, 'UTF8'))
FROM synth_orders;

INSERT INTO order_lines (tenant_id, profile_id, order_id, line_id, position, sku, quantity, unit_price_minor,
    discount_minor, net_minor)
SELECT :'tenant', o.profile_id, 'LB-' || l.basket, (row_number() OVER (PARTITION BY l.basket ORDER BY l.sku))::text,
    (row_number() OVER (PARTITION BY l.basket ORDER BY l.sku) - 1)::int, 'SKU-' || lpad((l.sku + 1)::text, 6, '0'),
    1, 100000, 0, 100000
FROM synth_lines l JOIN synth_orders o USING (basket);

ANALYZE;
SELECT format('%s baskets, %s lines, %s people, %s SKUs', (SELECT count(*) FROM synth_orders),
    (SELECT count(*) FROM synth_lines), (SELECT count(DISTINCT profile_id) FROM synth_orders),
    (SELECT count(DISTINCT sku) FROM synth_lines));
