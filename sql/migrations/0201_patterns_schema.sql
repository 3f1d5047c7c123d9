-- The pattern store of the TC012 blueprint, as spec/change-patterns.md amends it:
-- scores in double precision (the blueprint's DECIMAL(6,4) rounds a large history's
-- support to 0), hashes over convert_to(text, 'UTF8') (a text::bytea cast fails on a
-- backslash), no length limit on extensions, the columns the spec adds, and project_id
-- leading every primary and unique key. Patterns are never deleted by discovery: a new
-- session marks the earlier ones outdated and their patterns inactive.
CREATE FUNCTION patterns.sha256_hex(p_text text)
RETURNS text
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- convert_to is only STABLE; converting to one fixed encoding is deterministic,
    -- which is what a generated column needs.
    SELECT encode(sha256(convert_to(p_text, 'UTF8')), 'hex')
$$;
COMMENT ON FUNCTION patterns.sha256_hex(text) IS 'sha256 (hex) of the UTF-8 bytes of a text: the identity hash of pairs and developers.';

CREATE TABLE patterns.pattern_discovery_sessions (
    project_id               bigint NOT NULL REFERENCES core.projects (project_id) ON DELETE CASCADE,
    id                       uuid NOT NULL DEFAULT gen_random_uuid(),
    session_id               uuid,
    discovery_timestamp      timestamptz NOT NULL DEFAULT now(),
    algorithm_version        text NOT NULL DEFAULT 'pgpattern-spec-1',
    algorithms               text[] NOT NULL,
    commit_range_start       text,
    commit_range_end         text,
    window_since             timestamptz,
    window_until             timestamptz,
    window_until_sha         text,
    total_commits_analyzed   integer NOT NULL DEFAULT 0 CHECK (total_commits_analyzed >= 0),
    total_files_analyzed     integer NOT NULL DEFAULT 0 CHECK (total_files_analyzed >= 0),
    execution_time_ms        integer NOT NULL DEFAULT 0 CHECK (execution_time_ms >= 0),
    patterns_discovered      integer NOT NULL DEFAULT 0 CHECK (patterns_discovered >= 0),
    cooccurrence_patterns    integer NOT NULL DEFAULT 0,
    temporal_patterns        integer NOT NULL DEFAULT 0,
    developer_patterns       integer NOT NULL DEFAULT 0,
    magnitude_patterns       integer NOT NULL DEFAULT 0,
    insights                 integer NOT NULL DEFAULT 0,
    confidence_threshold     double precision NOT NULL DEFAULT 0.30 CHECK (confidence_threshold BETWEEN 0 AND 1),
    min_cooccurrence         integer NOT NULL DEFAULT 3 CHECK (min_cooccurrence >= 1),
    max_changeset_size       integer NOT NULL DEFAULT 30 CHECK (max_changeset_size >= 2),
    status                   text NOT NULL DEFAULT 'running',
    error_message            text,
    metadata                 jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, session_id) REFERENCES core.sessions (project_id, session_id) ON DELETE SET NULL (session_id),
    CONSTRAINT pattern_discovery_sessions_status_check CHECK (status IN ('running', 'completed', 'failed', 'outdated')),
    CONSTRAINT pattern_discovery_sessions_algorithms_check
        CHECK (algorithms <@ ARRAY['cooccurrence', 'temporal', 'developer', 'magnitude', 'insights'] AND cardinality(algorithms) > 0)
);
COMMENT ON TABLE patterns.pattern_discovery_sessions IS 'One row per discovery run of a project: what it analysed (commit range, window, thresholds), what it found and how long it took. A new completed run marks earlier ones outdated.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.id IS 'The discovery session key within its project.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.session_id IS 'The development session (core.sessions) the run belongs to, if any.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.algorithms IS 'The algorithms run: cooccurrence, temporal, developer, magnitude, insights.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.commit_range_start IS 'The sha of the earliest analysed commit (by authored time).';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.commit_range_end IS 'The sha of the latest analysed commit (by authored time).';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.window_since IS 'The since bound given (authored time, inclusive), if any.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.window_until IS 'The until bound given (authored time, exclusive), if any.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.window_until_sha IS 'The commit given as until_sha: only it and its ancestors were analysed.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.total_commits_analyzed IS 'Commits in the transaction set T (no merges, no commits without file changes).';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.total_files_analyzed IS 'Distinct files (latest paths) changed in T.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.execution_time_ms IS 'Wall time of the run in milliseconds.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.patterns_discovered IS 'Patterns of all five kinds stored by the run (insights included).';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.cooccurrence_patterns IS 'File co-occurrence patterns stored.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.temporal_patterns IS 'Temporal patterns stored.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.developer_patterns IS 'Developer patterns stored.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.magnitude_patterns IS 'Change-magnitude patterns stored.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.insights IS 'Insights stored.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.confidence_threshold IS 'Minimum co-occurrence confidence kept (default 0.30).';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.min_cooccurrence IS 'Minimum number of commits changing a pair (default 3).';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.max_changeset_size IS 'Commits changing more files are left out of co-occurrence (default 30).';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.status IS 'running, completed, failed or outdated (a later run completed).';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.error_message IS 'Why a failed run failed.';
COMMENT ON COLUMN patterns.pattern_discovery_sessions.metadata IS 'Free-form facts about the run (a JSON object).';
CREATE INDEX pattern_sessions_project_timestamp_idx ON patterns.pattern_discovery_sessions (project_id, discovery_timestamp DESC);
COMMENT ON INDEX patterns.pattern_sessions_project_timestamp_idx IS 'A project''s runs, newest first.';
CREATE INDEX pattern_sessions_status_idx ON patterns.pattern_discovery_sessions (status, discovery_timestamp DESC);
COMMENT ON INDEX patterns.pattern_sessions_status_idx IS 'Runs by status, newest first.';
CREATE INDEX pattern_sessions_dev_session_idx ON patterns.pattern_discovery_sessions (project_id, session_id) WHERE session_id IS NOT NULL;
COMMENT ON INDEX patterns.pattern_sessions_dev_session_idx IS 'Runs of a development session (supports the foreign key).';

