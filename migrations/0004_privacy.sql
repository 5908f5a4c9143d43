-- Privacy requests (issue 4): erasure with a suppression list and a receipt, access and
-- portability exports, and restriction of processing; OpenDSR-compatible.
--
-- Keyed hashes: every identity kept after a request is processed is kept only as an
-- HMAC-SHA256 under the tenant's secret, computed in SQL (below) so the secret never has to
-- leave the database. An identity's "digest" is `type:sha256-hex of the value`, so a value
-- sent in clear and the same value sent as a SHA-256 (`identity_format: sha256`, or an
-- `email_sha256` external id) are one identity.

-- UTF-8 bytes of a text. convert_to is only STABLE in the catalogue (it names an encoding);
-- with the encoding fixed it depends on its input alone, which index expressions need.
CREATE FUNCTION privacy_utf8(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN convert_to(value, 'UTF8');

-- `email:<sha256 hex of the value>`; an identifier whose type ends in `_sha256` already
-- holds that hex: `email_sha256` + `ab12…` is `email:ab12…`.
CREATE FUNCTION privacy_identity_digest(type text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE
        WHEN type ~ '_sha256$' THEN left(type, -7) || ':' || lower(value)
        ELSE type || ':' || encode(sha256(privacy_utf8(value)), 'hex')
    END;

-- The HMAC key block XOR-ed with `pad` (0x36 inner, 0x5c outer), RFC 2104, for keys of at
-- most 64 bytes.
CREATE FUNCTION privacy_hmac_pad(key bytea, pad int) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN decode(
        (SELECT string_agg(
                    lpad(to_hex((CASE WHEN i < length(key) THEN get_byte(key, i) ELSE 0 END) # pad), 2, '0'), ''
                    ORDER BY i)
         FROM generate_series(0, 63) AS i),
        'hex');

-- HMAC-SHA256 from the precomputed pads: sha256(outer || sha256(inner || message)).
-- Equal to AtelierCrypto's Digest.hmacSHA256 with the secret as key (a test checks it).
CREATE FUNCTION privacy_keyed_hash(inner_pad bytea, outer_pad bytea, message text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN sha256(outer_pad || sha256(inner_pad || privacy_utf8(message)));

-- One secret per tenant, made with the tenant (trigger below) from PostgreSQL's strong
-- random source (two v4 UUIDs: 244 random bits). Never returned by any API: only keyed
-- hashes and keys derived from it (the callback signing key) leave the database.
CREATE TABLE tenant_secrets (
    tenant_id   uuid        PRIMARY KEY REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    secret      bytea       NOT NULL DEFAULT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
                            CHECK (octet_length(secret) BETWEEN 32 AND 64),
    inner_pad   bytea       GENERATED ALWAYS AS (privacy_hmac_pad(secret, 54)) STORED,
    outer_pad   bytea       GENERATED ALWAYS AS (privacy_hmac_pad(secret, 92)) STORED,
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenant_secrets (tenant_id) SELECT tenant_id FROM tenants;

CREATE FUNCTION privacy_create_tenant_secret() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tenant_secrets (tenant_id) VALUES (NEW.tenant_id) ON CONFLICT DO NOTHING;
    RETURN NEW;
END
$$;
CREATE TRIGGER tenants_create_secret AFTER INSERT ON tenants
    FOR EACH ROW EXECUTE FUNCTION privacy_create_tenant_secret();

-- Finds identifiers by digest, so an erasure or export named by a SHA-256 reaches the clear value.
CREATE INDEX profile_identifiers_by_digest ON profile_identifiers (tenant_id, privacy_identity_digest(type, value));

-- Per-tenant privacy settings; a tenant without a row uses the defaults.
CREATE TABLE privacy_settings (
    tenant_id           uuid        PRIMARY KEY REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    -- What ingestion does with a call carrying a suppressed identifier: refuse it with a
    -- problem, or acknowledge it and drop it. Both are counted.
    suppression_mode    text        NOT NULL DEFAULT 'refuse' CHECK (suppression_mode IN ('refuse', 'drop')),
    -- How long an access or portability export can be downloaded.
    export_ttl_seconds  int         NOT NULL DEFAULT 259200 CHECK (export_ttl_seconds BETWEEN 300 AND 2592000),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Identities erased on request, as keyed hashes of their digest: nothing here names anyone.
CREATE TABLE suppressed_identifiers (
    tenant_id        uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    key_hash         bytea       NOT NULL CHECK (octet_length(key_hash) = 32),
    identity_type    text        NOT NULL,
    request_id       uuid        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    refused_calls    bigint      NOT NULL DEFAULT 0,
    dropped_calls    bigint      NOT NULL DEFAULT 0,
    last_refused_at  timestamptz,
    PRIMARY KEY (tenant_id, key_hash)
);

-- One row per OpenDSR request. subject_identities holds the identities in clear only until
-- the request is processed or cancelled; afterwards only their types and keyed hashes
-- (subject_keys) remain, so a later erasure of the same person can find and scrub it.
CREATE TABLE privacy_requests (
    tenant_id           uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    request_id          uuid        NOT NULL,
    request_type        text        NOT NULL CHECK (request_type IN ('erasure', 'access', 'portability', 'restriction')),
    regulation          text        NOT NULL CHECK (regulation IN ('gdpr', 'ccpa')),
    status              text        NOT NULL DEFAULT 'pending'
                                    CHECK (status IN ('pending', 'in_progress', 'completed', 'cancelled')),
    submitted_at        timestamptz NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    -- The legal deadline: one month (GDPR art. 12(3)) or 45 days (CCPA) after submission.
    deadline_at         timestamptz NOT NULL,
    started_at          timestamptz,
    completed_at        timestamptz,
    cancelled_at        timestamptz,
    -- A completed restriction that was lifted.
    lifted_at           timestamptz,
    callback_urls       text[]      NOT NULL DEFAULT '{}',
    identity_types      text[]      NOT NULL,
    subject_identities  jsonb,
    subject_keys        bytea[]     NOT NULL,
    -- Keyed hash of the request as sent: a resend is recognised without keeping it in clear.
    content_hash        bytea       NOT NULL,
    requested_by        uuid,
    job_id              uuid,
    -- Per-table row counts of an erasure so far (a retried job continues from them).
    progress            jsonb       NOT NULL DEFAULT '{}',
    -- Receipt, export summary or restriction summary; never personal data.
    results             jsonb,
    PRIMARY KEY (tenant_id, request_id)
);
-- The officer's worklist: by deadline.
CREATE INDEX privacy_requests_by_deadline ON privacy_requests (tenant_id, deadline_at, request_id);
CREATE INDEX privacy_requests_by_subject ON privacy_requests USING gin (subject_keys);

-- Exports of access and portability requests, stored in chunks so neither the worker nor the
-- download holds a whole export in memory. Downloadable once, until expires_at.
CREATE TABLE privacy_exports (
    tenant_id      uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    request_id     uuid        NOT NULL,
    format         text        NOT NULL CHECK (format IN ('json', 'csv')),
    byte_count     bigint      NOT NULL,
    chunk_count    int         NOT NULL,
    subject_keys   bytea[]     NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    downloaded_at  timestamptz,
    PRIMARY KEY (tenant_id, request_id, format)
);
CREATE INDEX privacy_exports_by_subject ON privacy_exports USING gin (subject_keys);
CREATE INDEX privacy_exports_expiry ON privacy_exports (expires_at);

CREATE TABLE privacy_export_chunks (
    tenant_id   uuid   NOT NULL,
    request_id  uuid   NOT NULL,
    format      text   NOT NULL,
    seq         int    NOT NULL,
    data        bytea  NOT NULL,
    PRIMARY KEY (tenant_id, request_id, format, seq),
    FOREIGN KEY (tenant_id, request_id, format)
        REFERENCES privacy_exports (tenant_id, request_id, format) ON DELETE CASCADE
);

-- Profiles whose processing is restricted (GDPR art. 18): stored, never processed. The
-- consent layer treats a restricted profile as permitting no purpose.
CREATE TABLE processing_restrictions (
    tenant_id      uuid        NOT NULL,
    profile_id     uuid        NOT NULL,
    request_id     uuid,
    restricted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, profile_id)
);
CREATE INDEX processing_restrictions_by_request ON processing_restrictions (tenant_id, request_id);
