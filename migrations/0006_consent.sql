-- Consent (issue 4, items 1 and 2): the ledger of every choice, the current state derived
-- from it, and the enforcement every read of personal data passes through.
--
-- Where consent is enforced, and why here: in PostgreSQL, by row-level security. Each read
-- purpose that Atelier's code knows (analytics, personalization, marketing_email,
-- marketing_sms, advertising, partner_sharing) has a database role `atelier_purpose_<name>`
-- that may only SELECT. Every table holding personal data has RLS enabled and, for each
-- purpose role, a policy admitting a row only when `consent_permits(tenant, profile,
-- purpose)` is true. Readers of personal data get a connection pool whose sessions run as
-- their purpose's role (PostgresConfiguration.sessionRole), so a forgotten WHERE clause, a new
-- join or a new endpoint cannot show a row its purpose does not allow: the database filters
-- it, on the same snapshot as the read, so a withdrawal counts from the next statement on.
-- The owner role (migrations, ingestion, erasure, the consent ledger itself) bypasses RLS:
-- writing facts and keeping the legal record are not uses of the data.
--
-- A table added later that holds personal data must call protect_personal_table() in its
-- migration; ConsentEnforcementSchemaTests fails for any table with a profile_id column that
-- lacks the policies.

-- Purposes per tenant, each with its lawful basis. Under `consent` a profile is permitted only
-- after a grant; under `legitimate_interest` it is permitted until it objects (a withdrawal).
-- A purpose the tenant has not defined permits nothing (deny by default).
CREATE TABLE consent_purposes (
    tenant_id     uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    purpose       text        NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_]{0,47}$'),
    lawful_basis  text        NOT NULL CHECK (lawful_basis IN ('consent', 'legitimate_interest')),
    description   text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
    built_in      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, purpose)
);

-- The built-in purposes every tenant starts with. Audience measurement is commonly run under
-- legitimate interest (and exempted from consent by regulators such as the CNIL when
-- first-party); everything that reaches the person or a third party needs consent.
CREATE FUNCTION seed_consent_purposes(p_tenant uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO consent_purposes (tenant_id, purpose, lawful_basis, description, built_in)
    VALUES
        (p_tenant, 'analytics', 'legitimate_interest', 'Measurement, reporting and model training', true),
        (p_tenant, 'personalization', 'consent', 'Personal recommendations, offers and clienteling', true),
        (p_tenant, 'marketing_email', 'consent', 'Marketing messages by email', true),
        (p_tenant, 'marketing_sms', 'consent', 'Marketing messages by SMS', true),
        (p_tenant, 'advertising', 'consent', 'Targeted advertising', true),
        (p_tenant, 'partner_sharing', 'consent', 'Sharing with partners (agencies, ad platforms)', true)
    ON CONFLICT DO NOTHING
$$;

SELECT seed_consent_purposes(tenant_id) FROM tenants;

CREATE FUNCTION seed_consent_purposes_for_new_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM seed_consent_purposes(NEW.tenant_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER tenants_seed_consent_purposes AFTER INSERT ON tenants
    FOR EACH ROW EXECUTE FUNCTION seed_consent_purposes_for_new_tenant();

-- The ledger: one row per purpose per statement of choice, never updated. occurred_at is when
-- the person chose; recorded_at when Atelier learnt it. proof is the raw signal as received
-- (a TCF string, Google Consent Mode signals, Segment categoryPreferences, a form's text).
CREATE TABLE consent_events (
    tenant_id       uuid        NOT NULL,
    profile_id      uuid        NOT NULL,
    consent_id      uuid        NOT NULL DEFAULT gen_random_uuid(),
    purpose         text        NOT NULL,
    granted         boolean     NOT NULL,
    source          text        NOT NULL
        CHECK (source IN ('web_banner', 'app_banner', 'store', 'contact_centre', 'import', 'tracking', 'api')),
    policy_version  text        CHECK (char_length(policy_version) <= 100),
    proof_format    text        NOT NULL
        CHECK (proof_format IN ('none', 'tcf_v2', 'google_consent_mode', 'segment_categories', 'text')),
    proof           text        CHECK (char_length(proof) <= 16384),
    recorded_by     text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, profile_id, occurred_at, consent_id)
);

CREATE FUNCTION refuse_consent_event_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent_events is append-only: record a new choice instead'
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER consent_events_append_only BEFORE UPDATE ON consent_events
    FOR EACH ROW EXECUTE FUNCTION refuse_consent_event_update();

-- The current choice per original profile and purpose: the ledger's latest row by
-- occurred_at (a late-arriving older choice joins the history without overriding it).
CREATE TABLE consent_states (
    tenant_id    uuid        NOT NULL,
    profile_id   uuid        NOT NULL,
    purpose      text        NOT NULL,
    granted      boolean     NOT NULL,
    source       text        NOT NULL,
    consent_id   uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, profile_id, purpose)
);

-- A restriction of processing (a privacy request of type `restriction`) stops every use but
-- storage. The privacy layer writes this table; 0004_privacy.sql creates it when present.
CREATE TABLE IF NOT EXISTS processing_restrictions (
    tenant_id      uuid        NOT NULL,
    profile_id     uuid        NOT NULL,
    request_id     uuid,
    restricted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, profile_id)
);

