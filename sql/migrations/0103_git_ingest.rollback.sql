DROP FUNCTION git.finish_ingest(bigint, text, text);
DROP FUNCTION git.forget_history(bigint);
DROP FUNCTION git.begin_ingest(text, text, text);
