-- Consent enforcement the planner can see (issue 4, its overhead target).
--
-- 0006 filtered every personal row with consent_permits(), a SECURITY DEFINER function: it
-- cannot be inlined, so each row read paid a function call (tens of microseconds), which added
-- 63-77 % to the profile view's statements and made a segment or audience over a million
-- people spend most of its time in the check. The decision itself is unchanged; it is now
-- also kept, per profile and read purpose, as a positive list, consent_permissions: a row
-- when the purpose is permitted, none when it is not. The policies become an EXISTS probe on
-- that list's primary key, which PostgreSQL plans and runs like any other index lookup.
--
-- The list is derived, never written by application code: triggers keep it in the same
-- transaction as every change of consent_decisions (a choice, a merge or unmerge, a
-- restriction), of profiles (created, erased) and of a purpose's lawful basis.
-- ConsentPermittedProfilesTests proves the list equals consent_permits() after each.
--
-- Why a positive list, readable by the purpose roles: a policy's subquery runs with the
-- reader's privileges, so the roles must read it. Each role sees only its own purpose's rows
-- (RLS below), that is, the profiles it may already read; the profiles that said no are
-- absent, so, as before, no reader can list who refused.

CREATE TABLE consent_permissions (
    tenant_id   uuid NOT NULL,
    profile_id  uuid NOT NULL,
    purpose     text NOT NULL,
    PRIMARY KEY (tenant_id, profile_id, purpose)
);
-- Set-based readers (a segment, an audience, a training read) take a whole purpose at once.
CREATE INDEX consent_permissions_by_purpose ON consent_permissions (tenant_id, purpose, profile_id);

