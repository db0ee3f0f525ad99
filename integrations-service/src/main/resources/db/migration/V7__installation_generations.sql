-- Each install of a pair starts a new installation generation; a disable ends it. Codes and tokens belong to one
-- generation, so nothing issued for an installation outlives its disable, and a re-install is a fresh start.
-- Installations made before this migration are generation 1.
ALTER TABLE installation ADD COLUMN generation BIGINT NOT NULL DEFAULT 1;
ALTER TABLE installation ALTER COLUMN generation DROP DEFAULT;
