-- Personal recommendations (issue 5): what the recommender learns from, the item side of each
-- version (non-personal) and the per-person values of each version (personal, erased with the
-- person).
--
-- Training reads every interaction of a tenant, so, as the score pipelines do (migration 0009,
-- which explains why per-row RLS is too slow there), it reads through functions that run as
-- their owner, admit a person's facts only when consent_permitted_profiles() says the person
-- permits `analytics`, and that only atelier_purpose_analytics may execute.

-- The time span of the interactions the recommender learns from (purchases and product
-- signals of persons permitting analytics, not after now): the end fixes the holdout's cutoff.
CREATE FUNCTION recommender_interaction_window(p_tenant uuid)
RETURNS TABLE (first_at timestamptz, last_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    WITH members AS MATERIALIZED (
        SELECT profile_id FROM consent_permitted_profiles(p_tenant, 'analytics')
    ),
    times AS (
        SELECT o.occurred_at FROM orders o JOIN members m ON m.profile_id = o.profile_id
        WHERE o.tenant_id = p_tenant AND o.occurred_at <= now()
        UNION ALL
        SELECT e.occurred_at FROM events e JOIN members m ON m.profile_id = e.profile_id
        WHERE e.tenant_id = p_tenant AND e.type = 'track' AND e.event IN ('Product Viewed', 'Product Added')
          AND e.occurred_at <= now()
    )
    SELECT min(occurred_at), max(occurred_at) FROM times
$$;

-- Interactions per person (live profile of a merged set) and item, counted on each side of
-- p_cutoff (before: occurred_at <= p_cutoff; after: in (p_cutoff, now()]):
--   purchases  order lines not fully returned or cancelled (one per line, whatever the quantity)
--   views      'Product Viewed' track events
--   carts      'Product Added' track events (Segment's add-to-cart)
-- The item of an event is properties.sku, else properties.product_id (Segment's e-commerce
-- spec), 1 to 200 characters. Weights are applied by the caller (RecommenderParameters).
CREATE FUNCTION recommender_interactions(p_tenant uuid, p_cutoff timestamptz)
RETURNS TABLE (
    person uuid, sku text, purchases_before int, views_before int, carts_before int,
    purchases_after int, views_after int, carts_after int
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    WITH members AS MATERIALIZED (
        SELECT profile_id, canonical_id AS person FROM consent_permitted_profiles(p_tenant, 'analytics')
    ),
    facts AS (
        SELECT m.person, l.sku, 'purchase' AS kind, o.occurred_at > p_cutoff AS after
        FROM orders o
        JOIN members m ON m.profile_id = o.profile_id
        JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.profile_id = o.profile_id AND l.order_id = o.order_id
        WHERE o.tenant_id = p_tenant AND o.occurred_at <= now()
          AND l.quantity > COALESCE((
              SELECT sum(r.quantity) FROM return_lines r
              WHERE r.tenant_id = l.tenant_id AND r.profile_id = l.profile_id
                AND r.order_id = l.order_id AND r.line_id = l.line_id), 0)
        UNION ALL
        SELECT m.person, COALESCE(e.properties->>'sku', e.properties->>'product_id'),
            CASE e.event WHEN 'Product Viewed' THEN 'view' ELSE 'cart' END, e.occurred_at > p_cutoff
        FROM events e JOIN members m ON m.profile_id = e.profile_id
        WHERE e.tenant_id = p_tenant AND e.type = 'track' AND e.event IN ('Product Viewed', 'Product Added')
          AND e.occurred_at <= now()
    )
    SELECT person, sku,
        (count(*) FILTER (WHERE kind = 'purchase' AND NOT after))::int,
        (count(*) FILTER (WHERE kind = 'view' AND NOT after))::int,
        (count(*) FILTER (WHERE kind = 'cart' AND NOT after))::int,
        (count(*) FILTER (WHERE kind = 'purchase' AND after))::int,
        (count(*) FILTER (WHERE kind = 'view' AND after))::int,
        (count(*) FILTER (WHERE kind = 'cart' AND after))::int
    FROM facts
    WHERE char_length(sku) BETWEEN 1 AND 200
    GROUP BY person, sku
$$;

REVOKE EXECUTE ON FUNCTION recommender_interaction_window(uuid), recommender_interactions(uuid, timestamptz)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION recommender_interaction_window(uuid), recommender_interactions(uuid, timestamptz)
    TO atelier_purpose_analytics;

-- The item side of a recommender version (JSON of RecommenderArtifact): the item vocabulary
-- and categories, the item-kNN neighbour table, the ALS item factors when ALS serves, and the
-- popularity rankings. Sums over many persons; no person in it.
CREATE TABLE recommender_models (
    tenant_id  uuid  NOT NULL,
    kind       text  NOT NULL DEFAULT 'recommender' CHECK (kind = 'recommender'),
    version    int   NOT NULL,
    model      jsonb NOT NULL,
    PRIMARY KEY (tenant_id, version),
    FOREIGN KEY (tenant_id, kind, version) REFERENCES model_versions (tenant_id, kind, version) ON DELETE CASCADE
);

-- The per-person values of a recommender version: the person's ALS factors (Float32,
-- little-endian; NULL when item-kNN serves) and the history the version learnt from (pairs of
-- Int32 item position in the version's vocabulary and Float32 summed weight). Personal data:
-- protected like every table with a profile_id, and erased with the profile at once.
CREATE TABLE recommender_profiles (
    tenant_id   uuid  NOT NULL,
    profile_id  uuid  NOT NULL,
    version     int   NOT NULL,
    factors     bytea,
    history     bytea NOT NULL,
    PRIMARY KEY (tenant_id, profile_id, version)
);
-- Dropping the rows of versions no longer kept.
CREATE INDEX recommender_profiles_by_version ON recommender_profiles (tenant_id, version);
SELECT protect_personal_table('recommender_profiles');
