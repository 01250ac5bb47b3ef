-- The W3C trace context of the request that made the change, so the trace goes on through Kafka to the consumers.
ALTER TABLE outbox_message ADD COLUMN trace_parent TEXT;
