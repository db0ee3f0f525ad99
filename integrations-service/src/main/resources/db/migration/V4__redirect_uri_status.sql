-- What webhook-service's last check of the redirect URL found (published integrations only; null until checked).
ALTER TABLE integration
    ADD COLUMN redirect_uri_status     TEXT CHECK (redirect_uri_status IN ('ok', 'failing')),
    ADD COLUMN redirect_uri_checked_at TIMESTAMPTZ,
    ADD COLUMN redirect_uri_error      TEXT;
