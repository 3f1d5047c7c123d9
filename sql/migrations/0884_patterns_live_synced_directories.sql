-- The number of directories the run's developer specializations were last rescored with, so
-- that a rescore skips rewriting every author's specialization when it has not moved (most
-- commits add no directory; computing every author's entropy took 0.5-0.7 s of each rescore on
-- ansible). NULL: unknown (after a discovery or a full refresh), rescored in full.
ALTER TABLE patterns.live_synced ADD COLUMN directories bigint;
COMMENT ON COLUMN patterns.live_synced.directories IS 'The number of directories every active developer pattern''s specialization was computed with, as patterns.rescore_developers() last left it; NULL after a discovery or a full refresh (not known).';
