-- The partner portal on PostgreSQL. Times are Unix seconds in `bigint` (the API's own unit;
-- every rule in `portal_domain` computes in it), ids are the text the API shows, secrets'
-- hashes and seeds `bytea`, role lists `jsonb`. Every text column that a list pages or searches
-- by is `COLLATE "C"`: its indexes order by bytes, so a keyset boundary compares exactly as the
-- continuation token recorded it and a folded prefix is one index range `[p, p || U+10FFFF)`.

CREATE TABLE organizations (
    id                     text COLLATE "C" PRIMARY KEY,
    kind                   text NOT NULL CHECK (kind IN ('partner', 'customer')),
    name                   text NOT NULL,
    primary_domain         text NOT NULL UNIQUE,
    country                text NOT NULL CHECK (length(country) = 2),
    cloud                  text CHECK (cloud IN ('public', 'germany', 'usGovernment')),
    agreement_accepted_at  bigint,
    agreement_accepted_by  text,
    created_at             bigint NOT NULL,
    CHECK ((kind = 'partner') = (cloud IS NOT NULL))
);

CREATE TABLE users (
    id               text PRIMARY KEY,
    organization_id  text NOT NULL REFERENCES organizations (id),
    email            text NOT NULL UNIQUE,
    display_name     text NOT NULL,
    password_hash    text NOT NULL,
    created_at       bigint NOT NULL
);
CREATE INDEX users_by_organization ON users (organization_id);

CREATE TABLE user_roles (
    user_id  text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('globalAdmin', 'adminAgent', 'salesAgent', 'helpdeskAgent', 'user')),
    PRIMARY KEY (user_id, role)
);

