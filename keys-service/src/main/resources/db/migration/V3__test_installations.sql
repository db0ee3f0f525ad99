-- Whether an integration's owner has it installed in its own account (a test install): the Keys view then offers the
-- owner an authorization code for itself. changed_at keeps the latest event's time, so events applied out of order
-- cannot undo a later one.
CREATE TABLE test_installation (
    client_id  UUID        NOT NULL,
    account_id BIGINT      NOT NULL,
    installed  BOOLEAN     NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client_id, account_id)
);
