-- What keys-service knows of each (integration, account) installation, as integrations-service decided it: the
-- latest generation heard of and whether it is still active. Codes and grants carry the generation they were issued
-- for; a code exchanges only while its generation is the active one, and a disable revokes the grants of every
-- generation up to the one it ends (never those of a later re-install).
-- (The same table as webhook-service's: platform-common's InstallationStates reads and writes both.)
CREATE TABLE installation (
    integration_id UUID    NOT NULL,  -- the client_id
    account_id     BIGINT  NOT NULL,
    generation     BIGINT  NOT NULL,
    active         BOOLEAN NOT NULL,
    PRIMARY KEY (integration_id, account_id)
);
INSERT INTO installation (integration_id, account_id, generation, active)
SELECT client_id, account_id, 1, installed FROM test_installation;
-- Codes still usable and grants still live were issued for installations made before generations existed: generation 1.
INSERT INTO installation (integration_id, account_id, generation, active)
SELECT DISTINCT client_id, account_id, 1, true FROM authorization_code WHERE used_at IS NULL AND expires_at > now()
UNION
SELECT DISTINCT client_id, account_id, 1, true FROM token_grant
WHERE kind = 'authorization_code' AND revoked_at IS NULL AND account_id IS NOT NULL
ON CONFLICT DO NOTHING;
DROP TABLE test_installation;

ALTER TABLE authorization_code ADD COLUMN generation BIGINT NOT NULL DEFAULT 1;
ALTER TABLE authorization_code ALTER COLUMN generation DROP DEFAULT;
-- null for publish keys, which belong to no account
ALTER TABLE token_grant ADD COLUMN generation BIGINT;
UPDATE token_grant SET generation = 1 WHERE account_id IS NOT NULL;
