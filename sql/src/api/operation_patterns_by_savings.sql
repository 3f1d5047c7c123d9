CREATE OR REPLACE VIEW api.operation_patterns_by_savings AS
SELECT rank() OVER (ORDER BY o.potential_monthly_savings DESC NULLS LAST) AS savings_rank,
       o.pattern_signature,
       o.pattern_type,
       o.automation_status,
       o.occurrence_count,
       round(o.avg_tokens_with_llm, 1) AS avg_tokens_with_llm,
       round(o.avg_cost_with_llm, 4) AS avg_cost_with_llm,
       round(o.avg_cost_with_tool, 4) AS avg_cost_with_tool,
       o.potential_monthly_savings,
       o.confidence_score,
       o.first_seen,
       o.last_seen
  FROM workflow.operation_patterns o;
COMMENT ON VIEW api.operation_patterns_by_savings IS 'Operation patterns ranked by potential monthly savings (rank 1 saves most; patterns without a known cost come last), with their averages, estimated tool cost and confidence (formulas: workflow.operation_monthly_savings, workflow.operation_confidence).';
GRANT SELECT ON TABLE api.operation_patterns_by_savings TO pgpattern_reader;
