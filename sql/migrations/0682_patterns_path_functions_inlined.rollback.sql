-- Back to the path functions of 0202.

CREATE OR REPLACE FUNCTION patterns.file_extension(p_path text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- The part after the last dot of the base name, lower-cased; NULL without one, for a
    -- name whose only dot leads it (.gitignore), or when nothing follows the dot.
    SELECT CASE WHEN base ~ '^\.[^.]*$' OR position('.' IN base) = 0 THEN NULL
                ELSE nullif(lower(substring(base FROM '\.([^.]*)$')), '') END
      FROM (SELECT substring(p_path FROM '[^/]*$') AS base) b
$$;

CREATE OR REPLACE FUNCTION patterns.file_category(p_path text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- The spec's rules in their order; path segments (the base name included) are
    -- compared case-sensitively, extensions case-insensitively.
    SELECT CASE
        WHEN segments && ARRAY['test', 'tests', 'spec', '__tests__']
          OR base LIKE 'test\_%' OR base ~ '_test\.' OR base ~ '\.test\.' OR base ~ '\.spec\.' THEN 'test'
        WHEN lower(base) ~ '\.(md|rst|txt|adoc)$' OR segments && ARRAY['docs', 'doc'] THEN 'docs'
        WHEN segments[1] IN ('.github', '.circleci') AND cardinality(segments) > 1
          OR (cardinality(segments) = 1 AND base LIKE '.gitlab-ci%') THEN 'ci'
        WHEN lower(base) ~ '\.(json|yaml|yml|toml|ini|cfg|conf|env|lock|xml)$'
          OR base IN ('Makefile', 'Dockerfile', '.gitignore') THEN 'config'
        ELSE 'source'
    END
      FROM (SELECT string_to_array(p_path, '/') AS segments, substring(p_path FROM '[^/]*$') AS base) s
$$;

CREATE OR REPLACE FUNCTION patterns.parent_directory(p_path text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT coalesce(substring(p_path FROM '^(.*)/[^/]*$'), '')
$$;
