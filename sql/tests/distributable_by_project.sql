-- ops.distribution_blockers() and the check "distributable by project": what Citus would refuse.
BEGIN;
SELECT plan(8);

SELECT is((SELECT count(*) FROM ops.distribution_blockers() WHERE table_name !~ '^patterns\.'), 0::bigint,
          'Check that the git, learning, workflow, core and ops tables carry project_id in every key');

CREATE TABLE core.scoped_parent (project_id bigint REFERENCES core.projects, id int, code text,
                                 PRIMARY KEY (project_id, id), UNIQUE (project_id, code));
CREATE INDEX ON core.scoped_parent (project_id);
SELECT is((SELECT count(*) FROM ops.distribution_blockers() WHERE table_name = 'core.scoped_parent'), 0::bigint,
          'Check that a table keyed by project_id first is not listed');

CREATE TABLE core.scoped_by_id (project_id bigint, id int PRIMARY KEY);
SELECT results_eq($$SELECT constraint_name, problem FROM ops.distribution_blockers() WHERE table_name = 'core.scoped_by_id'$$,
                  $$VALUES ('scoped_by_id_pkey', 'primary key without project_id')$$,
                  'Check that a primary key without project_id is named');

CREATE UNIQUE INDEX scoped_parent_code_idx ON core.scoped_parent (code);
SELECT results_eq($$SELECT constraint_name, problem FROM ops.distribution_blockers() WHERE table_name = 'core.scoped_parent'$$,
                  $$VALUES ('core.scoped_parent_code_idx', 'unique index without project_id')$$,
                  'Check that a unique index without project_id is named');
DROP INDEX core.scoped_parent_code_idx;

CREATE TABLE core.scoped_child (project_id bigint, id int, parent_id int, PRIMARY KEY (project_id, id),
                                CONSTRAINT by_id_only FOREIGN KEY (project_id, parent_id) REFERENCES core.scoped_parent (project_id, id));
SELECT is((SELECT count(*) FROM ops.distribution_blockers() WHERE table_name = 'core.scoped_child'), 0::bigint,
          'Check that a foreign key matching project_id with project_id is not listed');
ALTER TABLE core.scoped_child DROP CONSTRAINT by_id_only;
ALTER TABLE core.scoped_parent ADD UNIQUE (id);
ALTER TABLE core.scoped_child ADD CONSTRAINT by_id_only FOREIGN KEY (parent_id) REFERENCES core.scoped_parent (id);
SELECT results_eq($$SELECT constraint_name, problem FROM ops.distribution_blockers() WHERE table_name = 'core.scoped_child'$$,
                  $$VALUES ('by_id_only', 'foreign key to core.scoped_parent without project_id = project_id')$$,
                  'Check that a foreign key between project-scoped tables without project_id is named');

CREATE TABLE core.unscoped (id int PRIMARY KEY, project_id_alias bigint, parent_project bigint, parent_id int,
                            FOREIGN KEY (parent_project, parent_id) REFERENCES core.scoped_parent (project_id, id));
SELECT results_eq($$SELECT problem FROM ops.distribution_blockers() WHERE table_name = 'core.unscoped'$$,
                  $$VALUES ('foreign key to the project-scoped core.scoped_parent from a table without project_id')$$,
                  'Check that a table without project_id pointing into a project-scoped one is named');

SELECT is((SELECT status FROM ops.validate_schema_integrity() WHERE check_name = 'distributable by project'), 'warn',
          'Check that verify warns (and does not fail) while something is listed');

SELECT * FROM finish();
ROLLBACK;
