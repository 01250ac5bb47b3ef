-- A claim now finds an event's earlier unfinished delivery through delivery_by_event, an index whose estimates rest on
-- event ids, never on how many rows are pending at the moment statistics were taken. Through this partial index, with
-- statistics taken while nothing was pending, the planner scanned every pending row for every candidate (DeliveryClaims).
DROP INDEX delivery_pending_by_event;
