-- A partner's granular admin relationships counted by status, kept by triggers in the same
-- transaction as the change, so the list's total (all, or one status) is one row read instead
-- of a count over every relationship.
CREATE TABLE admin_relationship_counts (
    partner_id  TEXT NOT NULL,
    state       TEXT NOT NULL,
    total       INTEGER NOT NULL,
    PRIMARY KEY (partner_id, state)
) WITHOUT ROWID;

INSERT INTO admin_relationship_counts (partner_id, state, total)
SELECT partner_id, state, count(*) FROM admin_relationships GROUP BY partner_id, state;

CREATE TRIGGER admin_relationship_counts_insert AFTER INSERT ON admin_relationships
BEGIN
    INSERT INTO admin_relationship_counts (partner_id, state, total)
    VALUES (NEW.partner_id, NEW.state, 1)
    ON CONFLICT (partner_id, state) DO UPDATE SET total = total + 1;
END;

CREATE TRIGGER admin_relationship_counts_state AFTER UPDATE OF state ON admin_relationships
WHEN OLD.state <> NEW.state
BEGIN
    UPDATE admin_relationship_counts SET total = total - 1
     WHERE partner_id = OLD.partner_id AND state = OLD.state;
    INSERT INTO admin_relationship_counts (partner_id, state, total)
    VALUES (NEW.partner_id, NEW.state, 1)
    ON CONFLICT (partner_id, state) DO UPDATE SET total = total + 1;
END;

CREATE TRIGGER admin_relationship_counts_delete AFTER DELETE ON admin_relationships
BEGIN
    UPDATE admin_relationship_counts SET total = total - 1
     WHERE partner_id = OLD.partner_id AND state = OLD.state;
END;
