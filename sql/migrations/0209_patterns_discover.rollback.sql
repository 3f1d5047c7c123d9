SELECT ops.unschedule_job('pgpattern-refresh-pattern-summary');
DROP FUNCTION patterns.discover_patterns(text, text[], double precision, integer, integer, timestamptz, timestamptz, text, uuid);
DROP FUNCTION patterns.refresh_summaries();
DROP FUNCTION patterns.project_id(text);
DROP VIEW api.high_risk_files_summary;
DROP MATERIALIZED VIEW api.project_pattern_summary;
