-- The windows 0950 added, filled from the change log with the rest of each project's recency
-- state (recency_recompute of 0951 writes both).
SELECT patterns.recency_recompute(p.project_id, NULL) FROM core.projects p;
