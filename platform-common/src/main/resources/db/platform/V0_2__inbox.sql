-- Events this service has processed, so that a redelivered event has no second effect.
CREATE TABLE processed_event (
    event_id    UUID        PRIMARY KEY,
    type        TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
