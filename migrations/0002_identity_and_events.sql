-- Identity resolution and the event store (issue 3).
-- Personal data leads every primary key and index with tenant_id, then profile_id where it
-- applies, and no foreign key crosses profiles (DESIGN.md, "Data, keyed for scale").

-- Per-tenant settings the identity layer reads; a tenant without a row uses the defaults.
CREATE TABLE tenant_settings (
    tenant_id             uuid        PRIMARY KEY REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    default_phone_region  text        NOT NULL DEFAULT 'FR' CHECK (default_phone_region ~ '^[A-Z]{2}$'),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- One row per profile ever created. A merge never moves data: it points the absorbed
-- profiles' canonical_id at the survivor, so an unmerge only points them back.
-- canonical_id = profile_id for a live profile.
CREATE TABLE profiles (
    tenant_id     uuid        NOT NULL,
    profile_id    uuid        NOT NULL,
    canonical_id  uuid        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, profile_id)
);
CREATE INDEX profiles_by_canonical ON profiles (tenant_id, canonical_id);

-- Each identifier belongs to the profile that first carried it (never rewritten on merge).
CREATE TABLE profile_identifiers (
    tenant_id      uuid        NOT NULL,
    type           text        NOT NULL,
    value          text        NOT NULL,
    profile_id     uuid        NOT NULL,
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, type, value)
);
CREATE INDEX profile_identifiers_by_profile ON profile_identifiers (tenant_id, profile_id);

-- Traits per original profile; the view takes the newest value of each key across a merged set.
CREATE TABLE profile_traits (
    tenant_id    uuid        NOT NULL,
    profile_id   uuid        NOT NULL,
    key          text        NOT NULL,
    value        jsonb       NOT NULL,
    source       text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, profile_id, key)
);

-- Where and when each profile was seen, by channel: first/last seen without scanning events.
CREATE TABLE profile_channels (
    tenant_id      uuid        NOT NULL,
    profile_id     uuid        NOT NULL,
    channel        text        NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    events         bigint      NOT NULL,
    PRIMARY KEY (tenant_id, profile_id, channel)
);

-- Every merge, with what caused it, so it can be explained and undone.
-- absorbed_members are the profiles that followed `absorbed` into the survivor.
CREATE TABLE profile_merges (
    tenant_id         uuid        NOT NULL,
    merge_id          uuid        NOT NULL,
    survivor_id       uuid        NOT NULL,
    absorbed_id       uuid        NOT NULL,
    absorbed_members  uuid[]      NOT NULL,
    reason            text        NOT NULL,
    identifier_type   text        NOT NULL,
    identifier_value  text        NOT NULL,
    message_id        text,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    undone_at         timestamptz,
    PRIMARY KEY (tenant_id, merge_id)
);
CREATE INDEX profile_merges_by_survivor ON profile_merges (tenant_id, survivor_id);
CREATE INDEX profile_merges_by_absorbed ON profile_merges (tenant_id, absorbed_id);

-- A merge or a new identifier the rules refused: a broken limit, a blocked value, or two
-- profiles an operator unmerged. Kept once per profile, identifier and rule.
CREATE TABLE merge_refusals (
    tenant_id         uuid        NOT NULL,
    profile_id        uuid        NOT NULL,
    rule              text        NOT NULL CHECK (rule IN ('limit', 'blocked', 'unmerged')),
    identifier_type   text        NOT NULL,
    identifier_value  text        NOT NULL,
    other_profile_id  uuid,
    reason            text        NOT NULL,
    message_id        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, profile_id, rule, identifier_type, identifier_value)
);

-- Per-tenant identity rules (Segment Unify's priority and limits). No row for a type means
-- the built-in default (IdentityRules.defaults); max_per_profile NULL means unlimited.
CREATE TABLE identity_rules (
    tenant_id        uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    type             text        NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]{0,63}$'),
    priority         int         NOT NULL CHECK (priority >= 1),
    max_per_profile  int         CHECK (max_per_profile >= 1),
    PRIMARY KEY (tenant_id, type)
);

-- Values that never link profiles: a shared in-store tablet, a test address.
CREATE TABLE blocked_identifiers (
    tenant_id   uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    type        text        NOT NULL,
    value       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, type, value)
);

-- Immutable facts. profile_id is the original profile the event attached to at ingest;
-- occurred_at is corrected for the client's clock skew.
CREATE TABLE events (
    tenant_id           uuid        NOT NULL,
    profile_id          uuid        NOT NULL,
    event_id            uuid        NOT NULL,
    message_id          text        NOT NULL,
    type                text        NOT NULL CHECK (type IN ('track', 'identify', 'page', 'screen', 'group', 'alias')),
    event               text,
    occurred_at         timestamptz NOT NULL,
    received_at         timestamptz NOT NULL,
    sent_at             timestamptz,
    original_timestamp  timestamptz,
    channel             text        NOT NULL,
    user_id             text,
    anonymous_id        text,
    previous_id         text,
    group_id            text,
    properties          jsonb       NOT NULL DEFAULT '{}',
    traits              jsonb       NOT NULL DEFAULT '{}',
    context             jsonb       NOT NULL DEFAULT '{}',
    integrations        jsonb       NOT NULL DEFAULT '{}',
    -- The key is the timeline order too (read backwards), so an event costs one index
    -- fewer, and occurred_at is in the key as monthly partitioning will need.
    PRIMARY KEY (tenant_id, profile_id, occurred_at, event_id)
);
-- Experience facts the profile view shows (NPS, complaints), without scanning a timeline.
CREATE INDEX events_experience ON events (tenant_id, profile_id, event, occurred_at DESC)
    WHERE event IN ('NPS Submitted', 'Complaint Opened', 'Complaint Resolved', 'Complaint Closed');

-- Message ids seen per tenant, so a retried call is stored once; kept at least 7 days.
CREATE TABLE event_message_ids (
    tenant_id    uuid        NOT NULL,
    message_id   text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX event_message_ids_expiry ON event_message_ids (received_at);
