-- Training reads at a million profiles (issue 7: training each score over 1 M profiles in
-- 120 s or less). Same answers as before, other plans.
--
-- Why: the training reads of 0009 join every fact table to analytics_members(), a function,
-- and PostgreSQL plans a function's result as 1,000 rows whatever it holds. With a million
-- members every fact join became a nested loop of index probes (a million per fact table)
-- feeding sorts spilled to disk (work_mem 4 MB): one feature snapshot of 200,000 people took
-- 23 s, a million about five times that, and a training reads two snapshots.
--
-- consent_permitted_members is the same membership as consent_permitted_profiles() for a read
-- purpose (since 0013 that function reads the stored list consent_permissions; the policies on
-- every personal table probe the same list), as a view: the planner inlines it, sees the
-- tables' statistics and hashes. It is the owner's: no purpose role may read it; the
-- SECURITY DEFINER functions below, executable by atelier_purpose_analytics alone, read it for
-- 'analytics' only. ConsentPermittedProfilesTests proves it agrees with the function.
CREATE VIEW consent_permitted_members AS
    SELECT g.tenant_id, g.purpose, p.profile_id, p.canonical_id AS person
    FROM consent_permissions g
    JOIN profiles p ON p.tenant_id = g.tenant_id AND p.profile_id = g.profile_id
    WHERE g.purpose = ANY(atelier_read_purposes());
REVOKE ALL ON consent_permitted_members FROM PUBLIC;