CREATE TABLE patterns.file_cooccurrence_patterns (
    project_id               bigint NOT NULL,
    id                       uuid NOT NULL DEFAULT gen_random_uuid(),
    discovery_session_id     uuid NOT NULL,
    file_path_1              text NOT NULL,
    file_path_2              text NOT NULL,
    pattern_hash             text GENERATED ALWAYS AS (
        patterns.sha256_hex(least(file_path_1, file_path_2) || '|' || greatest(file_path_1, file_path_2))) STORED,
    cooccurrence_count       integer NOT NULL CHECK (cooccurrence_count > 0),
    file_1_changes           integer NOT NULL CHECK (file_1_changes > 0),
    file_2_changes           integer NOT NULL CHECK (file_2_changes > 0),
    support_score            double precision NOT NULL CHECK (support_score > 0 AND support_score <= 1),
    confidence_score         double precision NOT NULL CHECK (confidence_score > 0 AND confidence_score <= 1),
    confidence_1_to_2        double precision NOT NULL CHECK (confidence_1_to_2 > 0 AND confidence_1_to_2 <= 1),
    confidence_2_to_1        double precision NOT NULL CHECK (confidence_2_to_1 > 0 AND confidence_2_to_1 <= 1),
    lift_score               double precision NOT NULL CHECK (lift_score > 0),
    coupling_degree          double precision NOT NULL CHECK (coupling_degree > 0 AND coupling_degree <= 1),
    pattern_strength         text NOT NULL CHECK (pattern_strength IN ('weak', 'moderate', 'strong', 'very_strong')),
    p_value                  double precision NOT NULL CHECK (p_value BETWEEN 0 AND 1),
    statistical_significance double precision NOT NULL CHECK (statistical_significance BETWEEN 0 AND 99.9999),
    contributing_commits     text[] NOT NULL DEFAULT '{}',
    first_observed_date      timestamptz,
    last_observed_date       timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    is_active                boolean NOT NULL DEFAULT true,
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, discovery_session_id)
        REFERENCES patterns.pattern_discovery_sessions (project_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_cooccurrence_pattern_per_session UNIQUE (project_id, discovery_session_id, pattern_hash),
    CONSTRAINT file_cooccurrence_patterns_ordered CHECK (file_path_1 < file_path_2 COLLATE "C"),
    CONSTRAINT file_cooccurrence_patterns_confidence_is_max
        CHECK (confidence_score = greatest(confidence_1_to_2, confidence_2_to_1))
);
COMMENT ON TABLE patterns.file_cooccurrence_patterns IS 'Pairs of files that change together (market-basket analysis, spec section 1): support, directional confidences, lift, coupling degree, chi-square p-value, with the commits behind them.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.file_path_1 IS 'The lesser latest path of the pair (C collation).';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.file_path_2 IS 'The greater latest path of the pair.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.pattern_hash IS 'sha256 (hex) of "path_1|path_2": the pair''s identity across sessions.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.cooccurrence_count IS 'n(a,b): commits in T changing both files.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.file_1_changes IS 'n(file_path_1): commits in T changing the first file.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.file_2_changes IS 'n(file_path_2): commits in T changing the second file.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.support_score IS 'n(a,b) / N.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.confidence_score IS 'The greater of the two directional confidences.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.confidence_1_to_2 IS 'n(a,b) / n(file_path_1): how often the second file changes when the first does.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.confidence_2_to_1 IS 'n(a,b) / n(file_path_2).';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.lift_score IS 'n(a,b) * N / (n(a) * n(b)): above 1 when they change together more than chance would make them.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.coupling_degree IS '2 n(a,b) / (n(a) + n(b)) (code-maat''s degree, as a fraction).';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.pattern_strength IS 'very_strong (confidence >= 0.80), strong (>= 0.60), moderate (>= 0.40) or weak.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.p_value IS 'Upper-tail p-value of Pearson''s chi-square (1 degree of freedom, no continuity correction) on the 2x2 table of the pair.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.statistical_significance IS 'min(99.9999, -log10(p_value)).';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.contributing_commits IS 'The most recent 50 commits changing both, newest first.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.first_observed_date IS 'Authored time of the first commit changing both.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.last_observed_date IS 'Authored time of the last commit changing both.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.created_at IS 'When the row was created.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.updated_at IS 'When its numbers last changed.';
COMMENT ON COLUMN patterns.file_cooccurrence_patterns.is_active IS 'False once a later run (or update) superseded it; patterns are never deleted by discovery.';
CREATE INDEX cooccurrence_patterns_session_idx ON patterns.file_cooccurrence_patterns (project_id, discovery_session_id);
COMMENT ON INDEX patterns.cooccurrence_patterns_session_idx IS 'Patterns of a run (supports the foreign key).';
CREATE INDEX cooccurrence_patterns_files_idx ON patterns.file_cooccurrence_patterns (project_id, file_path_1, file_path_2);
COMMENT ON INDEX patterns.cooccurrence_patterns_files_idx IS 'A pair, or the pairs of a file as the first path.';
CREATE INDEX cooccurrence_patterns_file_2_idx ON patterns.file_cooccurrence_patterns (project_id, file_path_2) WHERE is_active;
COMMENT ON INDEX patterns.cooccurrence_patterns_file_2_idx IS 'The active pairs of a file as the second path.';
CREATE INDEX cooccurrence_patterns_strength_idx ON patterns.file_cooccurrence_patterns (project_id, pattern_strength, confidence_score DESC);
COMMENT ON INDEX patterns.cooccurrence_patterns_strength_idx IS 'Pairs by strength and confidence.';
CREATE INDEX cooccurrence_patterns_hash_idx ON patterns.file_cooccurrence_patterns (project_id, pattern_hash);
COMMENT ON INDEX patterns.cooccurrence_patterns_hash_idx IS 'A pair''s history across runs.';
CREATE INDEX cooccurrence_patterns_active_idx ON patterns.file_cooccurrence_patterns (project_id, is_active, updated_at DESC) WHERE is_active;
COMMENT ON INDEX patterns.cooccurrence_patterns_active_idx IS 'The active pairs of a project, most recently updated first.';
CREATE INDEX cooccurrence_patterns_commits_idx ON patterns.file_cooccurrence_patterns USING gin (contributing_commits);
COMMENT ON INDEX patterns.cooccurrence_patterns_commits_idx IS 'Pairs a commit contributed to.';

