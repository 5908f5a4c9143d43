-- The model registry and the bought-together rules it serves (issue 5).
--
-- Every trained version is kept with its parameters, data window, row counts, metrics,
-- training time and peak memory. At most one version of a kind serves per tenant; a new
-- version replaces it only if it is not worse on the same holdout, or when promoted by hand
-- (which is also how a rollback is done).

CREATE TABLE model_versions (
    tenant_id          uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    kind               text        NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,39}$'),
    version            int         NOT NULL CHECK (version >= 1),
    status             text        NOT NULL
        CHECK (status IN ('training', 'trained', 'serving', 'retired', 'rejected', 'failed')),
    algorithm          text        NOT NULL,
    parameters         jsonb       NOT NULL DEFAULT '{}',
    data_window        jsonb       NOT NULL DEFAULT '{}',
    row_counts         jsonb       NOT NULL DEFAULT '{}',
    metrics            jsonb       NOT NULL DEFAULT '{}',
    -- Why it serves or not: the champion/challenger comparison, or who promoted it.
    decision           text,
    training_seconds   double precision,
    peak_memory_bytes  bigint,
    job_id             uuid,
    created_at         timestamptz NOT NULL DEFAULT now(),
    trained_at         timestamptz,
    promoted_at        timestamptz,
    PRIMARY KEY (tenant_id, kind, version)
);
CREATE UNIQUE INDEX model_versions_one_serving ON model_versions (tenant_id, kind) WHERE status = 'serving';

-- The rules of an association-rules version: aggregates over baskets, no person in them
-- (a rule needs at least the version's minimum support count of baskets). Antecedents and
-- consequents are sorted, so antecedent[1] is the smallest item: a cart finds the rules that
-- apply to it through the index on its first item.
CREATE TABLE association_rules (
    tenant_id      uuid             NOT NULL,
    version        int              NOT NULL,
    rule_no        int              NOT NULL,
    antecedent     text[]           NOT NULL,
    consequent     text[]           NOT NULL,
    support        double precision NOT NULL,
    confidence     double precision NOT NULL,
    lift           double precision NOT NULL,
    leverage       double precision NOT NULL,
    conviction     double precision,
    support_count  int              NOT NULL,
    PRIMARY KEY (tenant_id, version, rule_no)
);
CREATE INDEX association_rules_by_first_item ON association_rules (tenant_id, version, (antecedent[1]));

-- The most bought items of an association-rules version (baskets containing each), the
-- fallback when no rule applies: an aggregate, no person in it.
CREATE TABLE popular_items (
    tenant_id  uuid NOT NULL,
    version    int  NOT NULL,
    rank       int  NOT NULL,
    sku        text NOT NULL,
    baskets    int  NOT NULL,
    PRIMARY KEY (tenant_id, version, rank)
);

-- Per-tenant training settings per kind; no row means the defaults (nightly, default parameters).
CREATE TABLE model_settings (
    tenant_id       uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    kind            text        NOT NULL,
    cadence_hours   int         NOT NULL DEFAULT 24 CHECK (cadence_hours BETWEEN 1 AND 8760),
    enabled         boolean     NOT NULL DEFAULT true,
    parameters      jsonb       NOT NULL DEFAULT '{}',
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, kind)
);