-- Only the SHA-256 of the session id is stored: a leaked database cannot be replayed as cookies.
CREATE TABLE sessions (
    token_hash    bytea PRIMARY KEY,
    user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    bigint NOT NULL,
    last_seen_at  bigint NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- A partner's customers, with the customer's folded name (`sort_key`) and lower-case domain
-- (`domain_key`) copied here so that one index led by the partner serves each sort order and
-- each side of a search.
CREATE TABLE customer_relationships (
    partner_id        text COLLATE "C" NOT NULL REFERENCES organizations (id),
    customer_id       text COLLATE "C" NOT NULL REFERENCES organizations (id),
    sort_key          text COLLATE "C" NOT NULL,
    domain_key        text COLLATE "C" NOT NULL,
    relationship      text COLLATE "C" NOT NULL DEFAULT 'reseller' CHECK (relationship IN ('reseller')),
    admin_privileges  text COLLATE "C" NOT NULL CHECK (admin_privileges IN ('granted', 'notRequested', 'removedByCustomer')),
    created_at        bigint NOT NULL,
    PRIMARY KEY (partner_id, customer_id)
);
CREATE INDEX customer_relationships_by_customer ON customer_relationships (customer_id);
CREATE INDEX customer_relationships_by_name ON customer_relationships (partner_id, sort_key, customer_id);
CREATE INDEX customer_relationships_by_domain ON customer_relationships (partner_id, domain_key, customer_id);
-- A search's count is names + domains - both, the last read from this index alone; a domain
-- search in name order reads the names of its matches from the next one, not from the table.
CREATE INDEX customer_relationships_by_name_domain ON customer_relationships (partner_id, sort_key, domain_key);
CREATE INDEX customer_relationships_by_domain_name
    ON customer_relationships (partner_id, domain_key, sort_key, customer_id);
CREATE INDEX customer_relationships_by_relationship
    ON customer_relationships (partner_id, relationship, sort_key, customer_id);
CREATE INDEX customer_relationships_by_privileges
    ON customer_relationships (partner_id, admin_privileges, sort_key, customer_id);
CREATE INDEX customer_relationships_by_since ON customer_relationships (partner_id, created_at, customer_id);

-- Customers per partner, kept by statement triggers in the same transaction as the change: one
-- upsert per partner a statement touched (a bulk insert of 10,000 customers updates the total
-- once, not 10,000 times). Concurrent changes of one partner queue on its counter row (the
-- upsert's row lock), so the total stays exact.
CREATE TABLE partner_customer_counts (
    partner_id  text PRIMARY KEY REFERENCES organizations (id),
    total       bigint NOT NULL CHECK (total >= 0)
);

CREATE FUNCTION count_added_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO partner_customer_counts AS c (partner_id, total)
    SELECT partner_id, count(*) FROM added GROUP BY partner_id ORDER BY partner_id
    ON CONFLICT (partner_id) DO UPDATE SET total = c.total + excluded.total;
    RETURN NULL;
END $$;
CREATE FUNCTION count_removed_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE partner_customer_counts c SET total = c.total - r.n
      FROM (SELECT partner_id, count(*) AS n FROM removed GROUP BY partner_id) r
     WHERE c.partner_id = r.partner_id;
    RETURN NULL;
END $$;
CREATE TRIGGER customer_relationships_counted AFTER INSERT ON customer_relationships
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_added_customers();
CREATE TRIGGER customer_relationships_uncounted AFTER DELETE ON customer_relationships
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION count_removed_customers();

-- Reseller relationship requests. The link's token is never stored: it is recomputed as
-- HMAC-SHA256(server key, token_seed) and found by its SHA-256 (token_hash). `seq` orders
-- invitations exactly (a removal withdraws every invitation up to it).
CREATE TABLE invitations (
    id                  text COLLATE "C" PRIMARY KEY,
    seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    partner_id          text NOT NULL REFERENCES organizations (id),
    token_seed          bytea NOT NULL,
    token_hash          bytea NOT NULL UNIQUE,
    include_admin       boolean NOT NULL,
    customer_email      text COLLATE "C",
    language            text NOT NULL CHECK (language IN ('en', 'hu')),
    created_by          text NOT NULL REFERENCES users (id),
    created_at          bigint NOT NULL,
    expires_at          bigint NOT NULL,
    revoked_at          bigint,
    revoked_by          text REFERENCES users (id),
    accepted_at         bigint,
    accepted_by_org     text REFERENCES organizations (id)
);
CREATE INDEX invitations_by_partner ON invitations (partner_id, created_at, id);
CREATE INDEX invitations_by_partner_email ON invitations (partner_id, customer_email);

-- Who did what, when. Never updated or deleted.
CREATE TABLE audit_log (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  text NOT NULL REFERENCES organizations (id),
    customer_id      text,
    actor_id         text REFERENCES users (id),
    actor_email      text NOT NULL,
    action           text NOT NULL,
    target_id        text NOT NULL,
    details          jsonb NOT NULL DEFAULT '{}',
    at               bigint NOT NULL
);
CREATE INDEX audit_log_by_organization ON audit_log (organization_id, id);
CREATE INDEX audit_log_by_customer ON audit_log (organization_id, customer_id, id);

CREATE TABLE billing_profiles (
    organization_id  text PRIMARY KEY REFERENCES organizations (id),
    first_name       text NOT NULL,
    last_name        text NOT NULL,
    email            text NOT NULL,
    phone_number     text NOT NULL,
    address_line1    text NOT NULL,
    city             text NOT NULL,
    postal_code      text NOT NULL
);

-- Resellers who sell through an indirect provider (the partner).
CREATE TABLE indirect_resellers (
    id          text PRIMARY KEY,
    partner_id  text NOT NULL REFERENCES organizations (id),
    name        text NOT NULL,
    domain      text NOT NULL,
    country     text NOT NULL CHECK (length(country) = 2)
);
CREATE INDEX indirect_resellers_by_partner ON indirect_resellers (partner_id, name);

-- What a customer bought through a partner. `version` grows with every change, so a change
-- based on an old copy is refused.
CREATE TABLE subscriptions (
    id                  text PRIMARY KEY,
    partner_id          text NOT NULL REFERENCES organizations (id),
    customer_id         text NOT NULL REFERENCES organizations (id),
    offer_name          text COLLATE "C" NOT NULL,
    quantity            bigint NOT NULL CHECK (quantity > 0),
    status              text NOT NULL CHECK (status IN ('active', 'suspended')),
    billing_cycle       text NOT NULL CHECK (billing_cycle IN ('monthly', 'annual')),
    created_at          bigint NOT NULL,
    commitment_end      bigint NOT NULL,
    support_partner_id  text REFERENCES indirect_resellers (id),
    version             bigint NOT NULL DEFAULT 1
);
CREATE INDEX subscriptions_by_customer ON subscriptions (partner_id, customer_id, offer_name);

-- The people in a customer's own directory. Not sign-in accounts.
CREATE TABLE directory_users (
    id                   text COLLATE "C" PRIMARY KEY,
    organization_id      text NOT NULL REFERENCES organizations (id),
    display_name         text NOT NULL,
    sort_key             text COLLATE "C" NOT NULL,
    user_principal_name  text NOT NULL UNIQUE,
    role                 text NOT NULL CHECK (role IN ('globalAdmin', 'billingAdmin', 'userAdmin', 'user')),
    created_at           bigint NOT NULL
);
CREATE INDEX directory_users_by_name ON directory_users (organization_id, sort_key, id);

CREATE TABLE license_assignments (
    user_id          text NOT NULL REFERENCES directory_users (id) ON DELETE CASCADE,
    subscription_id  text NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, subscription_id)
);
CREATE INDEX license_assignments_by_subscription ON license_assignments (subscription_id);

CREATE TABLE service_requests (
    id             text COLLATE "C" PRIMARY KEY,
    partner_id     text NOT NULL REFERENCES organizations (id),
    customer_id    text NOT NULL REFERENCES organizations (id),
    title          text NOT NULL,
    description    text NOT NULL,
    severity       text NOT NULL CHECK (severity IN ('critical', 'moderate', 'minimal')),
    contact_name   text NOT NULL,
    contact_email  text NOT NULL,
    status         text NOT NULL CHECK (status IN ('open', 'inProgress', 'closed')),
    created_by     text NOT NULL,
    created_at     bigint NOT NULL
);
CREATE INDEX service_requests_by_customer ON service_requests (partner_id, customer_id, created_at);

-- When a partner removed its relationship with a customer: invitations up to `last_invitation`
-- (their `seq`) can no longer bring the customer back.
CREATE TABLE relationship_removals (
    partner_id       text NOT NULL REFERENCES organizations (id),
    customer_id      text NOT NULL REFERENCES organizations (id),
    last_invitation  bigint NOT NULL,
    removed_at       bigint NOT NULL,
    PRIMARY KEY (partner_id, customer_id, last_invitation)
);

-- A sign-in through an organisation's identity provider, between the start and the callback.
CREATE TABLE oidc_sign_ins (
    state_hash     bytea PRIMARY KEY,
    browser_hash   bytea NOT NULL,
    organization   text NOT NULL,
    nonce          text NOT NULL,
    pkce_verifier  text NOT NULL,
    return_path    text NOT NULL,
    created_at     bigint NOT NULL
);
CREATE INDEX oidc_sign_ins_by_age ON oidc_sign_ins (created_at);

CREATE TABLE oidc_sessions (
    token_hash    bytea PRIMARY KEY REFERENCES sessions (token_hash) ON DELETE CASCADE,
    organization  text NOT NULL,
    id_token      text NOT NULL
);

-- Granular admin relationships. `state` is the status last recorded (the settle step moves due
-- ones on); `end_at` is when a pending request expires, an active one ends, or an ended one
-- ended. `name_key` and `customer_key` are folded for search; `name_key` is unique per partner.
CREATE TABLE admin_relationships (
    id                text COLLATE "C" PRIMARY KEY,
    partner_id        text NOT NULL REFERENCES organizations (id),
    customer_id       text REFERENCES organizations (id),
    display_name      text NOT NULL,
    name_key          text COLLATE "C" NOT NULL,
    customer_key      text COLLATE "C" NOT NULL DEFAULT '',
    duration_days     bigint NOT NULL CHECK (duration_days BETWEEN 1 AND 730),
    auto_extend_days  bigint NOT NULL CHECK (auto_extend_days IN (0, 180)),
    roles             jsonb NOT NULL CHECK (jsonb_typeof(roles) = 'array'),
    state             text NOT NULL CHECK (state IN ('approvalPending', 'active', 'expired', 'terminated')),
    created_by        text REFERENCES users (id),
    created_at        bigint NOT NULL,
    modified_at       bigint NOT NULL,
    activated_at      bigint,
    end_at            bigint NOT NULL,
    version           bigint NOT NULL DEFAULT 1,
    token_seed        bytea,
    token_hash        bytea UNIQUE,
    CHECK (state <> 'active' OR customer_id IS NOT NULL)
);
CREATE UNIQUE INDEX admin_relationships_name ON admin_relationships (partner_id, name_key);
CREATE INDEX admin_relationships_newest ON admin_relationships (partner_id, created_at, id);
CREATE INDEX admin_relationships_by_state ON admin_relationships (partner_id, state, created_at, id);
CREATE INDEX admin_relationships_by_end ON admin_relationships (partner_id, state, end_at, id);
CREATE INDEX admin_relationships_by_customer ON admin_relationships (partner_id, customer_id, created_at, id);
CREATE INDEX admin_relationships_by_customer_name ON admin_relationships (partner_id, customer_key);
CREATE INDEX admin_relationships_due ON admin_relationships (end_at) WHERE state IN ('approvalPending', 'active');
CREATE INDEX admin_relationships_of_customer ON admin_relationships (customer_id, state);

CREATE TABLE admin_relationship_history (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    relationship_id  text NOT NULL REFERENCES admin_relationships (id),
    status           text NOT NULL CHECK (status IN ('approvalPending', 'active', 'expired', 'terminated')),
    at               bigint NOT NULL,
    by_email         text,
    extended         boolean NOT NULL DEFAULT false
);
CREATE INDEX admin_relationship_history_by_relationship ON admin_relationship_history (relationship_id, id);

CREATE TABLE security_groups (
    id            text COLLATE "C" PRIMARY KEY,
    partner_id    text NOT NULL REFERENCES organizations (id),
    display_name  text COLLATE "C" NOT NULL,
    created_at    bigint NOT NULL
);
CREATE INDEX security_groups_by_partner ON security_groups (partner_id, display_name);

CREATE TABLE security_group_members (
    group_id  text NOT NULL REFERENCES security_groups (id) ON DELETE CASCADE,
    email     text COLLATE "C" NOT NULL,
    PRIMARY KEY (group_id, email)
);

CREATE TABLE access_assignments (
    id               text COLLATE "C" PRIMARY KEY,
    relationship_id  text NOT NULL REFERENCES admin_relationships (id),
    group_id         text NOT NULL REFERENCES security_groups (id),
    roles            jsonb NOT NULL CHECK (jsonb_typeof(roles) = 'array'),
    version          bigint NOT NULL DEFAULT 1,
    created_at       bigint NOT NULL,
    modified_at      bigint NOT NULL,
    UNIQUE (relationship_id, group_id)
);

-- A partner's granular admin relationships counted by status, kept by statement triggers (as
-- `partner_customer_counts`): each statement adds what it inserted or moved into a status and
-- takes away what it deleted or moved out of one, one upsert per partner and status.
CREATE TABLE admin_relationship_counts (
    partner_id  text NOT NULL,
    state       text NOT NULL,
    total       bigint NOT NULL,
    PRIMARY KEY (partner_id, state)
);