CREATE TABLE patterns.temporal_patterns (
    project_id               bigint NOT NULL,
    id                       uuid NOT NULL DEFAULT gen_random_uuid(),
    discovery_session_id     uuid NOT NULL,
    pattern_type             text NOT NULL CHECK (pattern_type IN ('hourly', 'daily', 'weekly', 'monthly', 'seasonal')),
    pattern_name             text GENERATED ALWAYS AS (pattern_type || '_pattern') STORED,
    pattern_strength         double precision NOT NULL CHECK (pattern_strength BETWEEN 0 AND 1),
    statistical_significance double precision NOT NULL CHECK (statistical_significance BETWEEN 0 AND 99.9999),
    p_value                  double precision NOT NULL CHECK (p_value BETWEEN 0 AND 1),
    chi_square_statistic     double precision NOT NULL CHECK (chi_square_statistic >= 0),
    degrees_of_freedom       integer NOT NULL CHECK (degrees_of_freedom >= 0),
    peak_periods             integer[] NOT NULL DEFAULT '{}',
    commit_distribution      integer[] NOT NULL DEFAULT '{}',
    period_labels            text[] NOT NULL DEFAULT '{}',
    contributing_authors     text[] NOT NULL DEFAULT '{}',
    contributing_files       text[] NOT NULL DEFAULT '{}',
    date_range_start         timestamptz,
    date_range_end           timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    is_active                boolean NOT NULL DEFAULT true,
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, discovery_session_id)
        REFERENCES patterns.pattern_discovery_sessions (project_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_temporal_pattern_per_session UNIQUE (project_id, discovery_session_id, pattern_type),
    CONSTRAINT temporal_patterns_labels_match CHECK (cardinality(period_labels) = cardinality(commit_distribution))
);
COMMENT ON TABLE patterns.temporal_patterns IS 'When commits happen (spec section 2): the distribution over hours, weekdays, weeks of the month, months or seasons in the author''s local time, with a chi-square test against uniform (or exposure-weighted) expectation.';
COMMENT ON COLUMN patterns.temporal_patterns.pattern_type IS 'hourly, daily, weekly (week of month), monthly or seasonal.';
COMMENT ON COLUMN patterns.temporal_patterns.pattern_name IS 'pattern_type || ''_pattern''.';
COMMENT ON COLUMN patterns.temporal_patterns.pattern_strength IS 'Cramer''s V, capped at 1.';
COMMENT ON COLUMN patterns.temporal_patterns.statistical_significance IS 'min(99.9999, -log10(p_value)).';
COMMENT ON COLUMN patterns.temporal_patterns.p_value IS 'Upper-tail chi-square p-value.';
COMMENT ON COLUMN patterns.temporal_patterns.chi_square_statistic IS 'Sum of (O - E)^2 / E over the bins with exposure.';
COMMENT ON COLUMN patterns.temporal_patterns.degrees_of_freedom IS 'Bins with exposure minus 1.';
COMMENT ON COLUMN patterns.temporal_patterns.peak_periods IS 'Bin indexes (0-based) with O > E + 2 sqrt(E), most commits first.';
COMMENT ON COLUMN patterns.temporal_patterns.commit_distribution IS 'Commits per bin (O).';
COMMENT ON COLUMN patterns.temporal_patterns.period_labels IS 'The bins'' labels: 00..23, Mon..Sun, W1..W5, Jan..Dec, DJF/MAM/JJA/SON.';
COMMENT ON COLUMN patterns.temporal_patterns.contributing_authors IS 'The 10 authors with most commits in T.';
COMMENT ON COLUMN patterns.temporal_patterns.contributing_files IS 'The 10 most changed files in T.';
COMMENT ON COLUMN patterns.temporal_patterns.date_range_start IS 'Earliest authored time in T.';
COMMENT ON COLUMN patterns.temporal_patterns.date_range_end IS 'Latest authored time in T.';
COMMENT ON COLUMN patterns.temporal_patterns.created_at IS 'When the row was created.';
COMMENT ON COLUMN patterns.temporal_patterns.updated_at IS 'When its numbers last changed.';
COMMENT ON COLUMN patterns.temporal_patterns.is_active IS 'False once superseded.';
CREATE INDEX temporal_patterns_session_idx ON patterns.temporal_patterns (project_id, discovery_session_id);
COMMENT ON INDEX patterns.temporal_patterns_session_idx IS 'Patterns of a run (supports the foreign key).';
CREATE INDEX temporal_patterns_type_strength_idx ON patterns.temporal_patterns (project_id, pattern_type, pattern_strength DESC);
COMMENT ON INDEX patterns.temporal_patterns_type_strength_idx IS 'A project''s patterns of a type by strength.';
CREATE INDEX temporal_patterns_significance_idx ON patterns.temporal_patterns (project_id, statistical_significance DESC) WHERE is_active;
COMMENT ON INDEX patterns.temporal_patterns_significance_idx IS 'Active patterns by significance.';
CREATE INDEX temporal_patterns_authors_idx ON patterns.temporal_patterns USING gin (contributing_authors);
COMMENT ON INDEX patterns.temporal_patterns_authors_idx IS 'Patterns an author contributes to.';

