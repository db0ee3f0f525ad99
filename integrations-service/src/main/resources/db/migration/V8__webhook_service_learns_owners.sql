-- webhook-service now learns every integration's owner from integration.saved (it answers 404 on another account's
-- delivery log). Integrations saved before this migration are sent to it once, through the outbox.
INSERT INTO outbox (event_id, destination, type, payload, occurred_at, next_attempt_at)
SELECT gen_random_uuid(), 'webhook-service', 'integration.saved',
       jsonb_build_object('integration_id', id, 'owner_account_id', owner_account_id, 'code', code,
                          'redirect_uri', redirect_uri, 'scopes', to_jsonb(scopes)),
       now(), now()
FROM integration;
