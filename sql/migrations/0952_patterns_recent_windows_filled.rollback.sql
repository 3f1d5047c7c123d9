-- The windows as 0950 added them (0950's rollback drops them).
UPDATE patterns.file_pair_counts SET recent_1 = 0, recent_2 = 0 WHERE recent_1 <> 0 OR recent_2 <> 0;
