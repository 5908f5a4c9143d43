-- The audit log and event retention (issue 4, items 6 and 7).

-- Where each tenant's audit chain ends: appends lock this row (so they are serialised per
-- tenant) and the insert trigger below moves it forward. base_sequence/base_hash are where
-- verification starts: 0 and 32 zero bytes, unless the oldest part of the chain was ever
-- archived (README, "Audit log").
CREATE TABLE audit_chain_heads (
    tenant_id      uuid    PRIMARY KEY REFERENCES tenants (tenant_id),
    last_sequence  bigint  NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
    last_hash      bytea   NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'
                           CHECK (octet_length(last_hash) = 32),
    base_sequence  bigint  NOT NULL DEFAULT 0 CHECK (base_sequence >= 0),
    base_hash      bytea   NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'
                           CHECK (octet_length(base_hash) = 32)
);

-- Append-only, one hash chain per tenant. Targets and actors are ids (uuid columns leave no
-- room for an email or a phone number); detail is a small JSON object without personal data.
-- entry_hash = SHA-256 over the canonical encoding documented on `AuditEntryEncoding`, which
-- includes previous_hash, so a changed, removed or reordered entry breaks the chain.
CREATE TABLE audit_log (
    tenant_id      uuid        NOT NULL,
    sequence       bigint      NOT NULL CHECK (sequence >= 1),
    occurred_at    timestamptz NOT NULL,
    actor_type     text        NOT NULL CHECK (actor_type IN ('api_key', 'system', 'cli')),
    actor_id       uuid        CHECK ((actor_type = 'api_key') = (actor_id IS NOT NULL)),
    action         text        NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$' AND char_length(action) <= 100),
    target_type    text        CHECK (target_type ~ '^[a-z][a-z0-9_]{0,62}$'),
    target_id      uuid        CHECK ((target_type IS NULL) = (target_id IS NULL)),
    outcome        text        NOT NULL CHECK (outcome IN ('success', 'refused', 'failed')),
    reason         text        CHECK (reason ~ '^[a-z][a-z0-9_]{0,62}$'),
    detail         jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object' AND pg_column_size(detail) <= 8192),
    previous_hash  bytea       NOT NULL CHECK (octet_length(previous_hash) = 32),
    entry_hash     bytea       NOT NULL CHECK (octet_length(entry_hash) = 32),
    PRIMARY KEY (tenant_id, sequence),
    CHECK ((outcome = 'success') = (reason IS NULL))
);
CREATE INDEX audit_log_by_action ON audit_log (tenant_id, action, sequence);
CREATE INDEX audit_log_by_time ON audit_log (tenant_id, occurred_at);

-- An entry must extend its tenant's chain: the next sequence after the head, linked to the
-- head's hash. The head row is already locked by the appender (AuditLog.append).
CREATE FUNCTION audit_log_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_chain_heads SET last_sequence = NEW.sequence, last_hash = NEW.entry_hash
    WHERE tenant_id = NEW.tenant_id AND last_sequence = NEW.sequence - 1 AND last_hash = NEW.previous_hash;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'audit entry % of tenant % does not extend its chain', NEW.sequence, NEW.tenant_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_extends_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_extend_chain();

-- Nothing changes or removes an entry. Retention of the audit log itself, if ever, is an
-- operator procedure with the trigger disabled by the table owner (README, "Audit log").
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- A head moves only through the insert trigger (trigger depth 2); a no-op update (the
-- appender's row lock) is allowed; anything else is refused.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (pg_trigger_depth() > 1 OR NEW IS NOT DISTINCT FROM OLD) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit chain heads move only by appending: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_chain_heads_guarded BEFORE UPDATE OR DELETE ON audit_chain_heads
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Per tenant: events older than `months` calendar months are deleted or anonymised by the
-- `retention:events` job. No row: events are kept.
CREATE TABLE event_retention_policies (
    tenant_id   uuid        PRIMARY KEY REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    months      int         NOT NULL CHECK (months BETWEEN 1 AND 1200),
    mode        text        NOT NULL CHECK (mode IN ('delete', 'anonymise')),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Events after anonymisation (EventAnonymisation): no profile, no identifiers, no traits or
-- context, only allow-listed properties, the time cut to the hour and a fresh id, so nothing
-- links a row back to a person or to the event it came from. Not personal data: no
-- profile_id, and erasure and retention leave it alone.
CREATE TABLE anonymised_events (
    tenant_id    uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    event_id     uuid        NOT NULL DEFAULT gen_random_uuid(),
    type         text        NOT NULL,
    event        text,
    channel      text        NOT NULL,
    properties   jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, occurred_at, event_id)
);

-- Retention finds old events through this block-range index: it costs ingestion almost
-- nothing (one summary per 128 pages), and events arrive roughly in time order. Monthly
-- partitions (DESIGN.md) would later turn retention into dropping partitions.
CREATE INDEX events_occurred_at_brin ON events USING brin (occurred_at);
