ALTER TABLE patterns.file_pair_counts DROP COLUMN recent_1, DROP COLUMN recent_2;