CREATE TABLE patterns.developer_patterns (
    project_id                    bigint NOT NULL,
    id                            uuid NOT NULL DEFAULT gen_random_uuid(),
    discovery_session_id          uuid NOT NULL,
    author_email                  text NOT NULL CHECK (author_email = lower(author_email)),
    author_name                   text NOT NULL,
    developer_hash                text GENERATED ALWAYS AS (patterns.sha256_hex(author_email)) STORED,
    commit_count                  integer NOT NULL CHECK (commit_count > 0),
    specialty_files               text[] NOT NULL DEFAULT '{}',
    specialization_score          double precision NOT NULL CHECK (specialization_score BETWEEN 0 AND 1),
    change_velocity               double precision NOT NULL CHECK (change_velocity >= 0),
    consistency_score             double precision NOT NULL CHECK (consistency_score > 0 AND consistency_score <= 1),
    commit_regularity_coefficient double precision CHECK (commit_regularity_coefficient >= 0),
    avg_files_per_commit          double precision NOT NULL CHECK (avg_files_per_commit >= 0),
    avg_lines_per_commit          double precision NOT NULL CHECK (avg_lines_per_commit >= 0),
    commit_type_distribution      jsonb NOT NULL DEFAULT '{}',
    frequent_collaborators        text[] NOT NULL DEFAULT '{}',
    collaboration_files           text[] NOT NULL DEFAULT '{}',
    temporal_overlap_score        double precision CHECK (temporal_overlap_score BETWEEN 0 AND 1),
    first_commit_date             timestamptz NOT NULL,
    last_commit_date              timestamptz NOT NULL,
    active_days_count             integer NOT NULL CHECK (active_days_count > 0),
    created_at                    timestamptz NOT NULL DEFAULT now(),
    updated_at                    timestamptz NOT NULL DEFAULT now(),
    is_active                     boolean NOT NULL DEFAULT true,
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, discovery_session_id)
        REFERENCES patterns.pattern_discovery_sessions (project_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_developer_pattern_per_session UNIQUE (project_id, discovery_session_id, developer_hash)
);
COMMENT ON TABLE patterns.developer_patterns IS 'Each author''s profile (spec section 3): velocity, consistency, regularity, specialization, commit types, collaborators.';
COMMENT ON COLUMN patterns.developer_patterns.author_email IS 'The author''s identity: the lower-cased email.';
COMMENT ON COLUMN patterns.developer_patterns.author_name IS 'The name on the author''s latest commit in T.';
COMMENT ON COLUMN patterns.developer_patterns.developer_hash IS 'sha256 (hex) of the email.';
COMMENT ON COLUMN patterns.developer_patterns.commit_count IS 'The author''s commits in T.';
COMMENT ON COLUMN patterns.developer_patterns.specialty_files IS 'Files where the author made at least half of the changes and at least 3; most changes first, at most 20.';
COMMENT ON COLUMN patterns.developer_patterns.specialization_score IS '1 - H / ln(D): H the entropy of the author''s changes over directories, D the directories changed in T (1 when D <= 1).';
COMMENT ON COLUMN patterns.developer_patterns.change_velocity IS 'Commits per week between the first and last commit (at least one week).';
COMMENT ON COLUMN patterns.developer_patterns.consistency_score IS 'ISO weeks with a commit / ISO weeks spanned.';
COMMENT ON COLUMN patterns.developer_patterns.commit_regularity_coefficient IS 'Coefficient of variation of the gaps between consecutive commits (NULL with fewer than 3 commits or a mean gap of 0).';
COMMENT ON COLUMN patterns.developer_patterns.avg_files_per_commit IS 'Files changed per commit.';
COMMENT ON COLUMN patterns.developer_patterns.avg_lines_per_commit IS 'Lines added and deleted per commit (binary files 0).';
COMMENT ON COLUMN patterns.developer_patterns.commit_type_distribution IS 'Commits by type (Conventional Commits type, else fix by keyword, else other).';
COMMENT ON COLUMN patterns.developer_patterns.frequent_collaborators IS 'Up to 5 authors who changed the most files in common with this one.';
COMMENT ON COLUMN patterns.developer_patterns.collaboration_files IS 'Up to 20 files the author shares with other authors, most authors first.';
COMMENT ON COLUMN patterns.developer_patterns.temporal_overlap_score IS 'Mean Jaccard index of active ISO weeks with the frequent collaborators.';
COMMENT ON COLUMN patterns.developer_patterns.first_commit_date IS 'Authored time of the first commit in T.';
COMMENT ON COLUMN patterns.developer_patterns.last_commit_date IS 'Authored time of the last commit in T.';
COMMENT ON COLUMN patterns.developer_patterns.active_days_count IS 'Distinct dates with a commit, in the author''s local time.';
COMMENT ON COLUMN patterns.developer_patterns.created_at IS 'When the row was created.';
COMMENT ON COLUMN patterns.developer_patterns.updated_at IS 'When its numbers last changed.';
COMMENT ON COLUMN patterns.developer_patterns.is_active IS 'False once superseded.';
CREATE INDEX developer_patterns_session_idx ON patterns.developer_patterns (project_id, discovery_session_id);
COMMENT ON INDEX patterns.developer_patterns_session_idx IS 'Patterns of a run (supports the foreign key).';
CREATE INDEX developer_patterns_author_idx ON patterns.developer_patterns (project_id, author_email, updated_at DESC);
COMMENT ON INDEX patterns.developer_patterns_author_idx IS 'An author''s profiles, newest first.';
CREATE INDEX developer_patterns_specialization_idx ON patterns.developer_patterns (project_id, specialization_score DESC, consistency_score DESC) WHERE is_active;
COMMENT ON INDEX patterns.developer_patterns_specialization_idx IS 'Active profiles by specialization.';
CREATE INDEX developer_patterns_velocity_idx ON patterns.developer_patterns (project_id, change_velocity DESC, consistency_score DESC);
COMMENT ON INDEX patterns.developer_patterns_velocity_idx IS 'Profiles by velocity.';
CREATE INDEX developer_patterns_specialties_idx ON patterns.developer_patterns USING gin (specialty_files);
COMMENT ON INDEX patterns.developer_patterns_specialties_idx IS 'Authors specialised in a file.';

