-- Segments and partner audiences (issue 6, items 1, 2 and 4).
--
-- A segment is a rule (JSON, compiled to parameterised SQL by SegmentCompiler) read for one
-- declared purpose. Its members are live (canonical) profiles. Membership is kept as spells:
-- one row per stay in the segment, with the refresh that saw the person enter and the one that
-- saw them leave, so the history and a partner's delta ("who entered, who left since T") are
-- reads of this table.
--
-- Memberships are written by the owner (the refresh job) from member ids computed by a read
-- under the segment's purpose, and read back only through the purpose pools: the table is
-- protected like every personal table, so a member whose consent no longer permits a purpose
-- is not visible to a read for it, from the next statement on, whatever the last refresh said.
--
-- Keys: personal rows lead with (tenant_id, profile_id) as DESIGN.md asks. Listing a segment's
-- members needs them by segment, so two indexes lead with (tenant_id, segment_id) instead
-- (still tenant-first, as orders_order_id is); erasure deletes by (tenant_id, profile_id).

CREATE TABLE segments (
    tenant_id         uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    segment_id        uuid        NOT NULL DEFAULT gen_random_uuid(),
    name              text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description       text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    -- The read purpose every evaluation of the rule runs under (a ReadPurpose).
    purpose           text        NOT NULL CHECK (purpose IN ('analytics', 'personalization', 'marketing_email',
                                                               'marketing_sms', 'advertising', 'partner_sharing')),
    -- The rule as validated and re-encoded by the API (canonical form).
    rule              jsonb       NOT NULL CHECK (jsonb_typeof(rule) = 'object'),
    -- How often the worker refreshes the memberships.
    refresh_seconds   int         NOT NULL DEFAULT 3600 CHECK (refresh_seconds BETWEEN 60 AND 604800),
    -- Bumped when the rule or purpose changes, so a refresh knows which definition it computed.
    version           int         NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- The last refresh: when it evaluated the rule, which version, and how many members it found.
    refreshed_at      timestamptz,
    refreshed_version int,
    member_count      bigint,
    PRIMARY KEY (tenant_id, segment_id)
);

CREATE TABLE segment_memberships (
    tenant_id   uuid        NOT NULL,
    profile_id  uuid        NOT NULL,
    segment_id  uuid        NOT NULL,
    entered_at  timestamptz NOT NULL,
    exited_at   timestamptz CHECK (exited_at IS NULL OR exited_at >= entered_at),
    PRIMARY KEY (tenant_id, profile_id, segment_id, entered_at),
    FOREIGN KEY (tenant_id, segment_id) REFERENCES segments (tenant_id, segment_id) ON DELETE CASCADE
);
-- Current members by segment, in id order (keyset pages); at most one open spell per person.
CREATE UNIQUE INDEX segment_memberships_current ON segment_memberships (tenant_id, segment_id, profile_id)
    WHERE exited_at IS NULL;
-- Every spell by segment and person (a delta's keyset pages), and changes by time.
CREATE INDEX segment_memberships_by_segment ON segment_memberships (tenant_id, segment_id, profile_id);
CREATE INDEX segment_memberships_entered ON segment_memberships (tenant_id, segment_id, entered_at);
CREATE INDEX segment_memberships_exited ON segment_memberships (tenant_id, segment_id, exited_at)
    WHERE exited_at IS NOT NULL;
SELECT protect_personal_table('segment_memberships');

-- An audience: a segment shared with a named partner. Read at delivery time under
-- partner_sharing (and any further purposes it names), so consent is checked per read.
CREATE TABLE audiences (
    tenant_id          uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    audience_id        uuid        NOT NULL DEFAULT gen_random_uuid(),
    segment_id         uuid        NOT NULL,
    name               text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    partner            text        NOT NULL CHECK (char_length(partner) BETWEEN 1 AND 200),
    -- How identifiers are normalised and hashed: google_customer_match, meta, generic.
    destination        text        NOT NULL CHECK (destination IN ('google_customer_match', 'meta', 'generic')),
    -- Which identifiers each member row carries.
    identifiers        text[]      NOT NULL CHECK (cardinality(identifiers) >= 1
                                       AND identifiers <@ ARRAY['email', 'phone', 'pseudonymous_id']),
    -- Purposes a member must permit besides partner_sharing (e.g. advertising for ad platforms).
    extra_purposes     text[]      NOT NULL DEFAULT '{}',
    -- Raw (unhashed) e-mail and phone; only an admin key may turn it on.
    raw_identifiers    boolean     NOT NULL DEFAULT false,
    minimum_size       int         NOT NULL DEFAULT 100 CHECK (minimum_size >= 100),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, audience_id),
    -- An audience keeps its segment: deleting a shared segment is refused.
    FOREIGN KEY (tenant_id, segment_id) REFERENCES segments (tenant_id, segment_id) ON DELETE RESTRICT
);

-- Every page delivered: which key pulled it, when, how many rows. Pages of one pull share
-- pull_id. No personal data (the rows delivered are not kept), and no foreign key to the
-- audience: the record of what was shared outlives the audience.
CREATE TABLE audience_deliveries (
    tenant_id     uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    audience_id   uuid        NOT NULL,
    pull_id       uuid        NOT NULL,
    page          int         NOT NULL CHECK (page >= 1),
    key_id        uuid        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('snapshot', 'delta')),
    since         timestamptz,
    format        text        NOT NULL CHECK (format IN ('ndjson', 'csv')),
    rows          int         NOT NULL CHECK (rows >= 0),
    last_page     boolean     NOT NULL,
    delivered_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, audience_id, pull_id, page)
);
CREATE INDEX audience_deliveries_recent ON audience_deliveries (tenant_id, audience_id, delivered_at DESC);

-- The secret behind each tenant's pseudonymous ids (HMAC-SHA256 of the live profile id), so a
-- partner gets a stable id per person that no other tenant or partner can link or reverse.
CREATE TABLE tenant_pseudonym_keys (
    tenant_id   uuid        PRIMARY KEY REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    secret      bytea       NOT NULL CHECK (octet_length(secret) = 32),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The definitions the purpose roles read while evaluating or delivering (non-personal).
DO $$
DECLARE
    purpose text;
BEGIN
    FOREACH purpose IN ARRAY atelier_read_purposes() LOOP
        EXECUTE format('GRANT SELECT ON segments, audiences TO %I', 'atelier_purpose_' || purpose);
    END LOOP;
END
$$;
