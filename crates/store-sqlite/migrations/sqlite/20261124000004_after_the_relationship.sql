-- After the relationship: indirect resellers, designated support partners, service requests,
-- removals, and the customer each audit entry concerns.

-- Resellers who sell through an indirect provider (the partner). Support can be delegated to them.
CREATE TABLE indirect_resellers (
    id          TEXT PRIMARY KEY,
    partner_id  TEXT NOT NULL REFERENCES organizations (id),
    name        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    country     TEXT NOT NULL CHECK (length(country) = 2)
);
CREATE INDEX indirect_resellers_by_partner ON indirect_resellers (partner_id, name);

-- NULL: the partner itself supports the subscription. `version` grows with every change, so a
-- change based on an old copy is refused (409) instead of silently overwriting a newer one.
ALTER TABLE subscriptions ADD COLUMN support_partner_id TEXT REFERENCES indirect_resellers (id);
ALTER TABLE subscriptions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE service_requests (
    id             TEXT PRIMARY KEY,
    partner_id     TEXT NOT NULL REFERENCES organizations (id),
    customer_id    TEXT NOT NULL REFERENCES organizations (id),
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    severity       TEXT NOT NULL CHECK (severity IN ('critical', 'moderate', 'minimal')),
    contact_name   TEXT NOT NULL,
    contact_email  TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'inProgress', 'closed')),
    created_by     TEXT NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX service_requests_by_customer ON service_requests (partner_id, customer_id, created_at);

-- When a partner removed its relationship with a customer: invitations created before then (rowid
-- up to `last_invitation`, exact where timestamps are only seconds) can no longer bring the
-- customer back.
CREATE TABLE relationship_removals (
    partner_id       TEXT NOT NULL REFERENCES organizations (id),
    customer_id      TEXT NOT NULL REFERENCES organizations (id),
    last_invitation  INTEGER NOT NULL,
    removed_at       INTEGER NOT NULL,
    PRIMARY KEY (partner_id, customer_id, last_invitation)
) WITHOUT ROWID;

ALTER TABLE audit_log ADD COLUMN customer_id TEXT;
UPDATE audit_log SET customer_id = target_id WHERE action IN ('roles.removed', 'agreement.accepted');
UPDATE audit_log SET customer_id = json_extract(details, '$.customerId') WHERE action = 'invitation.accepted';
CREATE INDEX audit_log_by_customer ON audit_log (organization_id, customer_id, id);
CREATE INDEX audit_log_by_organization_id ON audit_log (organization_id, id);
