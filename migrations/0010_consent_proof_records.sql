-- What erasure keeps of a person's consent history (issue 4, item 4): the legal record that
-- each choice was made and honoured, keyed by an HMAC of the erased profile id with the
-- tenant's secret (see privacy_keyed_hash in 0004), with no identifier, no profile id and no
-- raw proof (only its SHA-256). Given a profile id it once had, an officer can still find
-- the record; nobody can go from the record back to a person.
CREATE TABLE consent_proof_records (
    tenant_id       uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    subject_key     bytea       NOT NULL CHECK (octet_length(subject_key) = 32),
    consent_id      uuid        NOT NULL,
    purpose         text        NOT NULL,
    granted         boolean     NOT NULL,
    source          text        NOT NULL,
    policy_version  text,
    proof_format    text        NOT NULL,
    proof_sha256    bytea,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    erased_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, subject_key, occurred_at, consent_id)
);
