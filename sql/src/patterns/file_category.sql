CREATE OR REPLACE FUNCTION patterns.file_category(p_path text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    -- The spec's rules in their order; path segments (the base name, split_part(p_path,
    -- '/', -1), included) are compared case-sensitively, extensions case-insensitively.
    SELECT CASE
        WHEN string_to_array(p_path, '/') && ARRAY['test', 'tests', 'spec', '__tests__']
          OR split_part(p_path, '/', -1) LIKE 'test\_%'
          OR split_part(p_path, '/', -1) ~ '_test\.|\.test\.|\.spec\.' THEN 'test'
        WHEN lower(split_part(p_path, '/', -1)) ~ '\.(md|rst|txt|adoc)$'
          OR string_to_array(p_path, '/') && ARRAY['docs', 'doc'] THEN 'docs'
        WHEN split_part(p_path, '/', 1) IN ('.github', '.circleci') AND position('/' IN p_path) > 0
          OR (position('/' IN p_path) = 0 AND p_path LIKE '.gitlab-ci%') THEN 'ci'
        WHEN lower(split_part(p_path, '/', -1)) ~ '\.(json|yaml|yml|toml|ini|cfg|conf|env|lock|xml)$'
          OR split_part(p_path, '/', -1) IN ('Makefile', 'Dockerfile', '.gitignore') THEN 'config'
        ELSE 'source'
    END
$function$;
COMMENT ON FUNCTION patterns.file_category(text) IS 'test, docs, ci, config or source, by the path rules of spec section 4.';
GRANT EXECUTE ON FUNCTION patterns.file_category(text) TO pgpattern_writer;
