-- The continuous-learning store, recommendations: advice derived from an identified
-- pattern, a prediction or both, moving proposed -> accepted -> implemented, or to
-- rejected from proposed or accepted.
CREATE TABLE learning.recommendations (
    project_id           bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    recommendation_id    uuid NOT NULL DEFAULT gen_random_uuid(),
    recommendation_type  text NOT NULL,
    title                text NOT NULL,
    description          text,
    confidence_score     numeric(3,2),
    priority             text NOT NULL DEFAULT 'medium',
    source_pattern_id    uuid,
    source_prediction_id uuid,
    status               text NOT NULL DEFAULT 'proposed',
    feedback             jsonb,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, recommendation_id),
    CONSTRAINT recommendations_source_pattern_fkey FOREIGN KEY (project_id, source_pattern_id)
        REFERENCES learning.identified_patterns (project_id, pattern_id),
    CONSTRAINT recommendations_source_prediction_fkey FOREIGN KEY (project_id, source_prediction_id)
        REFERENCES learning.predictions (project_id, prediction_id),
    CONSTRAINT recommendations_recommendation_type_check
        CHECK (recommendation_type IN ('refactoring', 'performance', 'testing', 'security', 'process')),
    CONSTRAINT recommendations_title_check CHECK (title ~ '\S' AND length(title) <= 300),
    CONSTRAINT recommendations_confidence_score_range CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT recommendations_priority_check CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    CONSTRAINT recommendations_has_source CHECK (num_nonnulls(source_pattern_id, source_prediction_id) > 0),
    CONSTRAINT recommendations_status_check CHECK (status IN ('proposed', 'accepted', 'rejected', 'implemented'))
);
COMMENT ON TABLE learning.recommendations IS 'Recommendations derived from an identified pattern and/or a prediction of the same project; status proposed -> accepted -> implemented, or rejected (a trigger refuses other moves).';
COMMENT ON COLUMN learning.recommendations.project_id IS 'The project it is for.';
COMMENT ON COLUMN learning.recommendations.recommendation_id IS 'The recommendation''s key within its project.';
COMMENT ON COLUMN learning.recommendations.recommendation_type IS 'refactoring, performance, testing, security or process.';
COMMENT ON COLUMN learning.recommendations.title IS 'One line, 1 to 300 characters.';
COMMENT ON COLUMN learning.recommendations.description IS 'What to do and why.';
COMMENT ON COLUMN learning.recommendations.confidence_score IS 'Confidence in the recommendation, in [0, 1].';
COMMENT ON COLUMN learning.recommendations.priority IS 'low, medium, high or critical.';
COMMENT ON COLUMN learning.recommendations.source_pattern_id IS 'The identified pattern it comes from; at least one source is required.';
COMMENT ON COLUMN learning.recommendations.source_prediction_id IS 'The prediction it comes from; at least one source is required.';
COMMENT ON COLUMN learning.recommendations.status IS 'proposed (new), accepted, rejected (final), implemented (final).';
COMMENT ON COLUMN learning.recommendations.feedback IS 'What people said about it.';
COMMENT ON COLUMN learning.recommendations.created_at IS 'When the row was created.';
COMMENT ON COLUMN learning.recommendations.updated_at IS 'When the row last changed (maintained by a trigger).';
CREATE INDEX recommendations_source_pattern_idx ON learning.recommendations (project_id, source_pattern_id)
    WHERE source_pattern_id IS NOT NULL;
COMMENT ON INDEX learning.recommendations_source_pattern_idx IS 'Recommendations from a pattern (supports its foreign key).';
CREATE INDEX recommendations_source_prediction_idx ON learning.recommendations (project_id, source_prediction_id)
    WHERE source_prediction_id IS NOT NULL;
COMMENT ON INDEX learning.recommendations_source_prediction_idx IS 'Recommendations from a prediction (supports its foreign key).';
CREATE INDEX recommendations_open_idx ON learning.recommendations (project_id, priority, created_at)
    WHERE status IN ('proposed', 'accepted');
COMMENT ON INDEX learning.recommendations_open_idx IS 'Open recommendations by priority.';
CREATE TRIGGER recommendations_status_lifecycle BEFORE INSERT OR UPDATE OF status ON learning.recommendations
    FOR EACH ROW EXECUTE FUNCTION learning.enforce_status_lifecycle('status',
        '>proposed', 'proposed>accepted', 'proposed>rejected', 'accepted>implemented', 'accepted>rejected');
CREATE TRIGGER recommendations_touch_updated_at BEFORE UPDATE ON learning.recommendations
    FOR EACH ROW EXECUTE FUNCTION core.touch_updated_at();
