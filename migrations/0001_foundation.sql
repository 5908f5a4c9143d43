-- Foundation: tenants, API keys, idempotent writes, the job queue and its schedules.
-- Every table that holds tenant data leads its primary key with tenant_id (DESIGN.md, "Data, keyed for scale").

CREATE TABLE tenants (
    tenant_id   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- An API key is shown once; only the SHA-256 of the whole key is kept. `lookup_id` is the
-- random public part of the key that finds the row without revealing anything secret.
CREATE TABLE api_keys (
    tenant_id    uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    key_id       uuid        NOT NULL DEFAULT gen_random_uuid(),
    lookup_id    text        NOT NULL,
    secret_hash  bytea       NOT NULL CHECK (octet_length(secret_hash) = 32),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    scopes       text[]      NOT NULL,
    audience_ids uuid[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, key_id)
);
CREATE UNIQUE INDEX api_keys_lookup ON api_keys (lookup_id);

-- Responses to mutating requests that carried an Idempotency-Key, replayed on retry.
-- A row with a NULL status is a request still in flight.
CREATE TABLE idempotency_keys (
    tenant_id      uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    key            text        NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
    request_hash   bytea       NOT NULL,
    status_code    int,
    content_type   text,
    response_body  bytea,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- The worker's queue. tenant_id is NULL only for system jobs (maintenance).
CREATE TABLE jobs (
    job_id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid        REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    kind             text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)*$'),
    payload          jsonb       NOT NULL DEFAULT '{}',
    status           text        NOT NULL DEFAULT 'queued'
                                 CHECK (status IN ('queued', 'running', 'succeeded', 'dead', 'cancelled')),
    priority         int         NOT NULL DEFAULT 0,
    run_at           timestamptz NOT NULL DEFAULT now(),
    attempts         int         NOT NULL DEFAULT 0,
    max_attempts     int         NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    lease_owner      text,
    lease_expires_at timestamptz,
    last_error       text,
    result           jsonb,
    dedupe_key       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
CREATE INDEX jobs_ready ON jobs (priority DESC, run_at) WHERE status = 'queued';
CREATE INDEX jobs_expired_leases ON jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX jobs_by_tenant ON jobs (tenant_id, created_at DESC);
-- At most one queued or running job per (tenant, kind, dedupe key): enqueueing twice is a no-op.
CREATE UNIQUE INDEX jobs_dedupe ON jobs (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), kind, dedupe_key)
    WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');

-- Periodic jobs. Several workers may run the scheduler; SKIP LOCKED makes each due schedule fire once.
CREATE TABLE job_schedules (
    schedule_id      uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid        REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    name             text        NOT NULL,
    kind             text        NOT NULL,
    payload          jsonb       NOT NULL DEFAULT '{}',
    interval_seconds int         NOT NULL CHECK (interval_seconds >= 1),
    next_run_at      timestamptz NOT NULL DEFAULT now(),
    enabled          boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX job_schedules_name ON job_schedules (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
