ALTER TABLE patterns.live_synced DROP COLUMN directories;
