-- stats-service learns of an integration when it is created (integration.saved, since 2026-12-02), so its statistics
-- answer zeros before the first install instead of 404. Integrations created before this migration are sent to it
-- once, through the outbox, as V8 did for webhook-service.
INSERT INTO outbox (event_id, destination, type, payload, occurred_at, next_attempt_at)
SELECT gen_random_uuid(), 'stats-service', 'integration.saved',
       jsonb_build_object('integration_id', id, 'owner_account_id', owner_account_id, 'code', code,
                          'redirect_uri', redirect_uri, 'scopes', to_jsonb(scopes)),
       now(), now()
FROM integration;
