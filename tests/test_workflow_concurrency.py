"""Two sessions recording the same new operation-pattern signature at once get one pattern."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg

from conftest import query

RECORD = "SELECT pattern_id, is_new FROM workflow.record_pattern_occurrence(%s, 'test', %s::jsonb)"


def test_a_second_session_waits_for_the_first_and_finds_its_new_pattern(migrated_db):
    with psycopg.connect(migrated_db) as first, psycopg.connect(migrated_db) as second:
        second_pid = second.info.backend_pid
        first_result = first.execute(RECORD, ("race:one", '{"workflow_id": "w1", "total_tokens": 100}')).fetchone()
        # The first transaction is still open: the second must wait on the signature's unique key.
        outcome = {}
        thread = threading.Thread(target=lambda: outcome.update(result=second.execute(
            RECORD, ("race:one", '{"workflow_id": "w2", "total_tokens": 300}')).fetchone()))
        thread.start()
        deadline = time.monotonic() + 10
        while not query(migrated_db, "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s",
                        (second_pid,))[0][0]:
            assert time.monotonic() < deadline, "the second session never waited for the first"
            time.sleep(0.02)
        first.commit()
        thread.join(10)
        second.commit()
    assert first_result[1] is True
    assert outcome["result"] == (first_result[0], False)
    assert query(migrated_db, """SELECT count(*), sum(occurrence_count), sum(avg_tokens_with_llm)
                                   FROM workflow.operation_patterns""") == [(1, 2, 200)]


def test_many_sessions_racing_on_one_new_signature_make_one_pattern(migrated_db):
    sessions = 8
    barrier = threading.Barrier(sessions)

    def record(i: int):
        with psycopg.connect(migrated_db, autocommit=True) as conn:
            barrier.wait()
            return conn.execute(RECORD, ("race:many", f'{{"workflow_id": "w{i}"}}')).fetchone()

    with ThreadPoolExecutor(sessions) as pool:
        results = list(pool.map(record, range(sessions)))
    assert len({pattern_id for pattern_id, _ in results}) == 1
    assert sorted(is_new for _, is_new in results) == [False] * (sessions - 1) + [True]
    assert query(migrated_db, "SELECT occurrence_count FROM workflow.operation_patterns") == [(sessions,)]
