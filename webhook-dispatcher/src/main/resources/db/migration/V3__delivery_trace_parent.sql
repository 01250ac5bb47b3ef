-- The W3C trace context of the scheduling record a delivery came from: every attempt joins that trace.
ALTER TABLE delivery ADD COLUMN trace_parent TEXT;
