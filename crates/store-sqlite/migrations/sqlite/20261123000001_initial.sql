-- Organisations: partners and their (prospective) customers. Times are Unix seconds.
CREATE TABLE organizations (
    id                     TEXT PRIMARY KEY,
    kind                   TEXT NOT NULL CHECK (kind IN ('partner', 'customer')),
    name                   TEXT NOT NULL,
    primary_domain         TEXT NOT NULL UNIQUE,
    country                TEXT NOT NULL CHECK (length(country) = 2),
    cloud                  TEXT CHECK (cloud IN ('public', 'germany', 'usGovernment')),
    agreement_accepted_at  INTEGER,
    agreement_accepted_by  TEXT,
    created_at             INTEGER NOT NULL,
    CHECK ((kind = 'partner') = (cloud IS NOT NULL))
);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    email            TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX users_by_organization ON users (organization_id);

CREATE TABLE user_roles (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('globalAdmin', 'adminAgent', 'salesAgent', 'helpdeskAgent', 'user')),
    PRIMARY KEY (user_id, role)
);

-- Only the SHA-256 of the session id is stored: a leaked database cannot be replayed as cookies.
CREATE TABLE sessions (
    token_hash    BLOB PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- A partner's customers. `sort_key` is the customer's name folded (lower case, no accents),
-- copied here so that one index serves the partner's list in name order.
CREATE TABLE customer_relationships (
    partner_id        TEXT NOT NULL REFERENCES organizations (id),
    customer_id       TEXT NOT NULL REFERENCES organizations (id),
    sort_key          TEXT NOT NULL,
    relationship      TEXT NOT NULL DEFAULT 'reseller' CHECK (relationship IN ('reseller')),
    admin_privileges  TEXT NOT NULL CHECK (admin_privileges IN ('granted', 'notRequested', 'removedByCustomer')),
    created_at        INTEGER NOT NULL,
    PRIMARY KEY (partner_id, customer_id)
);
CREATE INDEX customer_relationships_by_name ON customer_relationships (partner_id, sort_key, customer_id);