-- 0009's orders of persons permitting analytics, over the view.
CREATE OR REPLACE FUNCTION analytics_orders(p_tenant uuid, p_from timestamptz, p_until timestamptz)
RETURNS TABLE (person uuid, occurred_at timestamptz, total_minor bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT m.person, o.occurred_at, o.total_minor
    FROM orders o JOIN consent_permitted_members m ON m.tenant_id = o.tenant_id AND m.profile_id = o.profile_id
    WHERE o.tenant_id = p_tenant AND m.purpose = 'analytics' AND o.occurred_at >= p_from AND o.occurred_at < p_until
$$;

-- Feature set v1, the same columns and values as 0009's (documented there), computed with
-- plans that hash: members from the view; distinct categories and active days counted from
-- distinct (person, category) and (person, day) pairs, and the latest NPS answer taken with
-- DISTINCT ON, instead of DISTINCT and ordered aggregates, which force a sort per group; and
-- work_mem enough for a million persons' aggregates in memory.
CREATE OR REPLACE FUNCTION profile_features_v1(p_tenant uuid, p_cutoff timestamptz)
RETURNS TABLE (
    profile_id uuid, days_since_last_order double precision, has_ordered double precision,
    orders_365d double precision, log_spend_365d double precision, tenure_days double precision,
    store_share double precision, online_share double precision, categories_bought double precision,
    return_rate double precision, active_days_30d double precision, product_views_7d double precision,
    product_views_30d double precision, email_engagements_90d double precision, nps_sentiment double precision
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET work_mem = '256MB' AS $$
    WITH members AS (
        SELECT profile_id, person FROM consent_permitted_members WHERE tenant_id = p_tenant AND purpose = 'analytics'
    ),
    order_facts AS (
        SELECT m.person,
            count(*) AS orders_total,
            count(*) FILTER (WHERE o.occurred_at >= p_cutoff - interval '365 days') AS orders_365d,
            COALESCE(sum(o.total_minor) FILTER (WHERE o.occurred_at >= p_cutoff - interval '365 days'), 0) AS spend_365d,
            min(o.occurred_at) AS first_order,
            max(o.occurred_at) AS last_order,
            count(*) FILTER (WHERE o.channel = 'store') AS store_orders,
            count(*) FILTER (WHERE o.channel IN ('web', 'app')) AS online_orders,
            sum(o.item_count) AS items_bought
        FROM orders o JOIN members m ON m.profile_id = o.profile_id
        WHERE o.tenant_id = p_tenant AND o.occurred_at < p_cutoff
        GROUP BY m.person
    ),
    return_facts AS (
        SELECT m.person, sum(r.item_count) AS items_returned
        FROM returns r JOIN members m ON m.profile_id = r.profile_id
        WHERE r.tenant_id = p_tenant AND r.occurred_at < p_cutoff
        GROUP BY m.person
    ),
    category_facts AS (
        SELECT person, count(category) AS categories_bought
        FROM (
            SELECT DISTINCT m.person, i.category_path[1] AS category
            FROM orders o
            JOIN members m ON m.profile_id = o.profile_id
            JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.profile_id = o.profile_id AND l.order_id = o.order_id
            JOIN items i ON i.tenant_id = l.tenant_id AND i.sku = l.sku
            WHERE o.tenant_id = p_tenant AND o.occurred_at < p_cutoff AND cardinality(i.category_path) > 0
        ) bought
        GROUP BY person
    ),
    event_days AS (
        SELECT m.person, date_trunc('day', e.occurred_at) AS day,
            bool_or(e.occurred_at >= p_cutoff - interval '30 days') AS in_30d,
            count(*) FILTER (WHERE e.event = 'Product Viewed' AND e.occurred_at >= p_cutoff - interval '7 days') AS views_7d,
            count(*) FILTER (WHERE e.event = 'Product Viewed' AND e.occurred_at >= p_cutoff - interval '30 days') AS views_30d,
            count(*) FILTER (WHERE e.event IN ('Email Opened', 'Email Link Clicked')) AS email_90d
        FROM events e JOIN members m ON m.profile_id = e.profile_id
        WHERE e.tenant_id = p_tenant AND e.occurred_at < p_cutoff AND e.occurred_at >= p_cutoff - interval '90 days'
        GROUP BY 1, 2
    ),
    event_facts AS (
        SELECT person, count(*) FILTER (WHERE in_30d) AS active_days_30d, sum(views_7d) AS views_7d,
            sum(views_30d) AS views_30d, sum(email_90d) AS email_90d
        FROM event_days GROUP BY person
    ),
    nps_facts AS (
        SELECT DISTINCT ON (m.person) m.person,
            CASE WHEN jsonb_typeof(e.properties->'score') = 'number' THEN (e.properties->>'score')::float8 END AS last_nps
        FROM events e JOIN members m ON m.profile_id = e.profile_id
        WHERE e.tenant_id = p_tenant AND e.event = 'NPS Submitted'
          AND e.occurred_at < p_cutoff AND e.occurred_at >= p_cutoff - interval '90 days'
        ORDER BY m.person, e.occurred_at DESC
    ),
    first_seen AS (
        SELECT m.person, min(c.first_seen_at) AS first_seen
        FROM profile_channels c JOIN members m ON m.profile_id = c.profile_id
        WHERE c.tenant_id = p_tenant AND c.first_seen_at < p_cutoff
        GROUP BY m.person
    ),
    population AS (
        SELECT person FROM order_facts UNION SELECT person FROM event_facts UNION SELECT person FROM first_seen
    )
    SELECT pop.person,
        LEAST(730, COALESCE(extract(epoch FROM p_cutoff - o.last_order) / 86400, 730))::float8,
        (o.person IS NOT NULL)::int::float8,
        COALESCE(o.orders_365d, 0)::float8,
        ln(1 + COALESCE(o.spend_365d, 0) / 100.0)::float8,
        LEAST(3650, COALESCE(extract(epoch FROM p_cutoff - LEAST(o.first_order, s.first_seen)) / 86400, 0))::float8,
        COALESCE(o.store_orders::float8 / NULLIF(o.orders_total, 0), 0),
        COALESCE(o.online_orders::float8 / NULLIF(o.orders_total, 0), 0),
        COALESCE(c.categories_bought, 0)::float8,
        LEAST(1, COALESCE(r.items_returned::float8 / NULLIF(o.items_bought, 0), 0)),
        COALESCE(e.active_days_30d, 0)::float8,
        COALESCE(e.views_7d, 0)::float8,
        COALESCE(e.views_30d, 0)::float8,
        COALESCE(e.email_90d, 0)::float8,
        CASE WHEN n.last_nps >= 9 THEN 1 WHEN n.last_nps <= 6 THEN -1 ELSE 0 END::float8
    FROM population pop
    LEFT JOIN order_facts o ON o.person = pop.person
    LEFT JOIN return_facts r ON r.person = pop.person
    LEFT JOIN category_facts c ON c.person = pop.person
    LEFT JOIN event_facts e ON e.person = pop.person
    LEFT JOIN nps_facts n ON n.person = pop.person
    LEFT JOIN first_seen s ON s.person = pop.person
    ORDER BY pop.person
$$;
