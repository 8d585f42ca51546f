-- Granular admin relationships (GDAP). Times are Unix seconds.
--
-- `state` is the status last recorded; the settle step (`db/gdap/settle.rs`) moves due ones on
-- (pending past its approval window, active past its end) with a conditional UPDATE, so two
-- server instances never record one transition twice. `end_at` is when a pending request
-- expires unapproved, when an active one ends, or when an ended one ended. `roles` is a JSON
-- array of role template ids. `name_key` and `customer_key` are folded (lower case, no accents)
-- for search; `name_key` is also what makes names unique per partner. The approval link's
-- token is never stored, only its seed and SHA-256, as with invitations. The hash stays after
-- approval, termination or expiry, so an old link is answered with what became of it;
-- `lockForApproval` replaces it. The demo data's pending requests get their hash when the
-- server (which holds the key) starts.
CREATE TABLE admin_relationships (
    id                TEXT PRIMARY KEY,
    partner_id        TEXT NOT NULL REFERENCES organizations (id),
    customer_id       TEXT REFERENCES organizations (id),
    display_name      TEXT NOT NULL,
    name_key          TEXT NOT NULL,
    customer_key      TEXT NOT NULL DEFAULT '',
    duration_days     INTEGER NOT NULL CHECK (duration_days BETWEEN 1 AND 730),
    auto_extend_days  INTEGER NOT NULL CHECK (auto_extend_days IN (0, 180)),
    roles             TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('approvalPending', 'active', 'expired', 'terminated')),
    created_by        TEXT REFERENCES users (id),
    created_at        INTEGER NOT NULL,
    modified_at       INTEGER NOT NULL,
    activated_at      INTEGER,
    end_at            INTEGER NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    token_seed        BLOB,
    token_hash        BLOB UNIQUE,
    CHECK (state <> 'active' OR customer_id IS NOT NULL)
);
CREATE UNIQUE INDEX admin_relationships_name ON admin_relationships (partner_id, name_key);
CREATE INDEX admin_relationships_newest ON admin_relationships (partner_id, created_at DESC, id DESC);
CREATE INDEX admin_relationships_by_state ON admin_relationships (partner_id, state, created_at DESC, id DESC);
CREATE INDEX admin_relationships_by_end ON admin_relationships (partner_id, state, end_at, id);
CREATE INDEX admin_relationships_by_customer ON admin_relationships (partner_id, customer_id, created_at DESC, id DESC);
CREATE INDEX admin_relationships_by_customer_name ON admin_relationships (partner_id, customer_key);
CREATE INDEX admin_relationships_due ON admin_relationships (state, end_at);
CREATE INDEX admin_relationships_of_customer ON admin_relationships (customer_id, state);

-- Every status change, oldest first; `by_email` is absent when time caused it.
CREATE TABLE admin_relationship_history (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    relationship_id  TEXT NOT NULL REFERENCES admin_relationships (id),
    status           TEXT NOT NULL CHECK (status IN ('approvalPending', 'active', 'expired', 'terminated')),
    at               INTEGER NOT NULL,
    by_email         TEXT,
    extended         INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1))
);
CREATE INDEX admin_relationship_history_by_relationship ON admin_relationship_history (relationship_id, id);

-- The partner's own security groups, which access assignments give roles to.
CREATE TABLE security_groups (
    id            TEXT PRIMARY KEY,
    partner_id    TEXT NOT NULL REFERENCES organizations (id),
    display_name  TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX security_groups_by_partner ON security_groups (partner_id, display_name);

CREATE TABLE security_group_members (
    group_id  TEXT NOT NULL REFERENCES security_groups (id) ON DELETE CASCADE,
    email     TEXT NOT NULL,
    PRIMARY KEY (group_id, email)
);

-- One group per relationship, with a subset of its roles (JSON array).
CREATE TABLE access_assignments (
    id               TEXT PRIMARY KEY,
    relationship_id  TEXT NOT NULL REFERENCES admin_relationships (id),
    group_id         TEXT NOT NULL REFERENCES security_groups (id),
    roles            TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    modified_at      INTEGER NOT NULL,
    UNIQUE (relationship_id, group_id)
);
