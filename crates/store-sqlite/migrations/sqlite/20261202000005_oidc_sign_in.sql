-- A sign-in through an organisation's identity provider, between the start and the callback.
-- Kept in the database so that any server instance can finish it; deleted when the callback
-- reads it (single use) and ignored after ten minutes. Only the SHA-256 of the `state` and of the
-- browser's binding cookie are stored.
CREATE TABLE oidc_sign_ins (
    state_hash     BLOB PRIMARY KEY,
    browser_hash   BLOB NOT NULL,
    organization   TEXT NOT NULL,
    nonce          TEXT NOT NULL,
    pkce_verifier  TEXT NOT NULL,
    return_path    TEXT NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX oidc_sign_ins_by_age ON oidc_sign_ins (created_at);

-- Sessions begun through a provider: the ID token is the `id_token_hint` of the provider's
-- sign-out. Ends with the session.
CREATE TABLE oidc_sessions (
    token_hash    BLOB PRIMARY KEY REFERENCES sessions (token_hash) ON DELETE CASCADE,
    organization  TEXT NOT NULL,
    id_token      TEXT NOT NULL
);
