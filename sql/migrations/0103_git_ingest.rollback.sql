DROP FUNCTION git.finish_ingest(bigint, text, text, bigint);
DROP FUNCTION git.forget_history(bigint);
DROP FUNCTION git.begin_ingest(text, text, text);