CREATE FUNCTION add_admin_relationship_counts(changes jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO admin_relationship_counts AS c (partner_id, state, total)
    SELECT partner_id, state, sum(n) FROM jsonb_to_recordset(changes)
        AS x(partner_id text, state text, n bigint)
     GROUP BY partner_id, state ORDER BY partner_id, state
    ON CONFLICT (partner_id, state) DO UPDATE SET total = c.total + excluded.total;
$$;

CREATE FUNCTION count_admin_relationships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM add_admin_relationship_counts(coalesce((SELECT jsonb_agg(jsonb_build_object(
            'partner_id', partner_id, 'state', state, 'n', n)) FROM (
                SELECT partner_id, state, count(*) AS n FROM added GROUP BY partner_id, state) g),
            '[]'));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM add_admin_relationship_counts(coalesce((SELECT jsonb_agg(jsonb_build_object(
            'partner_id', partner_id, 'state', state, 'n', -n)) FROM (
                SELECT partner_id, state, count(*) AS n FROM removed GROUP BY partner_id, state) g),
            '[]'));
    ELSE
        PERFORM add_admin_relationship_counts(coalesce((SELECT jsonb_agg(jsonb_build_object(
            'partner_id', partner_id, 'state', state, 'n', n)) FROM (
                SELECT o.partner_id, o.state, -count(*) AS n
                  FROM removed o JOIN added n ON n.id = o.id WHERE n.state <> o.state
                 GROUP BY o.partner_id, o.state
                UNION ALL
                SELECT n.partner_id, n.state, count(*)
                  FROM removed o JOIN added n ON n.id = o.id WHERE n.state <> o.state
                 GROUP BY n.partner_id, n.state) g),
            '[]'));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER admin_relationships_counted AFTER INSERT ON admin_relationships
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_admin_relationships();
CREATE TRIGGER admin_relationships_uncounted AFTER DELETE ON admin_relationships
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION count_admin_relationships();
CREATE TRIGGER admin_relationships_recounted AFTER UPDATE ON admin_relationships
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_admin_relationships();

-- Failed sign-ins and unknown invitation links, shared by every instance: the start of the
-- window in Unix milliseconds and the failures in it.
CREATE TABLE throttle_failures (
    scope              text NOT NULL,
    key                text COLLATE "C" NOT NULL,
    window_started_ms  bigint NOT NULL,
    failures           bigint NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX throttle_failures_by_age ON throttle_failures (scope, window_started_ms);
