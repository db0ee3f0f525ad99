-- Event types follow one rule, <noun>.<past-tense verb> (platform-common's EventType). Events still waiting in an
-- outbox, or set aside as dead letters, go out under their new names; receivers take the former names too, for events
-- a former version of a neighbour sends during a rolling deploy.
UPDATE outbox SET type = CASE type
        WHEN 'integration.publication' THEN 'integration.published'
        WHEN 'install' THEN 'installation.enabled'
        WHEN 'uninstall' THEN 'installation.disabled'
        WHEN 'installed' THEN 'code_delivery.requested'
        WHEN 'access_revoked' THEN 'revoke_notice.requested'
    END
WHERE delivered_at IS NULL
  AND type IN ('integration.publication', 'install', 'uninstall', 'installed', 'access_revoked');
