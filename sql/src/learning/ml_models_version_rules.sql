CREATE OR REPLACE FUNCTION learning.ml_models_version_rules()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
    v_active_version text;
BEGIN
    -- Lineage is fixed at creation (so it cannot form a cycle); one active version per name.
    IF TG_OP = 'UPDATE' AND NEW.parent_model_id IS DISTINCT FROM OLD.parent_model_id THEN
        RAISE EXCEPTION 'ml_models.parent_model_id of % % cannot change from % to %',
            NEW.name, NEW.version, coalesce(OLD.parent_model_id::text, 'NULL'), coalesce(NEW.parent_model_id::text, 'NULL')
            USING ERRCODE = 'check_violation',
                  HINT = 'lineage is set when a version is created: register a new version instead';
    END IF;
    IF NEW.status = 'active' AND (TG_OP = 'INSERT' OR OLD.status <> 'active' OR OLD.name <> NEW.name) THEN
        SELECT m.version INTO v_active_version
          FROM learning.ml_models m
         WHERE m.project_id = NEW.project_id AND m.name = NEW.name AND m.status = 'active'
           AND m.model_id <> NEW.model_id;
        IF FOUND THEN
            RAISE EXCEPTION 'ml_models: model % already has an active version %, so version % cannot be active too',
                NEW.name, v_active_version, NEW.version
                USING ERRCODE = 'unique_violation',
                      HINT = format('deprecate version %s first, or use learning.activate_model() to switch in one step',
                                    v_active_version);
        END IF;
    END IF;
    RETURN NEW;
END
$function$;
COMMENT ON FUNCTION learning.ml_models_version_rules() IS 'BEFORE INSERT OR UPDATE trigger function of learning.ml_models: parent_model_id never changes; a second active version of a name raises unique_violation (23505) naming both versions.';
GRANT EXECUTE ON FUNCTION learning.ml_models_version_rules() TO pgpattern_writer;
