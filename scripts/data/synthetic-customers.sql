-- A seeded synthetic customer base for the segment and audience benchmarks: one tenant with
-- :profiles people, their identifiers, traits, orders (with lines, returns and cancellations),
-- product views and consent choices. Deterministic for a given :seed and :profiles (ids are
-- md5 of the slug and a counter; random() follows setseed, and parallel query is off so the
-- draw order is fixed).
--
--   psql "$DATABASE_URL" -v profiles=1000000 -v seed=0.42 -v slug=synthetic \
--        -f scripts/data/synthetic-customers.sql
--
-- Shape, per person (rates are of people unless said otherwise):
--   identifiers  e-mail 80 % (a tenth of them Gmail addresses with dots), phone 50 %, user_id 60 %;
--                3 % of people also have a merged anonymous profile carrying events;
--   traits       tier gold 5 % / silver 10 % / bronze 15 %, city 70 %, birth_year 50 %;
--   orders       Poisson-like, 1.2 on average, 1 to 3 lines, over the last two years; 40 % in
--                store; 8 % of orders have a return of one unit, 2 % are cancelled;
--   events       4 product views on average over the last 60 days, category from the catalogue;
--   consent      partner_sharing granted 60 %, marketing_email 50 %, personalization 70 %,
--                analytics objected to 3 % (ledger rows, with states and decisions derived in
--                bulk as the ledger's triggers would).
-- The script must run as a superuser owning the schema (it writes, and it bulk-loads consent
-- with triggers off).
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET synchronous_commit = off;
SELECT setseed(:seed);

INSERT INTO tenants (slug, name) VALUES (:'slug', 'Synthetic ' || :'slug') RETURNING tenant_id AS tenant \gset

CREATE TEMP TABLE categories (position int PRIMARY KEY, name text NOT NULL);
INSERT INTO categories VALUES (0, 'bags'), (1, 'shoes'), (2, 'scarves'), (3, 'jewellery'), (4, 'watches'),
    (5, 'perfume'), (6, 'ready_to_wear'), (7, 'small_leather_goods');

INSERT INTO items (tenant_id, sku, name, category_path, price_minor, currency)
SELECT :'tenant'::uuid, 'SKU-' || lpad(i::text, 4, '0'), 'Item ' || i,
    ARRAY[c.name, c.name || '_' || (i % 5)], 5000 + (i * 7919) % 500000, 'EUR'
FROM generate_series(1, 240) i JOIN categories c ON c.position = i % 8;

-- People: one live profile each.
CREATE TEMP TABLE people AS
SELECT i, md5(:'slug' || '/p/' || i)::uuid AS profile_id, random() AS r1, random() AS r2, random() AS r3,
    random() AS r4, floor(-ln(1 - random()) * 1.2)::int AS order_count,
    floor(-ln(1 - random()) * 4)::int AS view_count
FROM generate_series(1, :profiles) i;

INSERT INTO profiles (tenant_id, profile_id, canonical_id, created_at)
SELECT :'tenant'::uuid, profile_id, profile_id, now() - make_interval(days => (r1 * 1000)::int)
FROM people;

-- Merged anonymous profiles (3 %): a browsing cookie later identified.
CREATE TEMP TABLE cookies AS
SELECT i, md5(:'slug' || '/c/' || i)::uuid AS profile_id, profile_id AS canonical_id
FROM people WHERE r4 < 0.03;
INSERT INTO profiles (tenant_id, profile_id, canonical_id, created_at)
SELECT :'tenant'::uuid, profile_id, profile_id, now() - interval '400 days' FROM cookies;
UPDATE profiles p SET canonical_id = c.canonical_id
FROM cookies c WHERE p.tenant_id = :'tenant'::uuid AND p.profile_id = c.profile_id;

INSERT INTO profile_identifiers (tenant_id, type, value, profile_id, first_seen_at)
SELECT :'tenant'::uuid, 'email',
    CASE WHEN r2 < 0.08 THEN 'first.last' || i || '@gmail.com' ELSE 'customer' || i || '@example.com' END,
    profile_id, now() - interval '1 day'
FROM people WHERE r2 < 0.8
UNION ALL
SELECT :'tenant'::uuid, 'phone', '+336' || lpad(i::text, 8, '0'), profile_id, now() - interval '1 day'
FROM people WHERE r3 < 0.5
UNION ALL
SELECT :'tenant'::uuid, 'user_id', 'u' || i, profile_id, now() - interval '1 day'
FROM people WHERE r1 < 0.6
UNION ALL
SELECT :'tenant'::uuid, 'anonymous_id', 'cookie-' || i, profile_id, now() - interval '400 days'
FROM cookies;

INSERT INTO profile_traits (tenant_id, profile_id, key, value, source, updated_at)
SELECT :'tenant'::uuid, profile_id, 'tier',
    to_jsonb(CASE WHEN r3 < 0.05 THEN 'gold' WHEN r3 < 0.15 THEN 'silver' ELSE 'bronze' END), 'store', now()
FROM people WHERE r3 < 0.3
UNION ALL
SELECT :'tenant'::uuid, profile_id, 'city',
    to_jsonb((ARRAY['Paris', 'Lyon', 'London', 'Milan', 'New York', 'Tokyo', 'Geneva'])[1 + (i % 7)]), 'web', now()
FROM people WHERE r2 < 0.7
UNION ALL
SELECT :'tenant'::uuid, profile_id, 'birth_year', to_jsonb(1950 + (i % 55)), 'web', now()
FROM people WHERE r4 > 0.5;

-- Orders and lines. Lines first (1 to 3 per order), then orders carrying their lines' totals.
CREATE TEMP TABLE drawn_orders AS
SELECT p.profile_id, 'O-' || p.i || '-' || j AS order_id, random() AS channel_draw,
    now() - make_interval(secs => random() * 730 * 86400) AS occurred_at, 1 + floor(random() * 3)::int AS line_count
FROM people p CROSS JOIN LATERAL generate_series(1, p.order_count) j;

CREATE TEMP TABLE drawn_lines AS
SELECT o.profile_id, o.order_id, 'L' || k AS line_id, k - 1 AS position,
    'SKU-' || lpad((1 + floor(random() * 240))::int::text, 4, '0') AS sku, 1 + floor(random() * 2)::bigint AS quantity
FROM drawn_orders o CROSS JOIN LATERAL generate_series(1, o.line_count) k;

INSERT INTO orders (tenant_id, profile_id, order_id, channel, store_id, occurred_at, currency, discount_minor,
    total_minor, item_count, content_hash)
SELECT :'tenant'::uuid, o.profile_id, o.order_id,
    CASE WHEN o.channel_draw < 0.4 THEN 'store' WHEN o.channel_draw < 0.85 THEN 'web'
         WHEN o.channel_draw < 0.95 THEN 'app' ELSE 'phone' END,
    CASE WHEN o.channel_draw < 0.4 THEN 'STORE-' || (1 + floor(o.channel_draw * 50))::int END,
    o.occurred_at, 'EUR', 0, t.total, t.items, sha256(convert_to(o.order_id, 'UTF8'))
FROM drawn_orders o
JOIN (
    SELECT l.order_id, sum(l.quantity * i.price_minor) AS total, sum(l.quantity) AS items
    FROM drawn_lines l JOIN items i ON i.tenant_id = :'tenant'::uuid AND i.sku = l.sku
    GROUP BY l.order_id
) t ON t.order_id = o.order_id;

INSERT INTO order_lines (tenant_id, profile_id, order_id, line_id, position, sku, quantity, unit_price_minor,
    discount_minor, net_minor)
SELECT :'tenant'::uuid, l.profile_id, l.order_id, l.line_id, l.position, l.sku, l.quantity, i.price_minor, 0,
    l.quantity * i.price_minor
FROM drawn_lines l JOIN items i ON i.tenant_id = :'tenant'::uuid AND i.sku = l.sku;

-- Returns: 8 % of orders return one unit of their first line, 2 % are cancelled whole.
CREATE TEMP TABLE drawn_returns AS
SELECT o.profile_id, o.order_id, 'R-' || o.order_id AS return_id, o.occurred_at + interval '5 days' AS occurred_at,
    CASE WHEN r < 0.02 THEN 'cancelled' ELSE 'returned' END AS reason
FROM (SELECT profile_id, order_id, occurred_at, random() AS r FROM drawn_orders) o
WHERE o.r < 0.10;

INSERT INTO returns (tenant_id, profile_id, return_id, order_id, occurred_at, reason, refund_minor, item_count, content_hash)
SELECT :'tenant'::uuid, r.profile_id, r.return_id, r.order_id, least(r.occurred_at, now()), r.reason,
    CASE WHEN r.reason = 'cancelled' THEN o.total_minor ELSE l.unit_price_minor END,
    CASE WHEN r.reason = 'cancelled' THEN o.item_count ELSE 1 END, sha256(convert_to(r.return_id, 'UTF8'))
FROM drawn_returns r
JOIN orders o ON o.tenant_id = :'tenant'::uuid AND o.profile_id = r.profile_id AND o.order_id = r.order_id
JOIN order_lines l ON l.tenant_id = :'tenant'::uuid AND l.profile_id = r.profile_id AND l.order_id = r.order_id AND l.line_id = 'L1';

INSERT INTO return_lines (tenant_id, profile_id, return_id, order_id, line_id, quantity, refund_minor)
SELECT :'tenant'::uuid, l.profile_id, r.return_id, l.order_id, l.line_id,
    CASE WHEN r.reason = 'cancelled' THEN l.quantity ELSE 1 END,
    CASE WHEN r.reason = 'cancelled' THEN l.net_minor ELSE l.unit_price_minor END
FROM drawn_returns r
JOIN order_lines l ON l.tenant_id = :'tenant'::uuid AND l.profile_id = r.profile_id AND l.order_id = r.order_id
WHERE r.reason = 'cancelled' OR l.line_id = 'L1';

-- Product views over the last 60 days; a merged cookie carries some of its person's views.
INSERT INTO events (tenant_id, profile_id, event_id, message_id, type, event, occurred_at, received_at, channel,
    properties)
SELECT :'tenant'::uuid, coalesce(c.profile_id, p.profile_id), md5(:'slug' || '/e/' || p.i || '/' || k)::uuid,
    'm-' || p.i || '-' || k, 'track', 'Product Viewed', v.occurred_at, v.occurred_at, 'web',
    jsonb_build_object('sku', s.sku, 'category', cat.name)
FROM people p
CROSS JOIN LATERAL generate_series(1, p.view_count) k
CROSS JOIN LATERAL (
    SELECT now() - make_interval(secs => random() * 60 * 86400 + k) AS occurred_at,
        1 + floor(random() * 240)::int AS item, random() AS on_cookie
) v
CROSS JOIN LATERAL (SELECT 'SKU-' || lpad(v.item::text, 4, '0') AS sku) s
JOIN categories cat ON cat.position = v.item % 8
LEFT JOIN cookies c ON c.canonical_id = p.profile_id AND v.on_cookie < 0.5;

-- Consent. The ledger's triggers refresh decisions one person at a time (fine for live traffic,
-- minutes for a million people), so the rows are appended with triggers off and the states and
-- decisions derived in bulk exactly as the triggers would: every choice here is made on a live
-- profile, and its merged cookie shares its decisions. Needs a superuser (session_replication_role).
SET session_replication_role = replica;
INSERT INTO consent_events (tenant_id, profile_id, purpose, granted, source, proof_format, recorded_by, occurred_at)
SELECT :'tenant'::uuid, profile_id, purpose, granted, 'web_banner', 'none', 'synthetic', now() - interval '30 days'
FROM people
CROSS JOIN LATERAL (VALUES
    ('partner_sharing', r1 < 0.6), ('marketing_email', r2 < 0.5), ('personalization', r3 < 0.7),
    ('analytics', r4 >= 0.03)) AS c (purpose, granted)
WHERE purpose <> 'analytics' OR NOT granted;
SET session_replication_role = origin;

INSERT INTO consent_states (tenant_id, profile_id, purpose, granted, source, consent_id, occurred_at)
SELECT tenant_id, profile_id, purpose, granted, source, consent_id, occurred_at
FROM consent_events WHERE tenant_id = :'tenant'::uuid;

INSERT INTO consent_decisions (tenant_id, profile_id, purpose, permitted)
SELECT m.tenant_id, m.profile_id, s.purpose, s.granted
FROM consent_states s
JOIN profiles m ON m.tenant_id = s.tenant_id AND m.canonical_id = s.profile_id
WHERE s.tenant_id = :'tenant'::uuid;

ANALYZE;
SELECT :'tenant'::uuid AS tenant_id;