-- Recomputes the list for some profiles of a tenant from consent_permits(), the one decision.
-- ON CONFLICT: two transactions refreshing one profile at once must not fail each other.
CREATE FUNCTION refresh_consent_permissions(p_tenant uuid, p_profiles uuid[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM consent_permissions WHERE tenant_id = p_tenant AND profile_id = ANY(p_profiles);
    INSERT INTO consent_permissions (tenant_id, profile_id, purpose)
    SELECT p.tenant_id, p.profile_id, r.purpose
    FROM profiles p CROSS JOIN unnest(atelier_read_purposes()) AS r(purpose)
    WHERE p.tenant_id = p_tenant AND p.profile_id = ANY(p_profiles)
      AND consent_permits(p.tenant_id, p.profile_id, r.purpose)
    ON CONFLICT DO NOTHING;
$$;

-- Whenever the decisions of some profiles change (0006's triggers rewrite a merged set's rows
-- on a choice, a merge or unmerge, a restriction), a profile is created (it starts with what
-- the lawful bases allow: analytics, by default) or a profile is deleted (erasure leaves no
-- permission behind), those profiles' permissions are recomputed. One pass per statement, so a
-- COPY of a million profiles pays one insert, not a million calls.
CREATE FUNCTION refresh_consent_permissions_of_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_consent_permissions(tenant_id, array_agg(profile_id))
    FROM changed GROUP BY tenant_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER consent_decisions_inserted_refresh_permissions AFTER INSERT ON consent_decisions
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION refresh_consent_permissions_of_changed();
CREATE TRIGGER consent_decisions_deleted_refresh_permissions AFTER DELETE ON consent_decisions
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION refresh_consent_permissions_of_changed();
CREATE TRIGGER profiles_inserted_refresh_permissions AFTER INSERT ON profiles
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION refresh_consent_permissions_of_changed();
CREATE TRIGGER profiles_deleted_refresh_permissions AFTER DELETE ON profiles
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION refresh_consent_permissions_of_changed();

-- A purpose defined or given another lawful basis: every profile of the tenant is decided
-- again for it (an administrator's rare act; a tenant of a million profiles takes seconds).
CREATE FUNCTION refresh_consent_permissions_of_purpose() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.purpose = ANY(atelier_read_purposes()) THEN
        DELETE FROM consent_permissions WHERE tenant_id = NEW.tenant_id AND purpose = NEW.purpose;
        INSERT INTO consent_permissions (tenant_id, profile_id, purpose)
        SELECT p.tenant_id, p.profile_id, NEW.purpose
        FROM profiles p
        WHERE p.tenant_id = NEW.tenant_id AND consent_permits(p.tenant_id, p.profile_id, NEW.purpose);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER consent_purposes_refresh_permissions AFTER INSERT OR UPDATE OF lawful_basis ON consent_purposes
    FOR EACH ROW EXECUTE FUNCTION refresh_consent_permissions_of_purpose();

INSERT INTO consent_permissions (tenant_id, profile_id, purpose)
SELECT p.tenant_id, p.profile_id, r.purpose
FROM profiles p CROSS JOIN unnest(atelier_read_purposes()) AS r(purpose)
WHERE consent_permits(p.tenant_id, p.profile_id, r.purpose);

-- Each purpose role reads its own purpose's rows of the list, and nothing else of it.
ALTER TABLE consent_permissions ENABLE ROW LEVEL SECURITY;
DO $$
DECLARE
    purpose text;
BEGIN
    FOREACH purpose IN ARRAY atelier_read_purposes() LOOP
        EXECUTE format('CREATE POLICY %I ON consent_permissions FOR SELECT TO %I USING (purpose = %L)',
            'own_purpose_' || purpose, 'atelier_purpose_' || purpose, purpose);
        EXECUTE format('GRANT SELECT ON consent_permissions TO %I', 'atelier_purpose_' || purpose);
    END LOOP;
END
$$;

-- The policy every personal table gets from now on: the row's profile is on its purpose's list.
CREATE OR REPLACE FUNCTION protect_personal_table(p_table regclass, p_profile_column text DEFAULT 'profile_id')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    purpose text;
    role_name text;
    table_name text := (SELECT relname FROM pg_class WHERE oid = p_table);
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
    FOREACH purpose IN ARRAY atelier_read_purposes() LOOP
        role_name := 'atelier_purpose_' || purpose;
        EXECUTE format('DROP POLICY IF EXISTS %I ON %s', 'consent_' || purpose, p_table);
        EXECUTE format(
            'CREATE POLICY %I ON %s FOR SELECT TO %I USING (EXISTS (SELECT 1 FROM consent_permissions g'
            ' WHERE g.tenant_id = %I.tenant_id AND g.profile_id = %I.%I AND g.purpose = %L))',
            'consent_' || purpose, p_table, role_name, table_name, table_name, p_profile_column, purpose);
        EXECUTE format('GRANT SELECT ON %s TO %I', p_table, role_name);
    END LOOP;
END
$$;

-- Every table protected so far moves to the new policy, on the profile column it named.
DO $$
DECLARE
    protected record;
BEGIN
    FOR protected IN
        SELECT c.oid::regclass AS relation,
               substring(p.qual FROM 'consent_permits\(tenant_id, ([a-z_]+),') AS profile_column
        FROM pg_policies p
        JOIN pg_class c ON c.relname = p.tablename
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = p.schemaname
        WHERE p.schemaname = current_schema() AND p.policyname = 'consent_analytics'
    LOOP
        PERFORM protect_personal_table(protected.relation, protected.profile_column);
    END LOOP;
END
$$;

-- 0009's set-based decision, now a read of the list (same answer, ConsentPermittedProfilesTests).
CREATE OR REPLACE FUNCTION consent_permitted_profiles(p_tenant uuid, p_purpose text)
RETURNS TABLE (profile_id uuid, canonical_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT p.profile_id, p.canonical_id
    FROM consent_permissions g
    JOIN profiles p ON p.tenant_id = g.tenant_id AND p.profile_id = g.profile_id
    WHERE g.tenant_id = p_tenant AND g.purpose = p_purpose
      AND p_purpose = ANY(atelier_read_purposes())
    UNION ALL
    SELECT p.profile_id, p.canonical_id
    FROM profiles p
    WHERE p.tenant_id = p_tenant AND NOT (p_purpose = ANY(atelier_read_purposes()))
      AND consent_permits(p.tenant_id, p.profile_id, p_purpose)
$$;
