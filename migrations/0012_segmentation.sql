-- Automatic segmentation (issue 6, item 3): k-means clusters of a tenant's customers, each
-- cluster readable and usable as a segment condition.
--
-- What is personal here and what is not: a version's model (scaler, centroids, cluster
-- descriptions) is an aggregate over the customers clustered and names no one; the cluster
-- of each person is personal data, kept in cluster_assignments, protected by row-level
-- security like every table with a profile id and erased with the person.

-- Category mix, for the clustering features: per person (the live profile of a merged set),
-- the share of the items bought before the cutoff that fall in each top-level category of the
-- current catalogue. Only persons permitting analytics (analytics_members), only through the
-- analytics purpose, like the other training reads of migration 0009.
CREATE FUNCTION analytics_category_shares(p_tenant uuid, p_cutoff timestamptz)
RETURNS TABLE (person uuid, category text, share double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    WITH members AS MATERIALIZED (
        SELECT profile_id, person FROM analytics_members(p_tenant)
    ),
    bought AS (
        SELECT m.person, i.category_path[1] AS category, sum(l.quantity)::float8 AS units
        FROM orders o
        JOIN members m ON m.profile_id = o.profile_id
        JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.profile_id = o.profile_id AND l.order_id = o.order_id
        JOIN items i ON i.tenant_id = l.tenant_id AND i.sku = l.sku
        WHERE o.tenant_id = p_tenant AND o.occurred_at < p_cutoff AND cardinality(i.category_path) > 0
        GROUP BY m.person, i.category_path[1]
    )
    SELECT person, category, units / NULLIF(sum(units) OVER (PARTITION BY person), 0)
    FROM bought
    ORDER BY person, category
$$;
REVOKE EXECUTE ON FUNCTION analytics_category_shares(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics_category_shares(uuid, timestamptz) TO atelier_purpose_analytics;

-- What a segmentation version learnt: the feature columns (with the tenant's categories), the
-- scaler, the centroids, and each cluster's size, description and generated name. One row per
-- trained version; no person in it. `assignments_kept`: whether cluster_assignments holds the
-- version's customers (the newest version, and the versions saved segments named at the last
-- training), so a cluster can be saved as a segment with members.
CREATE TABLE segmentation_models (
    tenant_id         uuid    NOT NULL,
    kind              text    NOT NULL DEFAULT 'segmentation' CHECK (kind = 'segmentation'),
    version           int     NOT NULL,
    model             jsonb   NOT NULL,
    assignments_kept  boolean NOT NULL DEFAULT true,
    PRIMARY KEY (tenant_id, version),
    FOREIGN KEY (tenant_id, kind, version) REFERENCES model_versions (tenant_id, kind, version) ON DELETE CASCADE
);

-- The cluster of each person under a segmentation version: written by the training of that
-- version, and rewritten at every later training for the versions saved segments still pin
-- (nearest centroid of that version on the fresh features), so a pinned cluster keeps its
-- meaning and its members stay current. Versions no segment pins are dropped.
CREATE TABLE cluster_assignments (
    tenant_id       uuid        NOT NULL,
    profile_id      uuid        NOT NULL,
    version         int         NOT NULL,
    label           int         NOT NULL CHECK (label >= 0),
    features_as_of  timestamptz NOT NULL,
    assigned_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, profile_id, version)
);
-- Rewriting one version's assignments and counting a cluster's members.
CREATE INDEX cluster_assignments_by_label ON cluster_assignments (tenant_id, version, label);
SELECT protect_personal_table('cluster_assignments');
