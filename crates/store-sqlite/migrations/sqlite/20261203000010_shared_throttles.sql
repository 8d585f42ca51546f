-- Failed sign-ins and unknown invitation links, counted in the database instead of one server's
-- memory, so every instance on this database sees the same counts and a restart forgives
-- nothing. One row per throttle (`scope`) and key (an e-mail address or a client address): the
-- start of its window in Unix milliseconds and the failures in it. Windows that are over are
-- deleted when the next failure of the same throttle is recorded.
CREATE TABLE throttle_failures (
    scope              TEXT NOT NULL,
    key                TEXT NOT NULL,
    window_started_ms  INTEGER NOT NULL,
    failures           INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX throttle_failures_by_age ON throttle_failures (scope, window_started_ms);