-- What the enforcement reads: for every original profile of a merged set, the set's decision
-- per purpose (the newest choice across the set: one person, one latest word), and `*` =
-- false while any member is restricted. No row for a purpose: the lawful basis decides.
-- Kept by triggers in the same transaction as the change, never by application code.
CREATE TABLE consent_decisions (
    tenant_id   uuid    NOT NULL,
    profile_id  uuid    NOT NULL,
    purpose     text    NOT NULL,
    permitted   boolean NOT NULL,
    PRIMARY KEY (tenant_id, profile_id, purpose)
);

CREATE FUNCTION refresh_consent_decisions(p_tenant uuid, p_canonical uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM consent_decisions d
    USING profiles m
    WHERE m.tenant_id = p_tenant AND m.canonical_id = p_canonical
      AND d.tenant_id = m.tenant_id AND d.profile_id = m.profile_id;

    INSERT INTO consent_decisions (tenant_id, profile_id, purpose, permitted)
    SELECT m.tenant_id, m.profile_id, latest.purpose, latest.granted
    FROM profiles m
    CROSS JOIN (
        SELECT DISTINCT ON (s.purpose) s.purpose, s.granted
        FROM profiles g
        JOIN consent_states s ON s.tenant_id = g.tenant_id AND s.profile_id = g.profile_id
        WHERE g.tenant_id = p_tenant AND g.canonical_id = p_canonical
        ORDER BY s.purpose, s.occurred_at DESC, s.consent_id DESC
    ) latest
    WHERE m.tenant_id = p_tenant AND m.canonical_id = p_canonical;

    INSERT INTO consent_decisions (tenant_id, profile_id, purpose, permitted)
    SELECT m.tenant_id, m.profile_id, '*', false
    FROM profiles m
    WHERE m.tenant_id = p_tenant AND m.canonical_id = p_canonical
      AND EXISTS (
          SELECT 1 FROM profiles g
          JOIN processing_restrictions r ON r.tenant_id = g.tenant_id AND r.profile_id = g.profile_id
          WHERE g.tenant_id = p_tenant AND g.canonical_id = p_canonical);
END
$$;

CREATE FUNCTION refresh_consent_decisions_of(p_tenant uuid, p_profile uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    canonical uuid;
BEGIN
    SELECT canonical_id INTO canonical FROM profiles WHERE tenant_id = p_tenant AND profile_id = p_profile;
    IF canonical IS NOT NULL THEN
        PERFORM refresh_consent_decisions(p_tenant, canonical);
    END IF;
END
$$;

-- A new ledger row moves the current state forward (if newer) and refreshes the decisions of
-- its merged set; one pass per statement, however many purposes it recorded.
CREATE FUNCTION apply_consent_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO consent_states (tenant_id, profile_id, purpose, granted, source, consent_id, occurred_at)
    SELECT DISTINCT ON (tenant_id, profile_id, purpose)
        tenant_id, profile_id, purpose, granted, source, consent_id, occurred_at
    FROM recorded
    ORDER BY tenant_id, profile_id, purpose, occurred_at DESC, consent_id DESC
    ON CONFLICT (tenant_id, profile_id, purpose) DO UPDATE
        SET granted = EXCLUDED.granted, source = EXCLUDED.source,
            consent_id = EXCLUDED.consent_id, occurred_at = EXCLUDED.occurred_at
        WHERE (consent_states.occurred_at, consent_states.consent_id)
            <= (EXCLUDED.occurred_at, EXCLUDED.consent_id);
    PERFORM refresh_consent_decisions_of(tenant_id, profile_id)
    FROM (SELECT DISTINCT tenant_id, profile_id FROM recorded) AS changed;
    RETURN NULL;
END
$$;
CREATE TRIGGER consent_events_apply AFTER INSERT ON consent_events
    REFERENCING NEW TABLE AS recorded
    FOR EACH STATEMENT EXECUTE FUNCTION apply_consent_events();

-- Merges and unmerges change which profiles form one person: both sets are recomputed.
CREATE FUNCTION refresh_consent_decisions_after_merge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_consent_decisions(NEW.tenant_id, OLD.canonical_id);
    PERFORM refresh_consent_decisions(NEW.tenant_id, NEW.canonical_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER profiles_refresh_consent_decisions AFTER UPDATE OF canonical_id ON profiles
    FOR EACH ROW WHEN (OLD.canonical_id IS DISTINCT FROM NEW.canonical_id)
    EXECUTE FUNCTION refresh_consent_decisions_after_merge();

-- A profile created straight into an existing set (canonical_id not itself) joins its decisions.
CREATE FUNCTION refresh_consent_decisions_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_consent_decisions(NEW.tenant_id, NEW.canonical_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER profiles_join_consent_decisions AFTER INSERT ON profiles
    FOR EACH ROW WHEN (NEW.canonical_id IS DISTINCT FROM NEW.profile_id)
    EXECUTE FUNCTION refresh_consent_decisions_after_insert();

CREATE FUNCTION refresh_consent_decisions_after_restriction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM refresh_consent_decisions_of(OLD.tenant_id, OLD.profile_id);
    ELSE
        PERFORM refresh_consent_decisions_of(NEW.tenant_id, NEW.profile_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER processing_restrictions_refresh_consent_decisions
    AFTER INSERT OR DELETE ON processing_restrictions
    FOR EACH ROW EXECUTE FUNCTION refresh_consent_decisions_after_restriction();

-- The one predicate. SECURITY DEFINER so it reads the decisions as their owner: the purpose
-- roles cannot read consent_decisions themselves, so no reader can list the profiles that
-- said no. At most two index probes a row.
CREATE FUNCTION consent_permits(p_tenant uuid, p_profile uuid, p_purpose text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT COALESCE(
        (SELECT bool_and(d.permitted) FROM consent_decisions d
         WHERE d.tenant_id = p_tenant AND d.profile_id = p_profile AND d.purpose IN ('*', p_purpose)),
        (SELECT c.lawful_basis = 'legitimate_interest' FROM consent_purposes c
         WHERE c.tenant_id = p_tenant AND c.purpose = p_purpose),
        false)
$$;

-- The purposes Atelier's code reads for; each gets a SELECT-only role. Roles are cluster-wide,
-- so several databases on one server (tests) share them; creating one that exists is fine.
CREATE FUNCTION atelier_read_purposes() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT ARRAY['analytics', 'personalization', 'marketing_email', 'marketing_sms', 'advertising',
                 'partner_sharing']
$$;

DO $$
DECLARE
    purpose text;
    role_name text;
BEGIN
    FOREACH purpose IN ARRAY atelier_read_purposes() LOOP
        role_name := 'atelier_purpose_' || purpose;
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            EXECUTE format('GRANT %I TO %I', role_name, current_user);
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', role_name);
        -- Non-personal tables the readers need (tenants' settings, identity rules, items).
        EXECUTE format(
            'GRANT SELECT ON tenants, tenant_settings, identity_rules, items, consent_purposes TO %I',
            role_name);
    END LOOP;
END
$$;

-- Enables RLS on a personal table and gives each purpose role a SELECT policy admitting only
-- the rows whose profile permits that purpose. Call it from every migration that adds one.
CREATE FUNCTION protect_personal_table(p_table regclass, p_profile_column text DEFAULT 'profile_id')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    purpose text;
    role_name text;
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
    FOREACH purpose IN ARRAY atelier_read_purposes() LOOP
        role_name := 'atelier_purpose_' || purpose;
        EXECUTE format(
            'CREATE POLICY %I ON %s FOR SELECT TO %I USING (consent_permits(tenant_id, %I, %L))',
            'consent_' || purpose, p_table, role_name, p_profile_column, purpose);
        EXECUTE format('GRANT SELECT ON %s TO %I', p_table, role_name);
    END LOOP;
END
$$;

SELECT protect_personal_table('profiles');
SELECT protect_personal_table('profile_identifiers');
SELECT protect_personal_table('profile_traits');
SELECT protect_personal_table('profile_channels');
SELECT protect_personal_table('profile_merges', 'survivor_id');
SELECT protect_personal_table('merge_refusals');
SELECT protect_personal_table('events');
SELECT protect_personal_table('orders');
SELECT protect_personal_table('order_lines');
SELECT protect_personal_table('returns');
SELECT protect_personal_table('return_lines');
SELECT protect_personal_table('consent_events');
SELECT protect_personal_table('consent_states');
