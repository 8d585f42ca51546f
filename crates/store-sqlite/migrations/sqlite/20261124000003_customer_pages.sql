-- The customer list at scale: one index per sortable column, each led by the partner, so that
-- every page is an index range scan whatever the number of customers.
ALTER TABLE customer_relationships ADD COLUMN domain_key TEXT NOT NULL DEFAULT '';
UPDATE customer_relationships
    SET domain_key = (SELECT lower(o.primary_domain) FROM organizations o WHERE o.id = customer_id);
CREATE INDEX customer_relationships_by_domain
    ON customer_relationships (partner_id, domain_key, customer_id);
-- A search's count is names + domains - both, each read from an index alone.
CREATE INDEX customer_relationships_by_name_domain
    ON customer_relationships (partner_id, sort_key, domain_key);
-- A domain search in name order reads names from here, not from the table.
CREATE INDEX customer_relationships_by_domain_name
    ON customer_relationships (partner_id, domain_key, sort_key, customer_id);
CREATE INDEX customer_relationships_by_relationship
    ON customer_relationships (partner_id, relationship, sort_key, customer_id);
CREATE INDEX customer_relationships_by_privileges
    ON customer_relationships (partner_id, admin_privileges, sort_key, customer_id);
CREATE INDEX customer_relationships_by_since
    ON customer_relationships (partner_id, created_at, customer_id);

-- Customers per partner, kept by triggers in the same transaction as the change, so that the
-- total under the list costs one row read instead of a scan of the partner's index.
CREATE TABLE partner_customer_counts (
    partner_id  TEXT PRIMARY KEY REFERENCES organizations (id),
    total       INTEGER NOT NULL CHECK (total >= 0)
) WITHOUT ROWID;
INSERT INTO partner_customer_counts (partner_id, total)
    SELECT partner_id, count(*) FROM customer_relationships GROUP BY partner_id;
CREATE TRIGGER customer_relationships_counted AFTER INSERT ON customer_relationships BEGIN
    INSERT INTO partner_customer_counts (partner_id, total) VALUES (NEW.partner_id, 1)
        ON CONFLICT (partner_id) DO UPDATE SET total = total + 1;
END;
CREATE TRIGGER customer_relationships_uncounted AFTER DELETE ON customer_relationships BEGIN
    UPDATE partner_customer_counts SET total = total - 1 WHERE partner_id = OLD.partner_id;
END;

-- The customer's billing address and primary contact; the country is the organisation's.
CREATE TABLE billing_profiles (
    organization_id  TEXT PRIMARY KEY REFERENCES organizations (id),
    first_name       TEXT NOT NULL,
    last_name        TEXT NOT NULL,
    email            TEXT NOT NULL,
    phone_number     TEXT NOT NULL,
    address_line1    TEXT NOT NULL,
    city             TEXT NOT NULL,
    postal_code      TEXT NOT NULL
);

-- What a customer bought through a partner.
CREATE TABLE subscriptions (
    id              TEXT PRIMARY KEY,
    partner_id      TEXT NOT NULL REFERENCES organizations (id),
    customer_id     TEXT NOT NULL REFERENCES organizations (id),
    offer_name      TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    status          TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    billing_cycle   TEXT NOT NULL CHECK (billing_cycle IN ('monthly', 'annual')),
    created_at      INTEGER NOT NULL,
    commitment_end  INTEGER NOT NULL
);
CREATE INDEX subscriptions_by_customer ON subscriptions (partner_id, customer_id, offer_name);

-- The people in a customer's own directory (its Microsoft Entra ID, here). Not sign-in accounts.
CREATE TABLE directory_users (
    id                   TEXT PRIMARY KEY,
    organization_id      TEXT NOT NULL REFERENCES organizations (id),
    display_name         TEXT NOT NULL,
    sort_key             TEXT NOT NULL,
    user_principal_name  TEXT NOT NULL UNIQUE,
    role                 TEXT NOT NULL CHECK (role IN ('globalAdmin', 'billingAdmin', 'userAdmin', 'user')),
    created_at           INTEGER NOT NULL
);
CREATE INDEX directory_users_by_name ON directory_users (organization_id, sort_key, id);

-- Which user holds a license from which subscription.
CREATE TABLE license_assignments (
    user_id          TEXT NOT NULL REFERENCES directory_users (id) ON DELETE CASCADE,
    subscription_id  TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, subscription_id)
) WITHOUT ROWID;
CREATE INDEX license_assignments_by_subscription ON license_assignments (subscription_id);
