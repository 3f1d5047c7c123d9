-- One schema per concern, so that \dn reads like the architecture.
CREATE SCHEMA core;
COMMENT ON SCHEMA core IS 'Projects, development sessions, and what all other schemas share.';
CREATE SCHEMA git;
COMMENT ON SCHEMA git IS 'Ingested git history: commits, file changes, file lineage across renames.';
CREATE SCHEMA patterns;
COMMENT ON SCHEMA patterns IS 'Change-pattern discovery: sessions, the five pattern tables, insights, the update queue and its metrics.';
CREATE SCHEMA learning;
COMMENT ON SCHEMA learning IS 'Continuous learning: ML models, datasets, training, predictions, recommendations, evolution experiments, A/B tests, learning events, performance metrics.';
CREATE SCHEMA workflow;
COMMENT ON SCHEMA workflow IS 'AI-agent workflow patterns, their occurrences and running statistics.';
CREATE SCHEMA api;
COMMENT ON SCHEMA api IS 'The stable contract for applications and dashboards: views and functions only. Nothing outside this schema is a promise.';
