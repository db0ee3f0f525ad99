-- A public integration may have no widget: then its version says so, needs no archive, and is installed only from the
-- developer's own site (the authorization page), whose address each listing gives.
ALTER TABLE integration_version ADD COLUMN has_widget BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE listing ADD COLUMN install_url TEXT;
