-- Every claim and every attempt moves next_attempt_at, an indexed column, so each writes a new row version into every
-- index of the table. This one served only the operator's search by status, which is rare and may read the table; the
-- hot path no longer pays an entry for it twice per attempt.
DROP INDEX delivery_by_status_time;
