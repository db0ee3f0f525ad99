-- The OAuth clients keys-service knows, one per integration, kept up to date by integrations-service's events.
CREATE TABLE client_registration (
    client_id        UUID        PRIMARY KEY,
    owner_account_id BIGINT      NOT NULL,
    widget_code      TEXT        NOT NULL,
    redirect_uri     TEXT        NOT NULL,
    scopes           TEXT[]      NOT NULL,
    -- occurred_at of the event that last changed the row: an older event arriving late changes nothing
    source_event_at  TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX client_registration_owner ON client_registration (owner_account_id);
