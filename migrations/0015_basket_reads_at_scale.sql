-- Basket reads for training at a million orders (issue 5: association rules on 1 M baskets in
-- 60 s or less). Same baskets as before, read without a consent check on every row.
--
-- Why: BasketReader read orders, their lines and their return lines as
-- atelier_purpose_analytics, so row-level security probed consent_permissions once for every
-- order, line and return line (a subplan per table and row): one page of 20,000 orders took
-- 1.9 s against 0.4 s for the owner, most of a 74-88 s train:association_rules job at 1 M
-- baskets (BENCHMARKS.md, "Association rules on 1 M baskets").
--
-- analytics_baskets decides consent once per order instead, by joining the order's profile to
-- consent_permitted_members (0014: the same list every policy probes) for 'analytics', and reads
-- the order's lines and returns as the owner: they belong to that order's profile, whose
-- permission was just checked. Like the other training reads of 0009 and 0014 it is
-- SECURITY DEFINER and executable by atelier_purpose_analytics alone.
CREATE FUNCTION analytics_baskets(p_tenant uuid, p_after text, p_limit bigint)
RETURNS TABLE (order_id text, occurred_at timestamptz, skus text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT o.order_id, o.occurred_at, array_agg(DISTINCT l.sku ORDER BY l.sku)
    FROM orders o
    JOIN consent_permitted_members m
        ON m.tenant_id = o.tenant_id AND m.profile_id = o.profile_id AND m.purpose = 'analytics'
    JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.profile_id = o.profile_id AND l.order_id = o.order_id
    LEFT JOIN LATERAL (
        SELECT sum(r.quantity) AS returned FROM return_lines r
        WHERE r.tenant_id = l.tenant_id AND r.profile_id = l.profile_id
          AND r.order_id = l.order_id AND r.line_id = l.line_id
    ) returned ON true
    WHERE o.tenant_id = p_tenant AND o.order_id > p_after AND l.quantity > COALESCE(returned.returned, 0)
    GROUP BY o.order_id, o.occurred_at
    ORDER BY o.order_id
    LIMIT p_limit
$$;
REVOKE EXECUTE ON FUNCTION analytics_baskets(uuid, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics_baskets(uuid, text, bigint) TO atelier_purpose_analytics;
