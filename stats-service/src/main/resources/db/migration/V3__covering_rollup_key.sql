-- Reads of a series touch every day of a range. One integration's rollup rows are spread over as many heap pages
-- as days (each day's rows are written together), so the key carries the counts: a year of days is then read from
-- a handful of index pages (an index-only scan, on the pages autovacuum has marked all-visible).
ALTER TABLE daily_installs
    DROP CONSTRAINT daily_installs_pkey,
    ADD PRIMARY KEY (integration_id, language, day) INCLUDE (installs, uninstalls);