CREATE TABLE patterns.change_magnitude_patterns (
    project_id                  bigint NOT NULL,
    id                          uuid NOT NULL DEFAULT gen_random_uuid(),
    discovery_session_id        uuid NOT NULL,
    file_path                   text NOT NULL,
    file_extension              text,
    file_category               text NOT NULL CHECK (file_category IN ('test', 'docs', 'ci', 'config', 'source')),
    change_category             text NOT NULL CHECK (change_category IN ('small', 'medium', 'large', 'massive')),
    avg_lines_per_change        double precision NOT NULL CHECK (avg_lines_per_change >= 0),
    max_lines_changed           integer NOT NULL CHECK (max_lines_changed >= 0),
    change_frequency            double precision NOT NULL CHECK (change_frequency >= 0),
    volatility_score            double precision NOT NULL CHECK (volatility_score >= 0),
    stability_score             double precision NOT NULL CHECK (stability_score BETWEEN 0 AND 1),
    change_trend                text NOT NULL CHECK (change_trend IN ('increasing', 'decreasing', 'stable', 'volatile')),
    trend_coefficient           double precision NOT NULL,
    risk_score                  double precision NOT NULL CHECK (risk_score BETWEEN 0 AND 1),
    risk_level                  text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
    anomaly_score               double precision NOT NULL CHECK (anomaly_score BETWEEN 0 AND 1),
    hotspot_score               double precision NOT NULL CHECK (hotspot_score BETWEEN 0 AND 1),
    contributor_diversity_score double precision NOT NULL CHECK (contributor_diversity_score BETWEEN 0 AND 1),
    change_type_distribution    jsonb NOT NULL DEFAULT '{}',
    seasonal_patterns           double precision[] NOT NULL DEFAULT '{}',
    first_change_date           timestamptz NOT NULL,
    last_change_date            timestamptz NOT NULL,
    total_changes               integer NOT NULL CHECK (total_changes > 0),
    lifespan_days               double precision NOT NULL CHECK (lifespan_days >= 0),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    is_active                   boolean NOT NULL DEFAULT true,
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, discovery_session_id)
        REFERENCES patterns.pattern_discovery_sessions (project_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_magnitude_pattern_per_session UNIQUE (project_id, discovery_session_id, file_path)
);
COMMENT ON TABLE patterns.change_magnitude_patterns IS 'Each file''s change profile (spec section 4): sizes, frequency, volatility, stability, trend, hotspot and anomaly scores and the risk they add up to.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.file_path IS 'The file''s latest path across renames.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.file_extension IS 'Lower-cased part after the last dot of the base name; NULL without one (or for a dot file such as .gitignore).';
COMMENT ON COLUMN patterns.change_magnitude_patterns.file_category IS 'test, docs, ci, config or source, by the spec''s path rules.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.change_category IS 'small (< 10 lines per change), medium (< 50), large (< 200) or massive.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.avg_lines_per_change IS 'Mean lines added and deleted per change (binary 0).';
COMMENT ON COLUMN patterns.change_magnitude_patterns.max_lines_changed IS 'The largest change.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.change_frequency IS 'Changes per week from the first change to the end of the span (at least one week).';
COMMENT ON COLUMN patterns.change_magnitude_patterns.volatility_score IS 'Coefficient of variation of the change sizes.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.stability_score IS '1 - ISO weeks with a change / ISO weeks from the first change to the end of the span.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.change_trend IS 'increasing, decreasing, volatile or stable (spec section 4).';
COMMENT ON COLUMN patterns.change_magnitude_patterns.trend_coefficient IS 'Least-squares slope of changes per 30.4375-day period over the trailing 12 periods, times (m - 1), over the mean.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.risk_score IS 'r = 0.35 hotspot + 0.25 anomaly + 0.20 (1 - stability) + 0.20 diversity.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.risk_level IS 'critical (r >= 0.55), high (>= 0.45), medium (>= 0.30) or low.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.anomaly_score IS 'Share of the file''s changes larger than the 95th percentile of all change sizes in T.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.hotspot_score IS 'sqrt(percent_rank(total_changes) * percent_rank(net size)) among the run''s files.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.contributor_diversity_score IS '1 - sum of squared author shares of the file''s changes.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.change_type_distribution IS 'Changes by git status letter.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.seasonal_patterns IS 'Share of changes per season: DJF, MAM, JJA, SON (author''s local time).';
COMMENT ON COLUMN patterns.change_magnitude_patterns.first_change_date IS 'Authored time of the first change in T.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.last_change_date IS 'Authored time of the last change in T.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.total_changes IS 'Commits in T changing the file.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.lifespan_days IS 'Days from the first to the last change (fractional).';
COMMENT ON COLUMN patterns.change_magnitude_patterns.created_at IS 'When the row was created.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.updated_at IS 'When its numbers last changed.';
COMMENT ON COLUMN patterns.change_magnitude_patterns.is_active IS 'False once superseded.';
CREATE INDEX magnitude_patterns_session_idx ON patterns.change_magnitude_patterns (project_id, discovery_session_id);
COMMENT ON INDEX patterns.magnitude_patterns_session_idx IS 'Patterns of a run (supports the foreign key).';
CREATE INDEX magnitude_patterns_file_idx ON patterns.change_magnitude_patterns (project_id, file_path, updated_at DESC);
COMMENT ON INDEX patterns.magnitude_patterns_file_idx IS 'A file''s profiles, newest first.';
CREATE INDEX magnitude_patterns_risk_idx ON patterns.change_magnitude_patterns (project_id, risk_level, anomaly_score DESC, hotspot_score DESC);
COMMENT ON INDEX patterns.magnitude_patterns_risk_idx IS 'Files by risk.';
CREATE INDEX magnitude_patterns_active_risk_idx ON patterns.change_magnitude_patterns (project_id, risk_score DESC) WHERE is_active;
COMMENT ON INDEX patterns.magnitude_patterns_active_risk_idx IS 'The riskiest active files of a project, first (api.pattern_risk_files).';
CREATE INDEX magnitude_patterns_category_idx ON patterns.change_magnitude_patterns (project_id, change_category, volatility_score DESC);
COMMENT ON INDEX patterns.magnitude_patterns_category_idx IS 'Files by change category and volatility.';

