-- The evidence of a suggestion from the pair rows (issue 14): of q's last 20 counted changes,
-- which also changed x. Read from the change log at every call (q's last 20 counted changes, a
-- probe of live_commits each for their size, then every file of those commits), it was a
-- quarter of the cost of a call. Kept per pair and direction as a 20-bit window beside the
-- decayed sum and moved with it: bit j is set when the file's commit j steps before its
-- stamp also changed the other file; read at n(q) it is patterns.recent_window(recent,
-- n(q) - stamp). Four bytes each; the second widens a row by eight (the first fits its padding).
ALTER TABLE patterns.file_pair_counts
    ADD COLUMN recent_1 integer NOT NULL DEFAULT 0,
    ADD COLUMN recent_2 integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN patterns.file_pair_counts.recent_1 IS 'Which of file_1''s last 20 counted commits as of stamp_1 also change file_2: bit j for the commit j steps before (bit 0: the commit numbered stamp_1); at n(file_1) it is patterns.recent_window(recent_1, n(file_1) - stamp_1).';
COMMENT ON COLUMN patterns.file_pair_counts.recent_2 IS 'Which of file_2''s last 20 counted commits as of stamp_2 also change file_1 (see recent_1).';
