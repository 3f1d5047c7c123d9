SELECT ops.unschedule_job('pgpattern-purge-pattern-updates');
SELECT ops.unschedule_job('pgpattern-process-pattern-updates');
DROP TRIGGER sessions_end_pattern_update ON core.sessions;
DROP FUNCTION patterns.session_end_pattern_update();
DROP TRIGGER discovery_supersedes_updates ON patterns.pattern_discovery_sessions;
DROP FUNCTION patterns.supersede_pattern_updates();
DROP TRIGGER file_changes_live_delete ON git.file_changes;
DROP FUNCTION patterns.live_file_changes_deleted();
DROP TRIGGER file_changes_live_update ON git.file_changes;
DROP FUNCTION patterns.live_file_changes_updated();
DROP TRIGGER file_changes_live_insert ON git.file_changes;
DROP FUNCTION patterns.live_file_changes_inserted();
DROP FUNCTION patterns.purge_pattern_updates(interval);
DROP FUNCTION patterns.process_pattern_updates(integer);
DROP FUNCTION patterns.enqueue_pattern_update(text, text, text, jsonb, text[]);
DROP FUNCTION patterns.live_changed(bigint, bigint[]);
DROP TABLE patterns.pattern_update_metrics;
DROP TABLE patterns.pattern_update_queue;
-- The live state keeps what the triggers last counted; emptied here so that a re-apply counts from scratch.
TRUNCATE patterns.live_commits, patterns.live_changes, patterns.file_change_counts, patterns.file_pair_counts,
         patterns.file_author_counts, patterns.author_commit_counts, patterns.author_week_counts, patterns.change_size_counts,
         patterns.commit_time_bins;