CREATE TABLE patterns.pattern_insights (
    project_id                bigint NOT NULL,
    id                        uuid NOT NULL DEFAULT gen_random_uuid(),
    discovery_session_id      uuid NOT NULL,
    insight_type              text NOT NULL CHECK (insight_type IN (
        'file_coupling', 'temporal_patterns', 'developer_specialization', 'high_risk_files',
        'change_anomalies', 'collaboration_gaps', 'architectural_hotspots', 'quality_concerns')),
    insight_category          text NOT NULL DEFAULT 'development_intelligence',
    subject                   text NOT NULL,
    title                     text NOT NULL CHECK (title ~ '\S' AND length(title) <= 255),
    description               text NOT NULL CHECK (description ~ '\S'),
    detailed_analysis         text,
    confidence_score          double precision NOT NULL CHECK (confidence_score BETWEEN 0.70 AND 1),
    statistical_support       jsonb NOT NULL DEFAULT '{}',
    supporting_pattern_ids    uuid[] NOT NULL DEFAULT '{}',
    risk_level                text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
    risk_factors              text[] NOT NULL DEFAULT '{}',
    business_impact           text CHECK (business_impact IN ('low', 'medium', 'high', 'critical')),
    recommendations           text[] NOT NULL DEFAULT '{}',
    implementation_complexity text CHECK (implementation_complexity IN ('low', 'medium', 'high')),
    estimated_effort_hours    integer CHECK (estimated_effort_hours >= 0),
    priority_score            integer NOT NULL CHECK (priority_score BETWEEN 1 AND 10),
    validation_status         text NOT NULL DEFAULT 'pending'
                              CHECK (validation_status IN ('pending', 'validated', 'rejected', 'implemented')),
    validation_notes          text,
    implementation_notes      text,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    expires_at                timestamptz,
    is_active                 boolean NOT NULL DEFAULT true,
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, discovery_session_id)
        REFERENCES patterns.pattern_discovery_sessions (project_id, id) ON DELETE CASCADE,
    CONSTRAINT uq_insight_per_session UNIQUE (project_id, discovery_session_id, insight_type, subject)
);
COMMENT ON TABLE patterns.pattern_insights IS 'What a person can act on (spec section 5): a type, a subject, a confidence of at least 0.70, a risk level, recommendations and a priority, with the patterns behind it.';
COMMENT ON COLUMN patterns.pattern_insights.insight_type IS 'file_coupling, temporal_patterns, developer_specialization, high_risk_files, change_anomalies, collaboration_gaps, architectural_hotspots or quality_concerns.';
COMMENT ON COLUMN patterns.pattern_insights.insight_category IS 'A grouping for dashboards.';
COMMENT ON COLUMN patterns.pattern_insights.subject IS 'What the insight is about: a file, a pair (path_1|path_2), a directory, an author or a pattern type.';
COMMENT ON COLUMN patterns.pattern_insights.title IS 'A one-line summary.';
COMMENT ON COLUMN patterns.pattern_insights.description IS 'What was found, with its numbers.';
COMMENT ON COLUMN patterns.pattern_insights.detailed_analysis IS 'Further explanation.';
COMMENT ON COLUMN patterns.pattern_insights.confidence_score IS 'The confidence the spec assigns to the insight type (only >= 0.70 are stored).';
COMMENT ON COLUMN patterns.pattern_insights.statistical_support IS 'The numbers behind the insight (JSON).';
COMMENT ON COLUMN patterns.pattern_insights.supporting_pattern_ids IS 'Ids of the patterns (of any pattern table) it rests on.';
COMMENT ON COLUMN patterns.pattern_insights.risk_level IS 'low, medium, high or critical.';
COMMENT ON COLUMN patterns.pattern_insights.risk_factors IS 'What makes it risky.';
COMMENT ON COLUMN patterns.pattern_insights.business_impact IS 'low, medium, high or critical.';
COMMENT ON COLUMN patterns.pattern_insights.recommendations IS 'What to do about it.';
COMMENT ON COLUMN patterns.pattern_insights.implementation_complexity IS 'low, medium or high.';
COMMENT ON COLUMN patterns.pattern_insights.estimated_effort_hours IS 'A rough effort estimate.';
COMMENT ON COLUMN patterns.pattern_insights.priority_score IS '1 (lowest) to 10 (highest).';
COMMENT ON COLUMN patterns.pattern_insights.validation_status IS 'pending, validated, rejected or implemented: what people made of it.';
COMMENT ON COLUMN patterns.pattern_insights.validation_notes IS 'Notes on the validation.';
COMMENT ON COLUMN patterns.pattern_insights.implementation_notes IS 'Notes on what was done.';
COMMENT ON COLUMN patterns.pattern_insights.created_at IS 'When the row was created.';
COMMENT ON COLUMN patterns.pattern_insights.updated_at IS 'When it last changed.';
COMMENT ON COLUMN patterns.pattern_insights.expires_at IS 'When it stops being relevant, if it does.';
COMMENT ON COLUMN patterns.pattern_insights.is_active IS 'False once superseded.';
CREATE INDEX insights_session_idx ON patterns.pattern_insights (project_id, discovery_session_id);
COMMENT ON INDEX patterns.insights_session_idx IS 'Insights of a run (supports the foreign key).';
CREATE INDEX insights_type_confidence_idx ON patterns.pattern_insights (project_id, insight_type, confidence_score DESC);
COMMENT ON INDEX patterns.insights_type_confidence_idx IS 'Insights of a type by confidence.';
CREATE INDEX insights_risk_priority_idx ON patterns.pattern_insights (project_id, risk_level, priority_score DESC, confidence_score DESC);
COMMENT ON INDEX patterns.insights_risk_priority_idx IS 'Insights by risk and priority.';
CREATE INDEX insights_active_recent_idx ON patterns.pattern_insights (project_id, is_active, created_at DESC) WHERE is_active;
COMMENT ON INDEX patterns.insights_active_recent_idx IS 'A project''s active insights, newest first.';
CREATE INDEX insights_title_fts_idx ON patterns.pattern_insights USING gin (to_tsvector('english', title));
COMMENT ON INDEX patterns.insights_title_fts_idx IS 'Full-text search on titles.';
CREATE INDEX insights_description_fts_idx ON patterns.pattern_insights USING gin (to_tsvector('english', description));
COMMENT ON INDEX patterns.insights_description_fts_idx IS 'Full-text search on descriptions.';
CREATE INDEX insights_recommendations_idx ON patterns.pattern_insights USING gin (recommendations);
COMMENT ON INDEX patterns.insights_recommendations_idx IS 'Insights carrying a recommendation.';
