-- Reseller relationship requests. The link's token is never stored: it is recomputed as
-- HMAC-SHA256(server key, token_seed) when the partner asks for the link again, and found by its
-- SHA-256 (token_hash) when a customer opens it.
CREATE TABLE invitations (
    id                  TEXT PRIMARY KEY,
    partner_id          TEXT NOT NULL REFERENCES organizations (id),
    token_seed          BLOB NOT NULL,
    token_hash          BLOB NOT NULL UNIQUE,
    include_admin       INTEGER NOT NULL CHECK (include_admin IN (0, 1)),
    customer_email      TEXT,
    language            TEXT NOT NULL CHECK (language IN ('en', 'hu')),
    created_by          TEXT NOT NULL REFERENCES users (id),
    created_at          INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL,
    revoked_at          INTEGER,
    revoked_by          TEXT REFERENCES users (id),
    accepted_at         INTEGER,
    accepted_by_org     TEXT REFERENCES organizations (id)
);
CREATE INDEX invitations_by_partner ON invitations (partner_id, created_at DESC, id);

-- Who did what, when. Never updated or deleted.
CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    actor_id         TEXT REFERENCES users (id),
    actor_email      TEXT NOT NULL,
    action           TEXT NOT NULL,
    target_id        TEXT NOT NULL,
    details          TEXT NOT NULL DEFAULT '{}',
    at               INTEGER NOT NULL
);
CREATE INDEX audit_log_by_organization ON audit_log (organization_id, at);
