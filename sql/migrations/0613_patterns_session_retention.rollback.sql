-- Discovery sessions are kept forever again (the sessions already purged stay gone).
SELECT ops.unschedule_job('pgpattern-purge-discovery-sessions');
DROP FUNCTION patterns.purge_discovery_sessions(text, integer);
DROP FUNCTION patterns.discovery_sessions_kept(bigint);
DROP TABLE patterns.discovery_retention;
