-- The claim takes due deliveries in (next_attempt_at, intake_seq) order: an index in that order serves it without
-- sorting every due row.
CREATE INDEX delivery_due_in_order ON delivery (next_attempt_at, intake_seq) WHERE status = 'PENDING';
DROP INDEX delivery_due;
