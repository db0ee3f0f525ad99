-- Deliveries follow the installations they are about. Each job names its installation generation; a code delivery
-- of an installation that is over is cancelled, never sent; and for one (integration, account) the jobs go out in the
-- order the account acted (by generation, a code before the revoke notice of the same generation).
ALTER TABLE delivery ADD COLUMN generation BIGINT NOT NULL DEFAULT 1;
ALTER TABLE delivery ALTER COLUMN generation DROP DEFAULT;
-- set while an attempt is under way: a later job of the same pair waits for it
ALTER TABLE delivery ADD COLUMN leased_until TIMESTAMPTZ;
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
    CHECK (status IN ('pending', 'delivered', 'failed', 'blocked', 'cancelled'));
ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_outcome_check;
ALTER TABLE delivery_attempt ADD CONSTRAINT delivery_attempt_outcome_check
    CHECK (outcome IN ('delivered', 'retry', 'gone', 'failed', 'blocked', 'cancelled'));
CREATE INDEX delivery_by_installation ON delivery (integration_id, account_id, generation, kind);

-- What webhook-service knows of each installation from the jobs it accepted (merged as the shared
-- InstallationState does: a later generation wins, a disable is final within its generation).
CREATE TABLE installation (
    integration_id UUID    NOT NULL,
    account_id     BIGINT  NOT NULL,
    generation     BIGINT  NOT NULL,
    active         BOOLEAN NOT NULL,
    PRIMARY KEY (integration_id, account_id)
);
